"""The example as one landscape A4 table printed to PDF by LibreOffice (tests/fixtures/tables,
made once by make.py): section title rows across the table, several of them opening a page
under the repeated header, still give the 108 tasks exactly."""

from __future__ import annotations

import pdfplumber

from duban.core.importers import read_plan
from tests.core.importers.tables import comparable, sections_of
from tests.core.tables.reading import TABLES


def test_section_rows_open_pages_under_the_repeated_header():
    tops = []
    with pdfplumber.open(TABLES / "example-landscape.pdf") as pdf:
        assert pdf.pages[0].width > pdf.pages[0].height  # landscape
        for page in pdf.pages[1:]:
            words = (page.crop((0, 0, page.width, page.height / 4)).extract_text() or "").split()
            if (
                words[:4] == ["序号", "年度任务目标", "责任单位", "进展情况"]
                and words[4][0] == "（"
            ):
                tops.append(page.page_number)
            page.close()
            if len(tops) == 3:
                break
    assert len(tops) >= 3


def test_it_reads_all_108_tasks_exactly(example_plan, example_units):
    plan = read_plan(TABLES / "example-landscape.pdf", units=example_units)
    assert comparable(plan) == comparable(example_plan)
    assert sections_of(plan) == sections_of(example_plan)
    assert (plan.title, plan.period) == (example_plan.title, example_plan.period)
    assert plan.warnings == ()
