"""Evidence on an S3-compatible store (moto's server on 127.0.0.1), as several app servers share
it: the file and its thumbnail are objects under random keys, read back through the gate; a
refused file leaves no object."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.web.evidence import files
from tests.web.evidence.conftest import attach
from tests.web.processes import s3_emulator

BUCKET = "duban-evidence"


@pytest.fixture
def s3(settings):
    with s3_emulator(BUCKET) as (endpoint, client):
        options = {
            "bucket_name": BUCKET,
            "endpoint_url": endpoint,
            "region_name": "us-east-1",
            "access_key": "testing",
            "secret_key": "testing",
            "location": "duban",
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": True,
        }
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options},
        }
        yield client


def _keys(client) -> list[str]:
    return sorted(o["Key"] for o in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_a_photo_and_its_thumbnail_are_objects_read_back_through_the_gate(world, as_user, s3):
    from duban.web.evidence.models import Attachment

    reporter = as_user(world.users["unit_a"])
    photo = files.jpeg(1600, 1200)
    assert attach(reporter, world.drafts["区发改局"], "现场.jpg", photo).status_code == 302
    a = Attachment.objects.get()
    assert _keys(s3) == sorted([f"duban/{a.key}", f"duban/{a.thumbnail_key}"])
    assert a.key.startswith(f"evidence/{world.org.pk}/") and len(a.key.rsplit("/", 1)[1]) == 32
    served = reporter.get(reverse("evidence_file", args=[a.pk]))
    assert b"".join(served.streaming_content) == photo
    other = as_user(world.users["unit_b"])
    assert other.get(reverse("evidence_file", args=[a.pk])).status_code == 403


def test_a_refused_file_leaves_no_object(world, as_user, s3):
    reporter = as_user(world.users["unit_a"])
    attach(reporter, world.drafts["区发改局"], "photo.jpg", files.executable())
    attach(reporter, world.drafts["区发改局"], "纪要.docx", files.docx_bomb())
    assert _keys(s3) == []
