"""Header names of the genre → column meanings (columns.py)."""

from __future__ import annotations

import pytest

from duban.core.importers.assemble.columns import header_kind, is_header_row, map_columns


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        ("序  号", "seq"),
        ("年度任务目标", "target"),
        ("重点工作任务", "target"),
        ("目标与任务", "target"),
        ("实事内容", "target"),
        ("项目建设规模及内容", "target"),
        ("责任\n单位", "units"),
        ("牵头单位", "lead"),
        ("牵头责任单位", "lead"),
        ("协同配合单位", "co"),
        ("分管县领导", "leader"),
        ("落实情况", "progress"),
        ("当前进度", "progress"),
        ("存在问题", "problems"),
        ("下步打算", "next_steps"),
        ("时间节点", "deadline"),
        ("建设起止年限", "deadline"),
        ("月度工作计划", "plan"),
        ("第三季度", "milestone"),
        ("形象进度", "milestone"),
        ("当年投资（万元）", "figure"),
        ("1-7月完成值（人）", "figure"),
        ("完成比例(%)", "figure"),
        ("是否达序", "status"),
        ("协管责任人", "leader"),
        ("1-10月进展情况", "progress"),
        ("2023年度计划", "plan"),
        ("备注", "notes"),
        ("联系电话", "info"),
        ("资金来源", "info"),
        ("甲方意见", None),
    ],
)
def test_it_knows_the_header_names_districts_use(header, kind):
    assert header_kind(header) == kind


def test_it_reads_a_unit_column_after_a_lead_column_as_co_operating_units():
    cols = map_columns([["序号", "工作任务", "牵头单位", "责任单位", "完成时限"]])
    assert [c.kind for c in cols] == ["seq", "target", "lead", "co", "deadline"]


def test_it_reads_a_two_level_header_with_quarterly_milestones():
    cols = map_columns(
        [
            [
                "序号",
                "工作任务",
                "责任单位",
                "责任单位",
                "形象进度",
                "形象进度",
                "形象进度",
                "形象进度",
            ],
            ["序号", "工作任务", "牵头单位", "配合单位", "一季度", "二季度", "三季度", "四季度"],
        ]
    )
    assert [c.kind for c in cols] == ["seq", "target", "lead", "co"] + ["milestone"] * 4
    assert [(c.label, c.end_month) for c in cols[4:]] == [
        ("一季度", 3),
        ("二季度", 6),
        ("三季度", 9),
        ("四季度", 12),
    ]
    assert cols[4].header == "形象进度/一季度"


def test_it_keeps_an_unknown_column_as_unknown_with_its_header():
    cols = map_columns([["序号", "工作任务", "甲方意见"]])
    assert (cols[2].kind, cols[2].header) == ("unknown", "甲方意见")


def test_it_tells_a_header_row_from_a_task_row():
    assert is_header_row(["序号", "年度任务目标", "责任单位", "进展情况"])
    assert not is_header_row(["1", "地区生产总值增长6%以上", "区发改局", "区发改局："])
    assert not is_header_row(["主要预期目标（共 2项）", "", "", ""])
