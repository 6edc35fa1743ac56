"""Grid → Plan (grid.py): the layer every table reader and text-layout importer shares."""

from __future__ import annotations

import pytest

from duban.core.errors import InputError
from duban.core.importers.assemble.plan import grid_to_plan
from duban.core.importers.grid import Cell, Grid, GridRow, dump
from duban.core.model import Figure

R = GridRow.of
TITLE = "2021年《政府工作报告》任务目标第三季度落实情况表"
HEADER = ["序号", "年度任务目标", "责任单位", "进展情况"]


def _plan(*rows: GridRow):
    return grid_to_plan(Grid(tuple(rows), source="test"))


@pytest.fixture(scope="module")
def progress():
    return _plan(
        R([TITLE], 1),
        R(HEADER, 2),
        R(["主要预期目标（共 2项）", "", "", ""], 3),
        R(
            [
                "1",
                "地区生产总值增长 6%以\n上，固定资产投资增长 5%左右",
                "区发改局\n各镇（街）",
                "区发改局：\n上半年，地区生产总值同比增长 12.1%。\n"
                "底阁镇：\n1-9月，固定资产投资 2.36亿元。",
            ],
            4,
        ),
        R(["2", "城镇新增就业 5000人以上", "区人社局", "1-9月，城镇新增就业 4861人。"], 5),
        R(HEADER, 6),  # the header repeated on the next page
        R(["（一）加快新旧动能转换（共 1项）", "", "", ""], 7),
        R(
            [
                "3",
                "推进丰源集团年产35万吨涂布白纸板项目",
                "区工信局\n丰源集团",
                "项目已经完成立项。",
            ],
            8,
        ),
    )


def test_it_reads_title_year_and_period(progress):
    assert (progress.title, progress.year) == (TITLE, 2021)
    assert (progress.period.label, progress.period.end_month) == ("第三季度", 9)
    assert progress.kind == "progress"


def test_it_reads_sections_with_their_declared_counts(progress):
    assert [(s.number, s.title, s.declared_count, len(s.tasks)) for s in progress.sections] == [
        (0, "主要预期目标", 2, 2),
        (1, "（一）加快新旧动能转换", 1, 1),
    ]


def test_it_reads_tasks_units_and_reports(progress):
    t = progress.task(1)
    assert t.target == "地区生产总值增长6%以上，固定资产投资增长5%左右"
    assert [(u.name, u.role) for u in t.units] == [("区发改局", "lead"), ("各镇（街）", "co")]
    assert [(r.unit, r.text) for r in t.reports] == [
        ("区发改局", "上半年，地区生产总值同比增长 12.1%。"),
        ("底阁镇", "1-9月，固定资产投资 2.36亿元。"),
    ]
    assert [(r.unit, r.text) for r in progress.task(3).reports] == [(None, "项目已经完成立项。")]
    assert progress.warnings == ()


def test_it_joins_a_row_split_by_a_page_break():
    plan = _plan(
        R(HEADER, 1, page=1),
        R(["1", "建设智慧城市", "区大数据局", "已完成招标，"], 2, page=1),
        R(["", "平台", "", "正在建设。"], 3, page=2),
        R(["2", "新建学校2所", "区教体局", "主体完工。"], 4, page=2),
    )
    assert [(t.seq, t.target, t.reports[0].text) for t in plan.tasks] == [
        (1, "建设智慧城市平台", "已完成招标，正在建设。"),
        (2, "新建学校2所", "主体完工。"),
    ]


def test_it_reads_merged_rows_as_one_task_with_a_report_per_unit():
    covered = Cell("", above=True)
    plan = _plan(
        R(HEADER, 1),
        R(["1", "固定资产投资增长5%左右", "区发改局", "1-8月下降4.7%。"], 2),
        GridRow((covered, covered, Cell("底阁镇"), Cell("1-9月，投资2.36亿元。")), 3),
        GridRow((covered, covered, Cell("峨山镇"), Cell("1-9月，投资5.14亿元。")), 4),
    )
    t = plan.task(1)
    assert [(u.name, u.role) for u in t.units] == [
        ("区发改局", "lead"),
        ("底阁镇", "co"),
        ("峨山镇", "co"),
    ]
    assert [(r.unit, r.text) for r in t.reports] == [
        ("区发改局", "1-8月下降4.7%。"),
        ("底阁镇", "1-9月，投资2.36亿元。"),
        ("峨山镇", "1-9月，投资5.14亿元。"),
    ]


