"""The period's documents list the evidence of reported (submitted or accepted) reports as their
current version has them: under each task in the unit's report, and as an appendix list
(附件：佐证材料目录) after the table. A draft's files, and the public table, list none."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from tests.web.conftest import download
from tests.web.evidence import files
from tests.web.evidence.conftest import attach


def _text(content: bytes) -> list[str]:
    from docx import Document

    return [p.text for p in Document(io.BytesIO(content)).paragraphs]


@pytest.fixture
def submitted(world, as_user):
    """区发改局's Q4 report submitted with a photo and a PDF."""
    reporter = as_user(world.users["unit_a"])
    report = world.drafts["区发改局"]
    attach(reporter, report, "现场照片.jpg", files.jpeg(800, 600))
    attach(reporter, report, "验收单.pdf", files.pdf())
    response = reporter.post(
        reverse("report_edit", args=[report.pk]),
        {"text": "项目已竣工验收。", "version": 1, "submit": 1},
    )
    assert response.status_code == 302
    return report


def test_the_table_docx_lists_the_evidence_as_an_appendix(world, as_user, submitted):
    from duban.web.evidence.models import Attachment

    photo = Attachment.objects.order_by("pk").first()
    office = as_user(world.users["office"])
    response = download(office, reverse("period_table_docx", args=[world.q4.pk]))
    lines = _text(response.content)
    start = lines.index("附件：佐证材料目录")
    assert lines[start + 1 : start + 3] == [
        f"1. 第1项 区发改局：现场照片.jpg（{round(photo.size / 1024)} KB）",
        "2. 第1项 区发改局：验收单.pdf（1 KB）",
    ]


def test_the_unit_report_lists_its_files_under_the_task(world, as_user, submitted):
    office = as_user(world.users["office"])
    url = reverse("period_unit_report_docx", args=[world.q4.pk, world.units["区发改局"].pk])
    lines = _text(download(office, url).content)
    at = lines.index("项目已竣工验收。")
    assert lines[at + 1].startswith("佐证材料：现场照片.jpg（")
    assert lines[at + 1].endswith("、验收单.pdf（1 KB）")


def test_a_draft_s_files_are_not_listed(world, as_user):
    attach(as_user(world.users["unit_a"]), world.drafts["区发改局"], "草稿附件.pdf", files.pdf())
    office = as_user(world.users["office"])
    lines = _text(download(office, reverse("period_table_docx", args=[world.q4.pk])).content)
    assert "附件：佐证材料目录" not in lines
