"""Evidence tests: the world's two Q4 drafts of task 1 (区发改局's and 底阁镇's), and a way to
attach a file as the reporter's browser does."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse


def attach(client, report, name: str, content: bytes, **headers):
    upload = SimpleUploadedFile(name, content)
    return client.post(reverse("evidence_upload", args=[report.pk]), {"file": upload}, **headers)


def stored_files(settings) -> list[str]:
    """Every file under the test's file store (a folder of its own: tests/web/conftest.py)."""
    from pathlib import Path

    root = Path(settings.STORAGES["default"]["OPTIONS"]["location"])
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


@pytest.fixture
def draft(world):
    return world.drafts["区发改局"]


@pytest.fixture
def reporter(world, as_user):
    return as_user(world.users["unit_a"])


def evidence_photo(world, report):
    """A photo attached to `report` by its unit's reporter (the permissions matrix's file)."""
    from duban.web.evidence.services import attachment_add
    from tests.web.evidence import files

    return attachment_add(
        report, SimpleUploadedFile("现场.jpg", files.jpeg(400, 300)), actor=world.users["unit_a"]
    )