def test_it_reads_a_decomposition_table_with_deadlines_leaders_and_milestones():
    plan = _plan(
        R(["峄城区2022年重点工作任务分解表"], 1),
        R(
            [
                "序号",
                "工作任务",
                "责任领导",
                "牵头单位",
                "配合单位",
                "完成时限",
                "形象进度",
                "",
                "",
                "",
            ],
            2,
        ),
        R(["", "", "", "", "", "", "一季度", "二季度", "三季度", "四季度"], 3),
        R(["一", "经济发展", "", "", "", "", "", "", "", ""], 4),
        R(
            [
                "1",
                "新建5G基站300个",
                "张三",
                "区工信局",
                "区住建局、各镇（街）",
                "年底前",
                "完成选址",
                "建成100个",
                "建成200个",
                "建成300个",
            ],
            5,
        ),
        R(["2", "优化营商环境", "李四", "区行政审批服务局", "", "长期坚持", "", "", "", ""], 6),
        R(["3", "城区污水管网改造", "", "区住建局", "", "6月底前", "", "", "", ""], 7),
    )
    assert plan.kind == "decomposition"
    assert [s.title for s in plan.sections] == ["一、经济发展"]
    t1, t2, t3 = plan.tasks
    assert [(u.name, u.role) for u in t1.units] == [
        ("区工信局", "lead"),
        ("区住建局", "co"),
        ("各镇（街）", "co"),
    ]
    assert (t1.deadline, t1.ongoing, t1.leaders) == ("年底前", False, ("张三",))
    assert [(m.label, m.end_month, m.text) for m in t1.milestones] == [
        ("一季度", 3, "完成选址"),
        ("二季度", 6, "建成100个"),
        ("三季度", 9, "建成200个"),
        ("四季度", 12, "建成300个"),
    ]
    assert (t2.deadline, t2.ongoing) == ("长期坚持", True)
    assert (t3.deadline, t3.ongoing) == ("6月底前", False)
    assert t2.reports == ()


def test_it_keeps_an_unknown_column_and_warns_once():
    plan = _plan(
        R(["序号", "工作任务", "责任单位", "甲方意见"], 1),
        R(["1", "新建学校2所", "区教体局", "同意"], 2),
        R(["2", "新增就业5000人", "区人社局", "赵六"], 3),
    )
    assert plan.task(1).extra == (("甲方意见", "同意"),)
    assert [w.message for w in plan.warnings] == ["column '甲方意见' is not one duban knows: kept"]


def test_it_numbers_tasks_through_the_plan_when_each_section_restarts_at_one():
    plan = _plan(
        R(["序号", "工作任务", "牵头单位"], 1),
        R(["一、经济发展", "", ""], 2),
        R(["1", "新建学校2所", "区教体局"], 3),
        R(["二、民生保障", "", ""], 4),
        R(["1", "新增就业5000人", "区人社局"], 5),
    )
    assert [t.seq for t in plan.tasks] == [1, 2]
    assert any("numbered 1 to N" in w.message and w.line == 5 for w in plan.warnings)


def test_it_takes_sections_from_a_merged_category_column():
    covered = Cell("", above=True)
    plan = _plan(
        R(["类别", "序号", "工作任务", "责任单位"], 1),
        R(["经济发展", "1", "新建5G基站300个", "区工信局"], 2),
        GridRow((covered, Cell("2"), Cell("优化营商环境"), Cell("区行政审批服务局")), 3),
        R(["民生保障", "3", "新增就业5000人", "区人社局"], 4),
    )
    assert [(s.title, [t.seq for t in s.tasks]) for s in plan.sections] == [
        ("经济发展", [1, 2]),
        ("民生保障", [3]),
    ]


