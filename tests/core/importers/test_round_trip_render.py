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
    _same(read_plan(rendered / "example.docx"), example_plan)


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice renders the PDF")
def test_it_reads_back_the_rendered_pdf(rendered, example_plan):
    from duban.core.render.pdf import docx_to_pdf

    pdf = rendered / "example.pdf"
    pdf.write_bytes(docx_to_pdf((rendered / "example.docx").read_bytes()))
    _same(read_plan(pdf), example_plan)
