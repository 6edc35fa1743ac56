"""A copy not for the public says so: 内部资料 heads every page of the table, the bulletin and a
unit's report (Word header, Excel print header); a public copy carries no marking."""

from __future__ import annotations

import io

import openpyxl
import pytest
from docx import Document

from duban.core.render.export import export_bulletin, export_table

MARK = "内部资料"


def _header_texts(docx: bytes) -> list[str]:
    return [p.text for s in Document(io.BytesIO(docx)).sections for p in s.header.paragraphs]


@pytest.mark.parametrize(
    "make",
    [
        lambda plan, m: export_table(plan, "docx", marking=m),
        lambda plan, m: export_bulletin(plan, "docx", issued="2021-10-15", marking=m),
        lambda plan, m: export_bulletin(
            plan, "docx", issued="2021-10-15", unit="区发改局", marking=m
        ),
    ],
    ids=["table", "bulletin", "unit-report"],
)
def test_word_copies_carry_the_marking_in_the_page_header(example_plan, make):
    assert _header_texts(make(example_plan, MARK)) == [MARK]
    assert MARK not in "".join(_header_texts(make(example_plan, None)))


def test_excel_copies_carry_it_in_the_print_header_of_every_sheet(example_plan):
    marked = openpyxl.load_workbook(io.BytesIO(export_table(example_plan, "xlsx", marking=MARK)))
    assert [ws.oddHeader.left.text for ws in marked.worksheets] == [MARK] * len(marked.worksheets)
    public = openpyxl.load_workbook(io.BytesIO(export_table(example_plan, "xlsx")))
    assert {ws.oddHeader.left.text for ws in public.worksheets} == {None}
