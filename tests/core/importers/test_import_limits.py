"""Fault 5 of the outside test: a 5 KB XLSX exhausted the machine. One cell at XFD1048576 (or
one merged range that large) made openpyxl pad or build 17 billion cells: `duban parse` and
`import` grew to 4 GB and ran for minutes, and eight uploads made public pages take 87 s.
Tables larger than any plan are now refused at the door (safety.py), in well under a second,
and every read from outside — upload and CLI alike — runs in the isolated, limited worker."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import Workbook

from duban.core.errors import InputError
from duban.core.importers import read_plan
from duban.core.importers.safety import LIMITS, Limits

SHEET = "xl/worksheets/sheet1.xml"
MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def _rows_xml(extra_rows: str = "", tail: str = "") -> bytes:
    head = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>序号</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>工作任务</t></is></c>'
        '<c r="C1" t="inlineStr"><is><t>责任单位</t></is></c></row>'
        '<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="inlineStr"><is><t>地区生产总值增长6%'
        '</t></is></c><c r="C2" t="inlineStr"><is><t>区发改局</t></is></c></row>'
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet {MAIN}><sheetData>{head}'
        f"{extra_rows}</sheetData>{tail}</worksheet>"
    ).encode()


def _xlsx(tmp_path: Path, name: str, sheet: bytes) -> Path:
    plain = tmp_path / "plain.xlsx"
    wb = Workbook()
    wb.active.append(["序号"])
    wb.save(plain)
    out = tmp_path / name
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, sheet if info.filename == SHEET else zin.read(info))
    return out


def one_far_cell(tmp_path: Path) -> Path:
    """The outside test's file: a plan table and one cell at XFD1048576."""
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    return _xlsx(tmp_path, "one-far-cell.xlsx", _rows_xml(far))


def one_huge_merge(tmp_path: Path) -> Path:
    merge = '<mergeCells count="1"><mergeCell ref="A3:XFD1048576"/></mergeCells>'
    return _xlsx(tmp_path, "one-huge-merge.xlsx", _rows_xml(tail=merge))


def many_rows(tmp_path: Path) -> Path:
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(3, 12_003))
    return _xlsx(tmp_path, "many-rows.xlsx", _rows_xml(rows))


def wide_word_row(tmp_path: Path) -> Path:
    doc = Document()
    doc.add_table(rows=1, cols=3)
    doc.save(tmp_path / "plain.docx")
    out = tmp_path / "wide-row.docx"
    cell = "<w:tc><w:p/></w:tc>"
    with (
        zipfile.ZipFile(tmp_path / "plain.docx") as zin,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"</w:tr>", (cell * 5000).encode() + b"</w:tr>", 1)
            zout.writestr(info, data)
    return out


ATTACKS = {
    "one cell at XFD1048576": (one_far_cell, "reaches 16384 columns (at cell XFD1048576"),
    "one merged range to XFD1048576": (one_huge_merge, "merged cells A3:XFD1048576"),
    "12,000 rows": (many_rows, "tables reach 12002 rows; duban reads up to 10000"),
    "a Word row of 5,000 cells": (wide_word_row, "reaches 5003 columns"),
}


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_it_refuses_a_table_larger_than_any_plan_at_once(attack, tmp_path):
    make, message = ATTACKS[attack]
    path = make(tmp_path)
    assert path.stat().st_size < 200_000
    started = time.monotonic()
    with pytest.raises(InputError, match="duban reads") as refused:
        read_plan(path)
    assert time.monotonic() - started < 5
    assert message in refused.value.message
    assert refused.value.source == str(path)


def test_the_outside_tests_file_is_five_kilobytes(tmp_path):
    assert one_far_cell(tmp_path).stat().st_size < 6_000


def test_cells_are_counted_as_each_sheet_pads_them(tmp_path):
    """102 rows reaching column J: openpyxl pads every row to 10 cells, 1,020 in all."""
    from duban.core.importers.formats.xlsx import read_xlsx

    rows = "".join(f'<row r="{r}"><c r="J{r}"><v>{r}</v></c></row>' for r in range(3, 103))
    path = _xlsx(tmp_path, "padded.xlsx", _rows_xml(rows))
    with pytest.raises(InputError, match="span 1020 cells; duban reads up to 1000"):
        read_xlsx(path, limits=Limits(max_cells=1000))


def test_a_genuine_table_is_far_below_every_limit(tmp_path):
    rows = "".join(
        f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}" t="inlineStr"><is><t>任务{r}</t>'
        f'</is></c><c r="C{r}" t="inlineStr"><is><t>区发改局</t></is></c></row>'
        for r in range(3, 503)
    )
    plan = read_plan(_xlsx(tmp_path, "genuine.xlsx", _rows_xml(rows)))
    assert len(plan.tasks) == 501


@pytest.mark.parametrize(
    "command", [["parse"], ["parse", "--json"], ["judge"], ["parse", "--debug"]]
)
def test_the_cli_refuses_it_in_one_line_with_exit_2(command, tmp_path):
    from duban.cli import main

    path = one_far_cell(tmp_path)
    started = time.monotonic()
    done = CliRunner().invoke(main, [*command, str(path)])
    assert time.monotonic() - started < 10
    assert done.exit_code == 2
    assert done.output.strip().splitlines() == [
        f"错误 error: {path}: the Excel file's table reaches 16384 columns (at cell XFD1048576 "
        f"of {SHEET}); duban reads tables of up to {LIMITS.max_columns} columns"
    ]


@pytest.mark.parametrize("command", [["parse"], ["judge"], ["export", "--format", "xlsx"]])
def test_the_cli_reads_every_file_in_the_isolated_worker(command, monkeypatch, example_path):
    from duban.cli import main
    from duban.core.importers import safety

    isolated: list[Path] = []
    real = safety.read_isolated

    def spy(reader, path, **limits):
        isolated.append(path)
        assert limits == {"memory_mb": 1024, "seconds": 90.0}
        return real(reader, path, **limits)

    monkeypatch.setattr(safety, "read_isolated", spy)
    extra = ["--out", "/dev/null"] if command[0] == "export" else []
    done = CliRunner().invoke(main, [*command, str(example_path), *extra])
    assert done.exit_code == 0, done.output
    assert isolated == [example_path]
