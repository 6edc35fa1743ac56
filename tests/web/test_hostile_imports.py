"""Hostile files through `duban import`: each gets one readable error line, exit code 2, and the
database is left exactly as it was (tables' row counts and content checksums)."""

from __future__ import annotations

import os
import zipfile

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import Workbook

from duban.cli import main
from tests.core.importers.test_hostile_files import BILLION_LAUGHS, XXE_SHEET, _replace_part


def _docx(tmp_path):
    doc = Document()
    table = doc.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["序号", "目标任务", "责任单位"], strict=True):
        cell.text = text
    doc.save(tmp_path / "plain.docx")
    return tmp_path / "plain.docx"


def _xlsx(tmp_path):
    book = Workbook()
    book.active.append(["序号", "目标任务", "责任单位", "进展情况"])
    book.save(tmp_path / "plain.xlsx")
    return tmp_path / "plain.xlsx"


def zip_bomb(tmp_path):
    bomb = tmp_path / "bomb.docx"
    _replace_part(_docx(tmp_path), bomb, "word/document.xml", b" " * (20 * 1024 * 1024))
    return bomb


def entity_expansion(tmp_path):
    evil = tmp_path / "laughs.docx"
    _replace_part(_docx(tmp_path), evil, "word/document.xml", BILLION_LAUGHS)
    return evil


def external_entity(tmp_path):
    evil = tmp_path / "xxe.xlsx"
    _replace_part(_xlsx(tmp_path), evil, "xl/worksheets/sheet1.xml", XXE_SHEET)
    return evil


def oversized(tmp_path):
    big = tmp_path / "huge.pdf"
    with open(big, "wb") as f:  # sparse: 40 MB on paper, nothing on disk
        f.write(b"%PDF-1.7\n")
        f.truncate(40 * 1024 * 1024)
    return big


def random_bytes(suffix):
    def make(tmp_path):
        path = tmp_path / f"random{suffix}"
        path.write_bytes(os.urandom(50_000))
        return path

    make.__name__ = f"random_bytes{suffix}"
    return make


def truncated(suffix):
    def make(tmp_path):
        whole = (_docx if suffix == ".docx" else _xlsx)(tmp_path).read_bytes()
        path = tmp_path / f"cut{suffix}"
        path.write_bytes(whole[: len(whole) // 2])
        return path

    make.__name__ = f"truncated{suffix}"
    return make


def truncated_pdf(tmp_path):
    path = tmp_path / "cut.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<<")
    return path


def not_a_zip_inside(tmp_path):
    path = tmp_path / "zip-of-zips.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<nonsense")
    return path


HOSTILE = [
    zip_bomb,
    entity_expansion,
    external_entity,
    oversized,
    *(random_bytes(s) for s in (".docx", ".xlsx", ".pdf", ".txt")),
    truncated(".docx"),
    truncated(".xlsx"),
    truncated_pdf,
    not_a_zip_inside,
]


@pytest.mark.parametrize("make", HOSTILE, ids=lambda m: m.__name__)
def test_it_refuses_a_hostile_file_and_changes_nothing(make, tmp_path, world):
    from duban.web.backup import fingerprints

    before = fingerprints()
    result = CliRunner().invoke(main, ["import", str(make(tmp_path))])
    assert result.exit_code == 2, result.output
    message = result.output.strip()
    assert message and "Traceback" not in message and len(message.splitlines()) == 1, message
    assert fingerprints() == before
