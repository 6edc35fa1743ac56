"""The office and leaders download a period's table and bulletin; the files read back."""

from __future__ import annotations

import io

from docx import Document
from openpyxl import load_workbook

from tests.web.conftest import download


def test_it_gives_the_office_the_table_as_word_with_every_task(world, as_user):
    response = download(as_user(world.users["office"]), f"/periods/{world.q3.pk}/table.docx")
    assert response.status_code == 200
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert world.tasks[1].target[:10] in text


def test_it_gives_a_leader_the_table_as_excel(world, as_user):
    response = download(as_user(world.users["leader"]), f"/periods/{world.q3.pk}/table.xlsx")
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.content)).sheetnames[0] == "任务"


def test_it_gives_the_office_the_bulletin(world, as_user):
    response = download(as_user(world.users["office"]), f"/periods/{world.q3.pk}/bulletin.docx")
    assert response.status_code == 200
    body = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "督查通报" in body or "通报" in body


def test_it_refuses_unit_reporters_and_anonymous_readers(world, as_user):
    # a unit inside the organization is refused (403); to an anonymous reader an unpublished
    # period does not exist (404)
    for user, status in ((world.users["unit_a"], 403), (None, 404)):
        response = as_user(user).get(f"/periods/{world.q3.pk}/table.docx")
        assert response.status_code == status
        assert not response.get("Content-Type", "").startswith("application/")
