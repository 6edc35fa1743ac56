"""Shapes the same genre takes on other sites: two-level headers, paragraphs, labelled lists."""

from __future__ import annotations

from duban.core.importers.layouts.detect import parse_any_text
from tests.core.layouts.reading import messages, rows


def test_it_reads_a_two_level_unit_header_in_pipe_rows():
    plan = parse_any_text(
        "序号 | 工作任务 | 责任单位 | 责任单位 | 进展情况\n"
        " | | 牵头 | 配合 |\n"
        "1 | 新建公园2处 | 区城管局 | 区住建局、区财政局 | 已完成1处。\n"
        "2 | 实施老旧小区改造 | 区住建局 | 各街道 | 完成率45%\n",
        "two-levels.txt",
    )
    assert rows(plan) == [
        (
            1,
            "新建公园2处",
            [("区城管局", "lead"), ("区住建局", "co"), ("区财政局", "co")],
            [],
            ["已完成1处。"],
        ),
        (2, "实施老旧小区改造", [("区住建局", "lead"), ("各街道", "co")], [], ["完成率45%"]),
    ]


def test_it_puts_quarter_cells_of_a_two_level_header_under_their_parent():
    text = "\n\n".join(
        [
            "序号", "重点任务", "责任单位", "形象进度", "完成情况",
            "一季度", "二季度", "三季度", "四季度",
            "1", "建成区级养老服务中心", "区民政局",
            "完成选址", "开工建设", "主体完工", "投入使用", "主体完工，进度80%。",
        ]
    )  # fmt: skip
    t = parse_any_text(text, "quarters.txt").task(1)
    assert [(m.label, m.end_month, m.text) for m in t.milestones] == [
        ("一季度", 3, "完成选址"),
        ("二季度", 6, "开工建设"),
        ("三季度", 9, "主体完工"),
        ("四季度", 12, "投入使用"),
    ]
    assert t.reports[0].text == "主体完工，进度80%。"


def test_it_joins_progress_paragraphs_split_by_blank_lines_before_a_notes_column():
    text = "\n\n".join(
        [
            "2024年1-9月全区重点工作推进情况",
            "序号", "工作任务", "责任单位", "进展情况", "备注",
            "1", "建成智慧停车平台", "区大数据局",
            "平台已上线试运行。", "接入停车场38个。", "无",
            "2", "新增公办学位1500个", "区教体局", "已完成。", "无",
        ]
    )  # fmt: skip
    plan = parse_any_text(text, "paragraphs.txt")
    assert plan.period.end_month == 9
    assert plan.task(1).reports[0].text == "平台已上线试运行。\n接入停车场38个。"
    assert plan.task(1).extra == (("备注", "无"),)
    assert messages(plan) == []


def test_it_reads_labels_in_brackets_after_the_target_and_numbered_progress():
    plan = parse_any_text(
        "东湖区2024年上半年政府工作报告重点任务完成情况\n"
        "（一）产业发展\n"
        "1.推进新能源电池产业园建设，年内完成投资20亿元。"
        "（牵头单位：区发改局；配合单位：区工信局、区自然资源局）\n"
        "进展情况：1.完成投资11.2亿元，完成率56%。\n"
        "2.一号厂房主体封顶。\n"
        "2.新增规上工业企业15家。\n"
        "牵头单位：区工信局\n"
        "进展情况：已完成。\n",
        "list.txt",
    )
    assert (plan.district, plan.period.end_month, plan.kind) == ("东湖区", 6, "progress")
    assert rows(plan) == [
        (
            1,
            "推进新能源电池产业园建设，年内完成投资20亿元。",
            [("区发改局", "lead"), ("区工信局", "co"), ("区自然资源局", "co")],
            [],
            ["1.完成投资11.2亿元，完成率56%。\n2.一号厂房主体封顶。"],
        ),
        (2, "新增规上工业企业15家。", [("区工信局", "lead")], [], ["已完成。"]),
    ]


def test_it_reads_a_table_without_task_numbers_row_by_row():
    text = "\n\n".join(
        ["实事内容", "责任单位", "当前进度",
         "新建口袋公园8处", "区城管局", "已建成5处。",
         "改造农贸市场3个", "区商务局", "已完成。"]
    )  # fmt: skip
    plan = parse_any_text(text, "no-seq.txt")
    assert [(t.seq, t.target, t.reports[0].text) for t in plan.tasks] == [
        (1, "新建口袋公园8处", "已建成5处。"),
        (2, "改造农贸市场3个", "已完成。"),
    ]


