"""The progress table as Word: every cell read back equals the plan, in the official layout."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.oxml.ns import qn

from duban.core.render.table_docx import HEADERS, table_docx


@pytest.fixture(scope="module")
def document(example_plan):
    return Document(io.BytesIO(table_docx(example_plan)))


def _cell_text(cell) -> str:
    return "\n".join(p.text for p in cell.paragraphs)


def test_it_writes_one_table_per_section_with_every_cell_equal_to_the_plan(document, example_plan):
    assert len(document.tables) == len(example_plan.sections) == 9
    for table, section in zip(document.tables, example_plan.sections, strict=True):
        rows = table.rows
        assert [_cell_text(c) for c in rows[0].cells] == list(HEADERS)
        assert len(rows) == len(section.tasks) + 1
        for row, task in zip(rows[1:], section.tasks, strict=True):
            seq, target, units, progress = (_cell_text(c) for c in row.cells)
            assert seq == str(task.seq)
            assert target == task.target
            assert units.split("\n") == [u.name for u in task.units]
            expected = []
            for r in task.reports:
                expected += ([f"{r.unit}："] if r.unit else []) + r.text.split("\n")
            assert progress.split("\n") == expected


def test_it_heads_each_section_with_its_count(document):
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "2021年《政府工作报告》任务目标第三季度落实情况表"
    assert "主要预期目标（共2项）" in texts
    assert "（一）聚力做强六大产业，提质增效强实力，迈出动能转换更快步伐（共17项）" in texts


def test_it_repeats_the_header_row_and_lets_rows_break(document):
    for table in document.tables:
        first, second = table.rows[0]._tr, table.rows[1]._tr
        assert first.trPr.find(qn("w:tblHeader")) is not None
        assert second.trPr is None or second.trPr.find(qn("w:cantSplit")) is None


def test_it_uses_a4_official_margins_and_a_page_number_footer(document):
    s = document.sections[0]
    sizes = (s.page_width, s.page_height, s.top_margin, s.bottom_margin, s.left_margin,
             s.right_margin)  # fmt: skip
    # Stored in twips, so compare whole millimetres.
    assert [round(v.mm) for v in sizes] == [210, 297, 37, 35, 28, 26]
    footer = s.footer.paragraphs[0]
    assert footer.text.startswith("— ") and footer.text.endswith(" —")
    instr = footer._p.findall(".//" + qn("w:instrText"))
    assert [i.text.strip() for i in instr] == ["PAGE"]


def test_it_names_the_official_faces(document):
    east_asian = {el.get(qn("w:eastAsia")) for el in document.element.body.iter(qn("w:rFonts"))} | {
        el.get(qn("w:eastAsia"))
        for el in document.styles.element.iter(qn("w:rFonts"))
        if el.get(qn("w:eastAsia"))
    }
    assert {"方正小标宋简体", "黑体", "仿宋_GB2312"} <= east_asian


def test_it_round_trips_through_the_word_importer(example_plan, tmp_path):
    from duban.core.importers import read_plan

    path = tmp_path / "table.docx"
    path.write_bytes(table_docx(example_plan))
    again = read_plan(path, units=example_plan.units)
    assert [s.title for s in again.sections] == [s.title for s in example_plan.sections]
    for a, b in zip(again.tasks, example_plan.tasks, strict=True):
        assert (a.seq, a.target, [u.name for u in a.units]) == (
            b.seq, b.target, [u.name for u in b.units],
        )  # fmt: skip
        assert [(r.unit, r.text) for r in a.reports] == [(r.unit, r.text) for r in b.reports]
