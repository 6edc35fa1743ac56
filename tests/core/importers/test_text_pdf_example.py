"""The 2021 Q3 table of 峄城区, as a PDF reader extracted it, is recovered exactly.

Each hard case below was read in the source text (line numbers refer to
examples/yicheng-2021-q3.txt) before the expectation was written.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from duban.core.model import plan_to_dict

GOLDEN = Path(__file__).resolve().parents[2] / "golden" / "yicheng-2021-q3.plan.json"


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def units(plan, seq):
    return [(u.name, u.role) for u in plan.task(seq).units]


def reporters(plan, seq):
    return [r.unit for r in plan.task(seq).reports]


def report(plan, seq, unit):
    return next(r.text for r in plan.task(seq).reports if r.unit == unit)


def test_it_finds_108_tasks_in_nine_sections_matching_their_declared_counts(example_plan):
    counts = [len(s.tasks) for s in example_plan.sections]
    assert counts == [2, 17, 12, 15, 17, 18, 9, 10, 8]
    assert [s.declared_count for s in example_plan.sections] == counts
    assert [t.seq for t in example_plan.tasks] == list(range(1, 109))


def test_it_reads_title_year_period_and_district(example_plan):
    assert example_plan.title == "2021年《政府工作报告》任务目标第三季度落实情况表"
    assert example_plan.year == 2021
    assert (example_plan.period.label, example_plan.period.end_month) == ("第三季度", 9)
    assert example_plan.district == "峄城区"


def test_it_names_sections_without_their_counts(example_plan):
    assert example_plan.sections[0].title == "主要预期目标"
    assert example_plan.sections[8].title.startswith("（八）聚力提升政务能力")


def test_it_leaves_no_warning_on_the_example(example_plan):
    assert example_plan.warnings == ()


def test_it_keeps_the_first_unit_as_lead_and_the_others_as_co(example_plan):
    assert units(example_plan, 2) == [
        ("区财政局", "lead"),
        ("区税务局", "co"),
        ("各镇（街）", "co"),
    ]


def test_it_splits_a_line_holding_seq_target_unit_and_report_header_task_63(example_plan):
    # line 2008: "63 探索实行城市管理轻微违 区综合行政执法 区综合行政执法局："; the rest of the
    # target, and "局", continue at the top of the next page.
    t = example_plan.task(63)
    assert t.target == (
        "探索实行城市管理轻微违章“首违不罚”，统筹协调“地摊经济”与城市环境共荣共生，"
        "精心培育夜间经济，使小城更具“烟火气”。"
    )
    assert units(example_plan, 63) == [("区综合行政执法局", "lead"), ("区市场监管局", "co")]
    assert reporters(example_plan, 63) == ["区综合行政执法局", "区市场监管局"]
    assert report(example_plan, 63, "区综合行政执法局").startswith("根据枣庄市政府通知")


def test_it_splits_the_end_of_a_target_from_progress_on_the_same_line_task_18(example_plan):
    # line 718: " 设枣庄电子信息领军基地。 烯导电、电热浆料项目已申报成为山东省新旧"
    t = example_plan.task(18)
    assert t.target.endswith("拉长上下游产业链，建设枣庄电子信息领军基地。")
    assert "石墨烯导电、电热浆料项目已申报成为山东省新旧动能转换优选项目" in report(
        example_plan, 18, "区大数据局"
    )


def test_it_splits_target_unit_and_progress_run_together_at_a_page_top_task_79(example_plan):
    # line 3325: " 链条，壮大石榴产业集群。 风管委 信息中心、清裕（上海）生态科技有限公司、"
    assert example_plan.task(79).target.endswith("做深延长产业链条，壮大石榴产业集群。")
    assert units(example_plan, 79) == [("区商务和投资促进局", "lead"), ("风管委", "co")]
    assert "国域发县域经济发展信息中心、清裕（上海）生态科技有限公司" in report(
        example_plan, 79, "区商务和投资促进局"
    )


def test_it_splits_unit_and_progress_on_one_line_task_54(example_plan):
    # line 1705: "区发改局 全区已建成 50个公共充电桩。"
    assert units(example_plan, 54) == [("区发改局", "lead")]
    assert [r.text for r in example_plan.task(54).reports] == ["全区已建成50个公共充电桩。"]


def test_it_continues_units_and_progress_after_a_page_break_task_84(example_plan):
    # line 3937: "各镇（街） 能到有效转变，逐步实现河湖干湖常态化，实"
    assert [u for u, _ in units(example_plan, 84)] == [
        "区城乡水务局",
        "区生态环境分局",
        "各镇（街）",
    ]
    assert "从有名到有实、有能到有效转变" in report(example_plan, 84, "区城乡水务局")
    assert example_plan.task(84).target.endswith(
        "完善镇驻地和农村社区污水处理设施，确保水质稳定达标。"
    )


def test_it_joins_unit_names_broken_over_lines(example_plan):
    assert [u for u, _ in units(example_plan, 5)] == ["区商务和投资促进局", "丰源轮胎"]
    assert [u for u, _ in units(example_plan, 19)] == ["峄城化工产业园建设攻坚指挥部", "区工信局"]
    assert [u for u, _ in units(example_plan, 77)] == [
        "农高区",
        "石榴产业三年行动计划领导小组成员单位",
    ]
    assert [u for u, _ in units(example_plan, 83)] == ["区生态环境分局", "九大专班责任单位"]
    assert [u for u, _ in units(example_plan, 105)] == [
        "区委办公室（区委重大事项推进中心）",
        "区政府办公室",
        "区政府各职能部门",
    ]
    assert [u for u, _ in units(example_plan, 99)] == [
        "区生态环境分局",
        "区卫健局",
        "区人社局等执法部门",
    ]


def test_it_keeps_units_continued_on_the_next_page_task_80(example_plan):
    assert [u for u, _ in units(example_plan, 80)] == [
        "区商务和投资促进局",
        "区供销社",
        "宇兴公司",
        "邮政公司",
    ]
    assert reporters(example_plan, 80) == ["区商务和投资促进局", "区供销社", "宇兴公司", "邮政公司"]


def test_it_reads_reporters_that_are_not_in_the_units_column_task_77(example_plan):
    assert reporters(example_plan, 77) == ["农高区", "石榴研究院", "风管委", "榴园镇", "宇兴公司"]


def test_it_keeps_report_headers_as_written_and_adds_the_canonical_name(example_plan):
    r = next(r for r in example_plan.task(44).reports if r.unit == "区人社区")
    assert r.canonical == "区人社局"
    r = example_plan.task(83).reports[0]
    assert (r.unit, r.canonical) == ("区生态环境局", "区生态环境分局")


def test_it_does_not_take_sub_headings_for_reporters_task_59(example_plan):
    t = example_plan.task(59)
    assert reporters(example_plan, 59) == [None]
    assert "智慧城市建设：" in t.reports[0].text
    assert "政务外网与网络安全情况：" in t.reports[0].text


def test_it_keeps_a_single_units_progress_without_header(example_plan):
    t = example_plan.task(91)
    assert [(r.unit, r.text) for r in t.reports] == [
        (None, "城镇新增就业完成3737人，已完成任务的107%。")
    ]


def test_it_joins_numbers_broken_over_lines_task_15(example_plan):
    # lines 598-600: "…转移支付资金 988" + "23 万元。"
    assert "全区共收到各类转移支付资金98823万元" in report(example_plan, 15, "区财政局")


def test_it_removes_spaces_the_extraction_put_around_numbers(example_plan):
    assert example_plan.task(1).target == (
        "地区生产总值增长6%以上，固定资产投资增长5%左右，城乡居民人均可支配收入增长6%左右。"
    )


def test_it_reads_a_target_continued_across_a_page_footer_task_82(example_plan):
    t = example_plan.task(82)
    assert t.target.endswith("全面提升疫情应对能力，切实保障人民群众生命健康安全。")
    assert "人次采集冷链食品环境及样本3055份" in report(example_plan, 82, "区卫健局")


def test_it_keeps_numbered_items_as_paragraphs(example_plan):
    text = example_plan.task(72).reports[0].text
    assert text.split("\n")[-1] == "2、峄金公路续建工程目前已基本完工。"
    assert "\n16.04%" not in report(example_plan, 1, "底阁镇")


def test_it_matches_the_reviewed_golden_copy(example_plan):
    """The whole plan, compared with a copy a person reviewed; DUBAN_UPDATE_GOLDEN=1 rewrites it."""
    data = plan_to_dict(example_plan)
    if os.environ.get("DUBAN_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert data == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_it_accounts_for_every_character_of_the_source(example_path, example_units):
    """Nothing is dropped silently: each character is in a task or recognisable furniture."""
    from duban.core.importers.layouts.lines import classify
    from duban.core.importers.layouts.pdf_columns import measure_widths, split_row
    from duban.core.importers.layouts.pdf_text import _sections_and_rows

    text = example_path.read_text(encoding="utf-8")
    lines = classify(text)
    furniture = "".join(x.text for x in lines if x.kind in ("footer", "title", "header", "section"))
    rows = [r for _, rs in _sections_and_rows(lines, []) for r in rs]
    widths = measure_widths(rows, example_units)
    placed = []
    for row in rows:
        p = split_row(row, widths, example_units)
        placed.append(str(p.seq))
        placed += [x.text for x in p.target + p.units + p.progress]
    assert sorted(squash(furniture + "".join(placed))) == sorted(squash(text))


@pytest.mark.parametrize("seq", [3, 21, 49, 81, 90, 107])
def test_it_ends_every_target_that_crosses_a_page_with_its_sentence(example_plan, seq):
    assert example_plan.task(seq).target.endswith("。")
