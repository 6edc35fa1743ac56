"""PDF through LibreOffice: real Chinese text, repeated header, page numbers, safe concurrency.

The first pages are kept as PNGs in artifacts/render/ for a person to look at (not committed).
"""

from __future__ import annotations

import io
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pdfplumber
import pytest

from duban.core.render import pdf as pdf_module
from duban.core.render.docx_base import new_document, para, to_bytes
from duban.core.render.pdf import ConversionError, docx_to_pdf, fontconfig_text
from duban.core.render.table_docx import table_docx

ARTIFACTS = Path(__file__).resolve().parents[3] / "artifacts" / "render"
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice missing")


@pytest.fixture(scope="module")
def table_pdf(example_plan) -> bytes:
    data = docx_to_pdf(table_docx(example_plan))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "table.pdf").write_bytes(data)
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-r", "80", "-f", "1", "-l", "3", "-png", str(ARTIFACTS / "table.pdf"),
             str(ARTIFACTS / "table-page")],
            check=True,
        )  # fmt: skip
    return data


@needs_soffice
def test_it_puts_the_targets_in_the_text_layer(table_pdf, example_plan):
    targets: dict[str, str] = {}
    seq = ""
    with pdfplumber.open(io.BytesIO(table_pdf)) as doc:
        for page in doc.pages:
            for table in page.extract_tables():
                for row in table:
                    first = (row[0] or "").strip()
                    if first.isdigit():
                        seq = first
                        targets[seq] = ""
                    elif first or not seq:
                        continue  # the repeated header row
                    # a row broken by a page continues on the next page with an empty 序号
                    targets[seq] += "".join((row[1] or "").split())
        flat = "".join("".join((p.extract_text() or "") for p in doc.pages[:2]).split())
        first_pages = [(p.extract_text() or "") for p in doc.pages[:3]]
    assert len(targets) == 108
    for seq in (1, 2, 39, 54, 98, 108):
        assert targets[str(seq)] == "".join(example_plan.task(seq).target.split()), seq
    assert "2021年《政府工作报告》任务目标第三季度落实情况表" in flat
    assert "主要预期目标（共2项）" in flat
    # the header row opens every page (page 2 starts mid-table) and the foot says — N —
    for n, page in enumerate(first_pages, start=1):
        assert "序号" in page and "进展情况" in page, n
        assert f"— {n} —" in page, n


@needs_soffice
def test_it_embeds_cjk_fonts_not_boxes(table_pdf):
    with pdfplumber.open(io.BytesIO(table_pdf)) as doc:
        fonts = {c["fontname"] for c in doc.pages[0].chars}
    assert any("CJK" in f for f in fonts), fonts


@needs_soffice
def test_it_converts_two_documents_at_once(tmp_path):
    def small(text: str) -> bytes:
        doc = new_document()
        para(doc, text)
        return to_bytes(doc)

    texts = ["区发改局：上半年，地区生产总值同比增长12.1%", "底阁镇：1-9月，固定资产投资2.36亿元"]
    with ThreadPoolExecutor(max_workers=2) as pool:
        pdfs = list(pool.map(lambda t: docx_to_pdf(small(t)), texts))
    for data, text in zip(pdfs, texts, strict=True):
        with pdfplumber.open(io.BytesIO(data)) as doc:
            assert text in "".join((doc.pages[0].extract_text() or "").split())


def test_it_says_clearly_when_libreoffice_is_missing(monkeypatch):
    monkeypatch.setattr(pdf_module.shutil, "which", lambda name: None)
    with pytest.raises(ConversionError, match="LibreOffice"):
        docx_to_pdf(b"")


def test_it_adds_the_licensed_font_slot_and_the_aliases(tmp_path, monkeypatch):
    monkeypatch.setenv("DUBAN_FONTS_DIR", str(tmp_path))
    text = fontconfig_text(pdf_module.licensed_font_dirs())
    assert f"<dir>{tmp_path}</dir>" in text
    assert f"<include>{pdf_module.ALIASES}</include>" in text
    aliases = pdf_module.ALIASES.read_text(encoding="utf-8")
    for face in ("仿宋_GB2312", "仿宋", "FangSong", "方正小标宋简体", "黑体", "楷体_GB2312"):
        assert f"<family>{face}</family>" in aliases, face


@needs_soffice
def test_it_gives_up_after_the_timeout_with_a_clear_error():
    doc = new_document()
    para(doc, "区发改局")
    with pytest.raises(ConversionError, match="超时"):
        docx_to_pdf(to_bytes(doc), timeout=0.05)
