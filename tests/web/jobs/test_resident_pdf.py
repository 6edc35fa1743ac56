"""The worker keeps one LibreOffice for its PDFs: started by `worker_starting`, used by
`docx_to_pdf`, stopped by `worker_stopping`; off with DUBAN_PDF_RESIDENT=0."""

from __future__ import annotations

import shutil

import pytest

from duban.core.render import resident
from duban.core.render.docx_base import new_document, para, to_bytes
from duban.core.render.pdf import docx_to_pdf
from duban.web.jobs.signals import worker_starting, worker_stopping
from duban.web.jobs.worker import Worker

needs_uno = pytest.mark.skipif(
    shutil.which("soffice") is None or not resident.uno_available(),
    reason="LibreOffice or its python3-uno (the system Python's) missing",
)


@pytest.fixture(autouse=True)
def nothing_installed():
    assert resident.installed() is None
    yield
    left = resident.install(None)
    if left is not None:
        left.stop()


@needs_uno
def test_a_starting_worker_installs_one_and_a_stopping_one_ends_it(settings):
    settings.DUBAN_PDF_RESIDENT = True
    worker_starting.send(Worker, worker_id="test:1")
    converter = resident.installed()
    assert converter is not None
    doc = new_document()
    para(doc, "区发改局")
    assert docx_to_pdf(to_bytes(doc)).startswith(b"%PDF-")
    assert docx_to_pdf(to_bytes(doc)).startswith(b"%PDF-")
    assert converter.starts == 1
    worker_stopping.send(Worker, worker_id="test:1")
    assert resident.installed() is None
    assert converter.soffice_pid is None


def test_switched_off_the_worker_converts_one_off(settings):
    settings.DUBAN_PDF_RESIDENT = False
    worker_starting.send(Worker, worker_id="test:2")
    assert resident.installed() is None
    worker_stopping.send(Worker, worker_id="test:2")
    assert resident.installed() is None
