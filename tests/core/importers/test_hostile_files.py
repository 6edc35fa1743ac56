"""Hostile and broken uploads give one clear InputError before any parser runs (safety.py)."""

from __future__ import annotations

import os
import zipfile

import pytest
from docx import Document

from duban.core.errors import InputError
from duban.core.importers.formats.docx import read_docx
from duban.core.importers.formats.pdf import read_pdf
from duban.core.importers.formats.xlsx import read_xlsx
from duban.core.importers.safety import Limits

READERS = {".docx": read_docx, ".xlsx": read_xlsx, ".pdf": read_pdf}

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>"""

XXE_SHEET = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&secret;</t></is></c></row></sheetData></worksheet>"""


def _replace_part(src, dst, name: str, data: bytes) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, data if info.filename == name else zin.read(info))


@pytest.fixture
def docx_file(tmp_path):
    doc = Document()
    doc.add_table(rows=1, cols=3)
    doc.save(tmp_path / "plain.docx")
    return tmp_path / "plain.docx"


def test_it_refuses_a_zip_bomb_by_its_compression_ratio(docx_file, tmp_path):
    bomb = tmp_path / "bomb.docx"
    _replace_part(docx_file, bomb, "word/document.xml", b" " * (20 * 1024 * 1024))
    assert bomb.stat().st_size < 200_000
    with pytest.raises(InputError, match="zip bomb"):
        read_docx(bomb)


def test_it_refuses_a_zip_that_unpacks_too_large(docx_file):
    with pytest.raises(InputError, match="unpacks to"):
        read_docx(docx_file, limits=Limits(max_uncompressed=10_000))


def test_it_refuses_entity_expansion(docx_file, tmp_path):
    evil = tmp_path / "laughs.docx"
    _replace_part(docx_file, evil, "word/document.xml", BILLION_LAUGHS)
    with pytest.raises(InputError, match="declares XML entities"):
        read_docx(evil)


def test_it_refuses_an_external_entity_in_a_sheet(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["序号", "工作任务", "责任单位"])
    wb.save(tmp_path / "plain.xlsx")
    _replace_part(
        tmp_path / "plain.xlsx", tmp_path / "xxe.xlsx", "xl/worksheets/sheet1.xml", XXE_SHEET
    )
    with pytest.raises(InputError, match="declares XML entities"):
        read_xlsx(tmp_path / "xxe.xlsx")


@pytest.mark.parametrize("suffix", sorted(READERS))
def test_it_refuses_random_bytes(tmp_path, suffix):
    path = tmp_path / f"noise{suffix}"
    path.write_bytes(os.urandom(5000))
    with pytest.raises(InputError, match="not a"):
        READERS[suffix](path)


@pytest.mark.parametrize("suffix", sorted(READERS))
def test_it_refuses_an_empty_file(tmp_path, suffix):
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        READERS[suffix](path)


def test_it_refuses_a_truncated_word_file(docx_file, tmp_path):
    cut = tmp_path / "cut.docx"
    cut.write_bytes(docx_file.read_bytes()[: docx_file.stat().st_size // 2])
    with pytest.raises(InputError, match=r"damaged|truncated"):
        read_docx(cut)


def test_it_refuses_a_file_over_the_size_limit(docx_file):
    with pytest.raises(InputError, match="MB"):
        read_docx(docx_file, limits=Limits(max_bytes=1000))


def test_it_says_a_word_file_has_no_table(tmp_path):
    doc = Document()
    doc.add_paragraph("2021年工作总结")
    doc.save(tmp_path / "no-table.docx")
    with pytest.raises(InputError, match="no table"):
        read_docx(tmp_path / "no-table.docx")
