"""The resident LibreOffice: one started, reused for each PDF, started again when it dies."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pdfplumber
import pytest

from duban.core.render import resident
from duban.core.render.docx_base import new_document, para, to_bytes
from duban.core.render.pdf import ConversionError, docx_to_pdf

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None or not resident.uno_available(),
    reason="LibreOffice or its python3-uno (the system Python's) missing",
)

TEXTS = ["区发改局：上半年，地区生产总值同比增长12.1%", "底阁镇：1-9月，固定资产投资2.36亿元"]


def small(text: str) -> bytes:
    doc = new_document()
    para(doc, text)
    return to_bytes(doc)


def first_page_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    with pdfplumber.open(io.BytesIO(data)) as doc:
        return "".join((doc.pages[0].extract_text() or "").split())


@pytest.fixture
def converter():
    conv = resident.ResidentConverter()
    yield conv
    conv.stop()


def test_two_conversions_share_one_libreoffice(converter):
    first = converter.convert(small(TEXTS[0]))
    pid = converter.soffice_pid
    second = converter.convert(small(TEXTS[1]))
    assert TEXTS[0] in first_page_text(first)
    assert TEXTS[1] in first_page_text(second)
    assert converter.starts == 1
    assert converter.soffice_pid == pid


def test_killed_midlife_the_next_conversion_starts_it_again(converter):
    converter.convert(small(TEXTS[0]))
    old = converter.soffice_pid
    assert old is not None
    os.killpg(old, signal.SIGKILL)
    time.sleep(0.2)
    data = converter.convert(small(TEXTS[1]))
    assert TEXTS[1] in first_page_text(data)
    assert converter.starts == 2
    assert converter.soffice_pid not in (None, old)


def test_two_threads_at_once_each_get_their_own_pdf(converter):
    with ThreadPoolExecutor(max_workers=2) as pool:
        pdfs = list(pool.map(lambda t: converter.convert(small(t)), TEXTS))
    for data, text in zip(pdfs, TEXTS, strict=True):
        assert text in first_page_text(data)
    assert converter.starts == 1


def test_docx_to_pdf_goes_through_the_installed_one_and_back(converter):
    previous = resident.install(converter)
    try:
        assert TEXTS[0] in first_page_text(docx_to_pdf(small(TEXTS[0])))
        assert converter.starts == 1
    finally:
        assert resident.install(previous) is converter
    assert resident.installed() is previous


def test_bytes_that_are_no_docx_are_refused_and_the_converter_stays(converter):
    converter.start()
    pid = converter.soffice_pid
    with pytest.raises(ConversionError, match="不是 DOCX"):
        converter.convert(b"plain text, not a document")
    assert TEXTS[0] in first_page_text(converter.convert(small(TEXTS[0])))
    assert (converter.starts, converter.soffice_pid) == (1, pid)


def test_stopping_ends_libreoffice(converter):
    converter.start()
    pid = converter.soffice_pid
    assert pid is not None
    converter.stop()
    deadline = time.monotonic() + 5
    while living(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert living(pid) == []
    assert converter.soffice_pid is None


OWNER = """
import sys, time
from duban.core.render.resident import ResidentConverter
conv = ResidentConverter()
conv.start()
print(conv.soffice_pid, flush=True)
time.sleep(120)
"""


def test_an_owner_killed_outright_leaves_no_libreoffice_behind():
    owner = subprocess.Popen([sys.executable, "-c", OWNER], stdout=subprocess.PIPE, text=True)
    try:
        group = int(owner.stdout.readline())
        assert living(group) != []
        owner.kill()  # SIGKILL: no worker_stopping, no stop()
        owner.wait()
        deadline = time.monotonic() + 10
        while living(group) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert living(group) == []
    finally:
        owner.kill()
        owner.wait()


def living(group: int) -> list[str]:
    """The processes of a process group that are not zombies (ps: state Z)."""
    out = subprocess.run(
        ["ps", "-o", "stat=,pid=", "-g", str(group)], capture_output=True, text=True, check=False
    ).stdout
    return [line for line in out.splitlines() if line.strip() and not line.lstrip().startswith("Z")]