def test_it_refuses_a_table_without_a_header_row():
    with pytest.raises(InputError, match="names no column duban knows") as err:
        _plan(R(["1", "新建学校2所", "区教体局"], 1))
    assert "(1、新建学校2所、区教体局)" in str(err.value)


def test_it_reads_another_districts_project_table_with_its_own_column_names():
    """A 民生实事 table of another county: project name and scope, money, years, co units."""
    plan = _plan(
        R(["某县2022年民生实事项目推进情况表"], 1),
        R(
            [
                "序号",
                "项目名称",
                "项目建设规模及内容",
                "总投资（万元）",
                "建设起止年限",
                "牵头责任单位",
                "责任单位",
                "分管县领导",
                "当前进度",
                "存在问题",
                "下步打算",
            ],
            2,
        ),
        R(
            [
                "1",
                "城区学校扩容",
                "新建小学1所、幼儿园2所",
                "12000",
                "2022-2023年",
                "县教体局",
                "县住建局、县自然资源局",
                "李某某",
                "县教体局：主体完工。",
                "资金缺口",
                "9月底前交付",
            ],
            3,
        ),
    )
    t = plan.task(1)
    assert t.target == "城区学校扩容：新建小学1所、幼儿园2所"
    assert [(u.name, u.role) for u in t.units] == [
        ("县教体局", "lead"),
        ("县住建局", "co"),
        ("县自然资源局", "co"),
    ]
    assert (t.deadline, t.leaders) == ("2022-2023年", ("李某某",))
    assert [(r.unit, r.text) for r in t.reports] == [("县教体局", "主体完工。")]
    assert t.extra == (("存在问题", "资金缺口"), ("下步打算", "9月底前交付"))
    assert t.figures == (Figure("total", 12000.0, "万元", "总投资（万元）", "12000"),)
    assert (plan.year, plan.kind) == (2022, "progress")


def test_it_dumps_a_grid_with_its_merges_and_column_meanings():
    covered = Cell("", above=True)
    lines = list(
        dump(
            Grid(
                (
                    R(HEADER, 1),
                    GridRow((Cell("1"), Cell("目标"), Cell("区发改局"), Cell("进展")), 2),
                    GridRow((covered, covered, Cell("底阁镇"), Cell("1-9月")), 3),
                ),
                source="t",
            )
        )
    )
    assert (
        lines[2]
        == "      columns: 序号=seq, 年度任务目标=target, 责任单位=units, 进展情况=progress"
    )
    assert lines[-1] == "    3      | ^ | ^ | 底阁镇 | 1-9月"


def test_it_reads_a_list_item_continued_on_the_next_page_as_text_not_a_section():
    plan = _plan(
        R(HEADER, 1, page=1),
        R(["1", "推进项目建设", "区发改局", "（一）完成立项。"], 2, page=1),
        R(["", "", "", "（二）开工建设。"], 3, page=2),
    )
    assert [s.title for s in plan.sections] == [""]
    assert plan.task(1).reports[0].text == "（一）完成立项。\n（二）开工建设。"


def test_it_numbers_the_tasks_of_a_table_without_a_number_column():
    plan = _plan(
        R(["重点工作任务", "牵头单位", "配合单位", "完成时限"], 1),
        R(["新建学校2所", "区教体局", "区住建局", "年底前"], 2),
        R(["新增就业5000人", "区人社局", "", "持续推进"], 3),
    )
    assert [(t.seq, t.target, t.ongoing) for t in plan.tasks] == [
        (1, "新建学校2所", False),
        (2, "新增就业5000人", True),
    ]
    assert [w.message for w in plan.warnings] == [
        "no 序号: tasks are numbered 1 to N in document order"
    ]


def test_it_counts_tasks_when_a_number_is_missing_among_numbers():
    plan = _plan(
        R(["序号", "工作任务", "牵头单位"], 1),
        R(["1", "新建学校2所", "区教体局"], 2),
        R(["一项", "新增就业5000人", "区人社局"], 3),
        R(["3", "改造管网12公里", "区住建局"], 4),
    )
    assert [t.seq for t in plan.tasks] == [1, 2, 3]
    assert [w.line for w in plan.warnings] == [3]
