"""Word tables (docx.py): the example round trip, merges, content controls, decomposition tables."""

from __future__ import annotations

import shutil

import pytest
from docx import Document

from duban.core.importers.formats.docx import docx_grid, read_docx
from tests.core.importers.tables import (
    comparable,
    decomposition_docx,
    progress_docx,
    sections_of,
)


@pytest.mark.parametrize(
    "layout",
    [{}, {"per_unit_rows": True}, {"per_unit_rows": True, "sdt_every": 5}],
    ids=["one-row-per-task", "merged-rows-per-unit", "content-controls"],
)
def test_it_reads_the_example_back_from_a_word_table(example_plan, tmp_path, layout):
    path = progress_docx(example_plan, tmp_path / "example.docx", **layout)
    plan = read_docx(path, units=example_plan.units)
    assert len(plan.tasks) == 108
    assert comparable(plan) == comparable(example_plan)
    assert sections_of(plan) == sections_of(example_plan)
    assert (plan.title, plan.year, plan.period) == (
        example_plan.title,
        example_plan.year,
        example_plan.period,
    )
    assert plan.warnings == ()


def test_it_keeps_rows_inside_content_controls_that_python_docx_drops(example_plan, tmp_path):
    path = progress_docx(example_plan, tmp_path / "sdt.docx", sdt_every=5)
    seen_by_python_docx = len(Document(str(path)).tables[0].rows)
    rows = [r for r in docx_grid(path).rows if len(r.cells) == 4]
    assert seen_by_python_docx < len(rows) == 1 + len(example_plan.sections) + 108


@pytest.fixture(scope="module")
def decomposition(tmp_path_factory):
    return read_docx(decomposition_docx(tmp_path_factory.mktemp("d") / "分解表.docx"))


def test_it_reads_a_decomposition_table_as_a_plan_without_reports(decomposition):
    assert decomposition.kind == "decomposition"
    assert (decomposition.title, decomposition.year) == (
        "峄城区2021年《政府工作报告》重点工作任务分解表",
        2021,
    )
    assert sections_of(decomposition) == [("一、经济发展", None, 2), ("二、城乡建设", None, 2)]
    assert all(t.reports == () for t in decomposition.tasks)


def test_it_reads_lead_and_co_units_leaders_and_deadlines(decomposition):
    got = [
        (t.seq, [(u.name, u.role) for u in t.units], t.leaders, t.deadline, t.ongoing)
        for t in decomposition.tasks
    ]
    assert got == [
        (
            1,
            [("区工信局", "lead"), ("区住建局", "co"), ("各镇（街）", "co")],
            ("张三",),
            "年底前",
            False,
        ),
        (2, [("区行政审批服务局", "lead")], ("李四",), "长期坚持", True),
        (3, [("区住建局", "lead"), ("区财政局", "co")], ("王五",), "6月底前", False),
        (4, [("区交通运输局", "lead"), ("各镇（街）", "co")], ("王五",), "2021年9月", False),
    ]


def test_it_reads_quarterly_milestones_under_a_merged_header(decomposition):
    assert [(m.label, m.end_month, m.text) for m in decomposition.task(1).milestones] == [
        ("一季度", 3, "完成选址"),
        ("二季度", 6, "建成100个"),
        ("三季度", 9, "建成200个"),
        ("四季度", 12, "建成300个"),
    ]
    assert [(m.label, m.text) for m in decomposition.task(3).milestones] == [
        ("一季度", "开工"),
        ("二季度", "完工"),
    ]


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice converts .doc")
def test_it_reads_a_word_97_file_through_libreoffice(tmp_path):
    import subprocess

    docx = decomposition_docx(tmp_path / "分解表.docx")
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
         "--convert-to", "doc", "--outdir", str(tmp_path / "doc"), str(docx)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    plan = read_docx(tmp_path / "doc" / "分解表.doc")
    assert [t.target for t in plan.tasks][:2] == [
        "新建5G基站300个",
        "优化营商环境，企业开办时间压缩至1个工作日",
    ]
    assert plan.source.endswith("分解表.doc")


def test_it_shows_the_grid_it_read_for_parse_debug(decomposition, tmp_path):
    from duban.core.importers.table_debug import debug_table

    lines = list(debug_table(decomposition_docx(tmp_path / "分解表.docx")))
    assert any(
        line.startswith("      columns: 序号=seq, 工作任务=target, 责任领导=leader, 牵头单位=lead")
        for line in lines
    )
    assert any(
        line.endswith(
            "| 1 | 新建5G基站300个 | 张三 | 区工信局 | 区住建局、各镇（街） | 年底前 | 完成选址 | 建成100个 | 建成200个 | 建成300个"
        )
        for line in lines
    )
