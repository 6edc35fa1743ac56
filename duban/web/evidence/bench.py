"""`make bench` figures of evidence: attaching a 5 MB phone photo (checked by its bytes,
thumbnailed, stored, recorded) and the office's task page with 20 attachments, on a fresh
SQLite file with the example imported."""

from __future__ import annotations

import io
import os
import statistics
import tempfile
import time
from pathlib import Path

from duban.core.timing import EXAMPLE

PHOTO_PX = (4000, 3000)  # a 12-megapixel phone photo
PAGE_FILES = 20


def _photo() -> bytes:
    """About 5 MB: noise keeps a JPEG as large as a detailed photo of that size."""
    from PIL import Image

    image = Image.frombytes("RGB", PHOTO_PX, os.urandom(PHOTO_PX[0] * PHOTO_PX[1] * 3))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=52)
    return out.getvalue()


def _small_photo(n: int) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (1200, 900), (n * 10 % 255, 120, 200)).save(out, format="JPEG")
    return out.getvalue()


def bench_evidence(runs: int = 5) -> dict[str, float]:
    """Median seconds of one upload of a 5 MB photo, and of the task page showing 20 files."""
    with tempfile.TemporaryDirectory(prefix="duban-bench-evidence-") as tmp:
        from duban.web.bench import _django_on_sqlite, _use_database

        _django_on_sqlite(tmp)
        from django.core.files.uploadedfile import SimpleUploadedFile
        from django.core.management import call_command
        from django.test import Client
        from django.test.utils import override_settings

        store = {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(Path(tmp) / "files")},
        }
        from django.conf import settings

        storages = {**settings.STORAGES, "default": store}
        with override_settings(STORAGES=storages, ALLOWED_HOSTS=["testserver"]):
            _use_database(Path(tmp) / "evidence.sqlite3")
            call_command("migrate", interactive=False, verbosity=0, stdout=io.StringIO())
            result = _measure(runs, SimpleUploadedFile, Client)
        _use_database(Path(tmp) / "unused.sqlite3")
        from django.db import connection

        connection.close()
    return result


def _measure(runs: int, upload_file, client_class) -> dict[str, float]:
    from django.contrib.auth import get_user_model

    from duban.core.importers import read_plan
    from duban.core.units import units_beside
    from duban.web.accounts.models import Membership
    from duban.web.evidence.models import EvidenceSettings
    from duban.web.evidence.services import attachment_add
    from duban.web.plans.models import Period, Report
    from duban.web.plans.services import plan_import

    plan_import(read_plan(EXAMPLE, units=units_beside(EXAMPLE)), source=str(EXAMPLE))
    period = Period.objects.get()
    plan = period.plan
    org = plan.organization
    EvidenceSettings.objects.create(organization=org, max_mb=20, max_files=PAGE_FILES)
    q4 = Period.objects.create(plan=plan, year=plan.year, label="第四季度", end_month=12)
    task = plan.tasks.order_by("seq").first()
    assert task is not None
    unit = task.units.first()
    report = Report.objects.create(period=q4, task=task, unit=unit, state=Report.State.DRAFT)
    users = get_user_model().objects
    office = users.create_user("bench-office", password="-")
    Membership.objects.create(user=office, organization=org, role="office")
    reporter = users.create_user("bench-unit", password="-")
    Membership.objects.create(user=reporter, organization=org, role="unit", unit=unit)

    client = client_class()
    client.force_login(office)
    url = f"/tasks/{task.pk}/?period={q4.pk}"
    bare = _page_times(client, url, runs)  # the same page before any file: what evidence adds
    photo = _photo()
    uploads = []
    for _ in range(runs):
        t0 = time.perf_counter()
        attachment_add(report, upload_file("现场.jpg", photo), actor=reporter)
        uploads.append(time.perf_counter() - t0)
    for n in range(PAGE_FILES - runs):
        attachment_add(report, upload_file(f"照片{n}.jpg", _small_photo(n)), actor=reporter)
    page = client.get(url)
    assert page.status_code == 200 and page.content.count(b"/thumbnail/") == PAGE_FILES, (
        page.status_code
    )
    return {
        "upload_s": statistics.median(uploads),
        "photo_mb": len(photo) / 1048576,
        "page_s": statistics.median(_page_times(client, url, runs)),
        "bare_page_s": statistics.median(bare),
    }


def _page_times(client, url: str, runs: int) -> list[float]:
    client.get(url)  # the period's judgement cached, as for every later reader
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - t0)
    return times


def bench_rows(runs: int = 5) -> list[tuple[str, str, str]]:
    r = bench_evidence(runs)
    return [
        (
            f"attach a {r['photo_mb']:.1f} MB photo (check, thumbnail, store), median of {runs}",
            f"{r['upload_s'] * 1000:.0f} ms",
            "goal < 1 s",
        ),
        (
            f"task page with {PAGE_FILES} attachments (office), median of {runs}",
            f"{r['page_s'] * 1000:.0f} ms",
            f"goal < 150 ms; {r['bare_page_s'] * 1000:.0f} ms without files",
        ),
    ]


if __name__ == "__main__":
    for row in bench_rows():
        print(" | ".join(row))
