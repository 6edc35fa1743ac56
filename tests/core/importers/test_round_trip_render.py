"""Issue 7's acceptance: the Word table and the PDF that duban renders from the example import
back to the same 108 tasks, units and reports (whitespace ignored)."""

from __future__ import annotations

import shutil

import pytest

from duban.core.importers import read_plan
from duban.core.render.table_docx import table_docx
from tests.core.importers.tables import comparable, sections_of


@pytest.fixture(scope="module")
def rendered(example_plan, tmp_path_factory):
    out = tmp_path_factory.mktemp("render")
    (out / "example.docx").write_bytes(table_docx(example_plan))
    return out


def _same(plan, example_plan) -> None:
    assert len(plan.tasks) == 108
    assert comparable(plan) == comparable(example_plan)
    assert sections_of(plan) == sections_of(example_plan)
    assert (plan.title, plan.period) == (example_plan.title, example_plan.period)
    assert plan.warnings == ()


def test_it_reads_back_the_rendered_word_table(rendered, example_plan):
    _same(read_plan(rendered / "example.docx", units=example_plan.units), example_plan)


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice renders the PDF")
def test_it_reads_back_the_rendered_pdf(rendered, example_plan):
    from duban.core.render.pdf import docx_to_pdf

    pdf = rendered / "example.pdf"
    pdf.write_bytes(docx_to_pdf((rendered / "example.docx").read_bytes()))
    _same(read_plan(pdf, units=example_plan.units), example_plan)


def test_it_reads_back_the_rendered_workbook(example_plan, tmp_path):
    from duban.core.render.table_xlsx import table_xlsx

    (tmp_path / "example.xlsx").write_bytes(table_xlsx(example_plan))
    plan = read_plan(tmp_path / "example.xlsx", units=example_plan.units)
    assert comparable(plan) == comparable(example_plan)
    # The workbook names each task's section in a column (所属部分) and holds no title.
    assert [s.title for s in plan.sections] == [s.title for s in example_plan.sections]
    assert [w.message for w in plan.warnings] == ["sheet '报送' holds no new task table: not read"]
