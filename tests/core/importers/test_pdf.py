"""PDF tables (pdf.py): made here with LibreOffice from Word tables, as offices publish them."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from duban.core.errors import InputError
from duban.core.importers import read_plan
from duban.core.importers.formats.pdf import read_pdf
from duban.core.importers.safety import Limits
from tests.core.importers.tables import (
    comparable,
    decomposition_docx,
    progress_docx,
    sections_of,
    to_pdf,
)

pytestmark = pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice makes the PDFs")
COUNTY = Path(__file__).resolve().parents[2] / "fixtures" / "county-2022-h1-pdf-layout.txt"


@pytest.fixture(scope="module")
def example_pdf(example_plan, tmp_path_factory):
    """One row per unit with 序号 and target merged down: rows and merges split across pages."""
    out = tmp_path_factory.mktemp("pdf")
    return to_pdf(progress_docx(example_plan, out / "example.docx", per_unit_rows=True), out)


def test_it_reads_the_example_back_from_a_pdf_table(example_plan, example_pdf):
    plan = read_pdf(example_pdf, units=example_plan.units)
    assert comparable(plan) == comparable(example_plan)
    assert sections_of(plan) == sections_of(example_plan)
    assert (plan.title, plan.period) == (example_plan.title, example_plan.period)
    assert plan.warnings == ()


def test_it_reads_deadlines_and_milestones_from_a_pdf_decomposition_table(tmp_path):
    pdf = to_pdf(decomposition_docx(tmp_path / "分解表.docx"), tmp_path)
    plan = read_pdf(pdf)
    assert sections_of(plan) == [("一、经济发展", None, 2), ("二、城乡建设", None, 2)]
    assert [(t.deadline, t.ongoing) for t in plan.tasks] == [
        ("年底前", False),
        ("长期坚持", True),
        ("6月底前", False),
        ("2021年9月", False),
    ]
    assert [m.text for m in plan.task(1).milestones] == [
        "完成选址",
        "建成100个",
        "建成200个",
        "建成300个",
    ]


def test_it_falls_back_to_the_text_importer_when_the_pdf_has_no_table(tmp_path):
    shutil.copy(COUNTY, tmp_path / "county.txt")
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "county.txt")],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    plan = read_pdf(tmp_path / "county.pdf")
    # LibreOffice rewraps the long lines, so only the table's skeleton must survive.
    expected = read_plan(COUNTY)
    assert sections_of(plan) == sections_of(expected)
    assert [t.seq for t in plan.tasks] == [t.seq for t in expected.tasks]


def test_it_says_an_encrypted_pdf_needs_a_password(tmp_path):
    docx = decomposition_docx(tmp_path / "d.docx")
    options = (
        'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
        '"DocumentOpenPassword":{"type":"string","value":"secret"}}'
    )
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
         "--convert-to", options, "--outdir", str(tmp_path), str(docx)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    with pytest.raises(InputError, match="encrypted"):
        read_pdf(tmp_path / "d.pdf")


def _image_only_pdf(path: Path) -> Path:
    """A one-page PDF holding only an image, like a scan: no text layer."""
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]"
        b"/Resources<</XObject<</Im1 4 0 R>>>>/Contents 5 0 R>>",
        b"<</Type/XObject/Subtype/Image/Width 1/Height 1/ColorSpace/DeviceGray"
        b"/BitsPerComponent 8/Length 1>>stream\n\x80\nendstream",
        b"<</Length 29>>stream\nq 200 0 0 200 0 0 cm /Im1 Do Q\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def test_it_says_a_scan_has_no_text_layer(tmp_path):
    with pytest.raises(InputError, match="without a text layer") as info:
        read_pdf(_image_only_pdf(tmp_path / "scan.pdf"))
    assert info.value.page == 1


def test_it_refuses_a_truncated_pdf(example_pdf, tmp_path):
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(example_pdf.read_bytes()[: example_pdf.stat().st_size // 3])
    with pytest.raises(InputError):
        read_pdf(cut)


def test_it_stops_a_pdf_that_takes_too_long(example_pdf):
    with pytest.raises(InputError, match="took over"):
        read_pdf(example_pdf, limits=Limits(pdf_seconds=0))


def test_it_recovers_the_last_row_of_a_table_without_a_closing_rule(example_plan, tmp_path):
    import pdfplumber

    plan = replace(example_plan, sections=example_plan.sections[:2])
    pdf = to_pdf(progress_docx(plan, tmp_path / "open.docx", open_bottom=True), tmp_path)
    with pdfplumber.open(pdf) as doc:
        seqs = {row[0] for page in doc.pages for t in page.extract_tables() for row in t}
    assert "18" in seqs and "19" not in seqs  # pdfplumber alone loses task 19, the last row
    assert comparable(read_pdf(pdf, units=plan.units)) == comparable(plan)


def test_it_splits_a_header_row_fused_with_the_continuation_below_it():
    from duban.core.importers.formats.pdf import _split_fused_header
    from duban.core.importers.grid import Cell

    texts = ["序号", "年度任务目标", "责任单位", "进展情况\n峨山镇：\n1-9月，投资5.14亿元。"]
    header, rest = _split_fused_header(texts, [Cell(t) for t in texts], 1, 2)
    assert (header.kind, header.texts) == (
        "header",
        ["序号", "年度任务目标", "责任单位", "进展情况"],
    )
    assert rest.texts == ["", "", "", "峨山镇：\n1-9月，投资5.14亿元。"]