def test_it_reads_a_table_copied_from_a_browser_with_tabs_and_an_empty_cell():
    plan = parse_any_text(
        "2024年三季度重点工作进展表\n"
        "序号\t工作任务\t牵头单位\t配合单位\t进展情况\n"
        "1\t新建公园2处\t区城管局\t\t已完成1处。\n"
        "2\t改造老旧小区10个\t区住建局\t各街道\t完成率60%。\n",
        "tabs.txt",
    )
    assert plan.period.end_month == 9
    assert rows(plan) == [
        (1, "新建公园2处", [("区城管局", "lead")], [], ["已完成1处。"]),
        (2, "改造老旧小区10个", [("区住建局", "lead"), ("各街道", "co")], [], ["完成率60%。"]),
    ]


def test_it_keeps_units_written_one_per_paragraph_in_their_cell():
    text = "\n\n".join(
        ["序号", "工作任务", "责任单位", "进展情况",
         "1", "新建公园2处", "区城管局", "区住建局", "已完成1处。", "另1处正在施工。",
         "2", "改造老旧小区10个", "区住建局", "完成6个。"]
    )  # fmt: skip
    plan = parse_any_text(text, "unit-paragraphs.txt")
    assert rows(plan) == [
        (
            1,
            "新建公园2处",
            [("区城管局", "lead"), ("区住建局", "co")],
            [],
            ["已完成1处。\n另1处正在施工。"],
        ),
        (2, "改造老旧小区10个", [("区住建局", "lead")], [], ["完成6个。"]),
    ]


def test_it_reads_a_row_wide_title_cell_as_a_section():
    text = "\n\n".join(
        ["序号", "工作任务", "责任单位", "进展情况",
         "经济发展类",
         "1", "新建公园2处", "区城管局", "已完成。",
         "民生保障类",
         "2", "改造老旧小区10个", "区住建局", "完成6个。",
         "版权所有：东湖区人民政府办公室", "网站标识码：3604000012"]
    )  # fmt: skip
    plan = parse_any_text(text, "spans.txt")
    assert [(s.title, [t.seq for t in s.tasks]) for s in plan.sections] == [
        ("经济发展类", [1]),
        ("民生保障类", [2]),
    ]
    assert plan.task(2).reports[0].text == "完成6个。"


def test_it_reads_list_items_numbered_in_brackets():
    plan = parse_any_text(
        "（1）新建社区食堂10个。\n责任单位：区民政局\n（2）新增托位600个。\n责任单位：区卫健委\n",
        "brackets.txt",
    )
    assert [(t.seq, t.target, t.units[0].name) for t in plan.tasks] == [
        (1, "新建社区食堂10个。", "区民政局"),
        (2, "新增托位600个。", "区卫健委"),
    ]


def test_it_joins_a_row_that_cells_of_several_paragraphs_break_over_lines():
    plan = parse_any_text(
        "序号\t工作任务\t责任单位\t进展情况\n"
        "1\t新建公园2处，\n其中东区1处\t区城管局\t已完成1处。\n"
        "2\t改造老旧小区10个\t区住建局\t完成6个；\n其余4个正在施工。\n"
        "3\t新增学位600个\t区教体局\t已完成。\n",
        "tab-paragraphs.txt",
    )
    assert [(t.seq, t.target, t.reports[0].text) for t in plan.tasks] == [
        (1, "新建公园2处，其中东区1处", "已完成1处。"),
        (2, "改造老旧小区10个", "完成6个；\n其余4个正在施工。"),
        (3, "新增学位600个", "已完成。"),
    ]
    assert messages(plan) == []


def test_it_reads_an_empty_cell_left_as_extra_blank_lines():
    text = (
        "序号\n\n工作任务\n\n牵头单位\n\n配合单位\n\n进展情况\n\n"
        "1\n\n新建公园2处\n\n区城管局\n\n\n\n已完成1处。\n\n"
        "2\n\n改造老旧小区\n\n区住建局\n\n各街道\n\n完成6个。\n"
    )
    plan = parse_any_text(text, "empty-cell.txt")
    assert [[(u.name, u.role) for u in t.units] for t in plan.tasks] == [
        [("区城管局", "lead")],
        [("区住建局", "lead"), ("各街道", "co")],
    ]
    assert not any("carried down" in w.message for w in plan.warnings)
