"""The office's upload page: upload → preview (nothing written) → confirm (one transaction) or
cancel; hostile files get a readable Chinese sentence and leave the database as it was."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from django.urls import reverse

from tests.web.conftest import run_jobs, upload
from tests.web.test_hostile_imports import (
    entity_expansion,
    random_bytes,
    truncated,
    truncated_pdf,
    zip_bomb,
)

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "yicheng-2021-q3.txt"
CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def _private_var(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"


def _uploads(settings) -> list[str]:
    folder = Path(settings.VAR_DIR) / "uploads"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


# The background jobs' own rows (the reading of an upload) are not the organization's data.
BOOKKEEPING = ("jobs_job", "django_tasks_database_dbtaskresult")


def _fingerprints(*, without_sessions: bool = False) -> dict:
    from duban.web.backup import fingerprints

    found = {k: v for k, v in fingerprints().items() if k not in BOOKKEEPING}
    if without_sessions:  # a preview remembers its token in the login session, nothing else
        found.pop("django_session")
    return found


def _task_count(org) -> int:
    from duban.web.plans.models import Task

    return Task.objects.filter(plan__organization=org).count()


def _token(response) -> str:
    return response.context["token"]


def test_it_previews_the_example_without_writing_then_imports_it_on_confirm(
    world, as_user, settings
):
    client = as_user(world.users["office"])
    assert client.get(reverse("document_upload", args=[world.org.pk])).status_code == 200
    before = _fingerprints(without_sessions=True)

    response = upload(client, world.org, EXAMPLE)

    assert response.status_code == 200
    preview = response.context["preview"]
    assert (preview.task_count, len(preview.sections)) == (108, 9)
    assert (preview.year, preview.district) == (2021, "峄城区")
    assert preview.period.startswith("第三季度")
    assert [len(s.tasks) for s in preview.sections] == [2, 17, 12, 15, 17, 18, 9, 10, 8]
    page = response.content.decode()
    assert "尚未导入" in page and "108 项任务" in page and "区发改局" in page
    assert _fingerprints(without_sessions=True) == before
    assert len(_uploads(settings)) == 1  # the parsed plan only: the raw bytes are gone

    response = client.post(
        reverse("document_confirm", args=[world.org.pk]), {"token": _token(response)}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("plan", args=[world.plan.pk])
    assert _task_count(world.org) == 108
    assert _uploads(settings) == []
    page = client.get(response["Location"]).content.decode()
    assert "导入完成" in page


def test_it_imports_a_word_table_made_by_dubans_own_renderer(world, as_user, tmp_path):
    from duban.core.importers import read_plan
    from duban.core.render.export import export_table
    from duban.web.orgs.models import Organization
    from duban.web.plans.models import ReportVersion

    docx = tmp_path / "落实情况表.docx"
    docx.write_bytes(export_table(read_plan(EXAMPLE), "docx"))
    other = Organization.objects.get(name="台儿庄区")
    client = as_user(world.users["other_office"])

    response = upload(client, other, docx)

    assert response.context["preview"].task_count == 108
    assert response.context["preview"].format == "Word"
    client.post(reverse("document_confirm", args=[other.pk]), {"token": _token(response)})
    assert _task_count(other) == 108
    plan = other.plans.get(year=2021)
    assert ReportVersion.objects.filter(report__period__plan=plan).count() > 200


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_it_converts_an_old_word_file_in_the_isolated_reader(world, as_user, tmp_path):
    from duban.core.importers import read_plan
    from duban.core.render.export import export_table

    docx = tmp_path / "old.docx"
    docx.write_bytes(export_table(read_plan(EXAMPLE), "docx"))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "doc",
            "--outdir",
            str(tmp_path),
            str(docx),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    client = as_user(world.users["office"])

    response = upload(client, world.org, tmp_path / "old.doc")

    assert response.context["preview"].task_count == 108
    assert "已转换" in response.context["preview"].format


def _no_year_table(tmp_path) -> Path:
    from docx import Document

    doc = Document()
    doc.add_paragraph("重点任务落实情况表")
    rows = [
        ("序号", "工作任务", "责任单位"),
        ("1", "新建改造城区道路5条。", "区住建局"),
        ("2", "完成植树造林1000亩。", ""),
    ]
    table = doc.add_table(rows=len(rows), cols=3)
    for row, texts in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    path = tmp_path / "no-year.docx"
    doc.save(path)
    return path


def test_it_asks_for_the_year_a_document_does_not_state_and_shows_warnings_with_places(
    world, as_user, tmp_path
):
    client = as_user(world.users["office"])
    path = _no_year_table(tmp_path)

    refused = upload(client, world.org, path)
    assert "没有写明年度" in refused.content.decode()

    response = upload(client, world.org, path, year=2022)
    preview = response.context["preview"]
    assert preview.year == 2022 and preview.task_count == 2
    assert any("没有写明责任单位" in w and "“no-year.docx”" in w for w in preview.warnings)
    client.post(reverse("document_confirm", args=[world.org.pk]), {"token": _token(response)})
    assert world.org.plans.filter(year=2022).get().tasks.count() == 2


def empty(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    return path


def wrong_extension(tmp_path):
    path = tmp_path / "plan.exe"
    path.write_bytes(b"MZ" + os.urandom(1000))
    return path


def text_without_tasks(tmp_path):
    path = tmp_path / "letter.txt"
    path.write_text("关于做好第三季度督查工作的通知\n各单位：请按时报送。\n", encoding="utf-8")
    return path


HOSTILE = [
    (empty, "空"),
    (random_bytes(".docx"), "Word"),
    (random_bytes(".pdf"), "PDF"),
    (random_bytes(".txt"), "文本"),
    (zip_bomb, "压缩炸弹"),
    (entity_expansion, "XML 实体"),
    (truncated(".docx"), "Word"),
    (truncated(".xlsx"), "Excel"),
    (truncated_pdf, "PDF"),
    (wrong_extension, "不支持这种文件类型"),
    (text_without_tasks, "任务"),
]


@pytest.mark.parametrize(("make", "says"), HOSTILE, ids=lambda m: getattr(m, "__name__", ""))
def test_it_refuses_a_hostile_file_with_a_readable_sentence_and_writes_nothing(
    make, says, world, as_user, tmp_path, settings
):
    client = as_user(world.users["office"])
    path = make(tmp_path)
    # The upload's token goes to the login session before the worker reads the file.
    before = _fingerprints(without_sessions=True)

    response = upload(client, world.org, path)

    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert len(errors) == 1, errors
    message = errors[0]
    assert f"“{path.name}”" in message and says in message and CHINESE.search(message), message
    assert "Traceback" not in response.content.decode()
    assert str(tmp_path) not in response.content.decode()  # no server path
    assert _fingerprints(without_sessions=True) == before
    assert _uploads(settings) == []


@pytest.mark.parametrize("size", [60_000, 500_000], ids=["just-over", "far-over"])
def test_it_refuses_an_oversized_upload_before_reading_it(size, world, as_user, settings):
    settings.DUBAN_UPLOAD_MAX_BYTES = 50_000
    client = as_user(world.users["office"])
    before = _fingerprints()
    upload = io.BytesIO(b"x" * size)
    upload.name = "huge.txt"

    response = client.post(reverse("document_upload", args=[world.org.pk]), {"file": upload})

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "“huge.txt”：文件超过 49 KB 的上限，请删去无关内容后重新上传。"
        if size == 60_000
        else "上传的文件超过 49 KB 的上限，请删去无关内容后重新上传。"
    ]
    assert _fingerprints() == before
    assert _uploads(settings) == []


@pytest.mark.parametrize(
    ("persona", "status"),
    [(None, 302), ("unit_a", 403), ("leader", 403), ("other_office", 404)],
)
def test_it_lets_only_the_organizations_office_upload_or_confirm(
    persona, status, world, as_user, settings
):
    office = as_user(world.users["office"])
    token = _token(upload(office, world.org, EXAMPLE))
    client = as_user(world.users[persona] if persona else None)
    before = _fingerprints(without_sessions=True)  # after the login, which writes its own rows
    url = reverse("document_upload", args=[world.org.pk])

    answers = [
        client.get(url),
        upload(client, world.org, EXAMPLE),
        client.post(reverse("document_confirm", args=[world.org.pk]), {"token": token}),
        client.post(reverse("document_cancel", args=[world.org.pk]), {"token": token}),
    ]

    assert [a.status_code for a in answers] == [status] * 4
    if persona is None:
        assert all("/accounts/login/" in a["Location"] for a in answers)
    assert _fingerprints(without_sessions=True) == before
    assert len(_uploads(settings)) == 1  # the office's upload still waits for the office


def test_it_refuses_a_confirmation_with_someone_elses_token(world, as_user, settings):
    from django.contrib.auth import get_user_model

    from duban.web.accounts.models import Membership

    colleague = get_user_model().objects.create_user("office2", password="pw-office2")
    Membership.objects.create(user=colleague, organization=world.org, role="office")
    token = _token(upload(as_user(world.users["office"]), world.org, EXAMPLE))
    client = as_user(colleague)
    before = _fingerprints(without_sessions=True)
    url = reverse("document_confirm", args=[world.org.pk])

    response = client.post(url, {"token": token}, follow=True)
    client.post(reverse("document_cancel", args=[world.org.pk]), {"token": token})

    assert "没有导入" in response.content.decode()
    assert _fingerprints(without_sessions=True) == before
    assert len(_uploads(settings)) == 1
    client = as_user(world.users["office"])  # a new login session: the token is not in it
    before = _fingerprints(without_sessions=True)
    client.post(url, {"token": token})
    assert _fingerprints(without_sessions=True) == before


def test_it_imports_once_when_confirmed_twice(world, as_user, settings):
    client = as_user(world.users["office"])
    token = _token(upload(client, world.org, EXAMPLE))
    url = reverse("document_confirm", args=[world.org.pk])
    assert client.post(url, {"token": token}).status_code == 302
    after_first = _fingerprints(without_sessions=True)

    again = client.post(url, {"token": token}, follow=True)

    assert "已失效" in again.content.decode()
    assert _fingerprints(without_sessions=True) == after_first
    assert _task_count(world.org) == 108


def test_it_deletes_the_upload_on_cancel(world, as_user, settings):
    client = as_user(world.users["office"])
    token = _token(upload(client, world.org, EXAMPLE))
    before = _fingerprints(without_sessions=True)

    response = client.post(
        reverse("document_cancel", args=[world.org.pk]), {"token": token}, follow=True
    )

    assert "已取消" in response.content.decode()
    assert _uploads(settings) == []
    client.post(reverse("document_confirm", args=[world.org.pk]), {"token": token})
    assert _fingerprints(without_sessions=True) == before


def test_it_refuses_an_expired_token(world, as_user, settings, monkeypatch):
    from duban.web.documents import services

    client = as_user(world.users["office"])
    token = _token(upload(client, world.org, EXAMPLE))
    before = _fingerprints(without_sessions=True)
    monkeypatch.setattr(services, "UPLOAD_TTL", -1)

    response = client.post(
        reverse("document_confirm", args=[world.org.pk]), {"token": token}, follow=True
    )

    assert "已过期" in response.content.decode()
    assert _fingerprints(without_sessions=True) == before


def test_it_links_the_upload_page_for_the_office_only(world, as_user):
    from duban.web.accounts.models import Membership
    from duban.web.orgs.models import Organization

    url = reverse("document_upload", args=[world.org.pk])
    assert url in as_user(world.users["office"]).get("/").content.decode()
    for persona in ("unit_a", "leader"):
        assert "/upload/" not in as_user(world.users[persona]).get("/").content.decode()
    # An office with nothing imported yet is sent to the upload page from the empty home page.
    fresh = Organization.objects.create(name="市中区")
    office = world.users["other_office"]
    Membership.objects.filter(user=office).update(organization=fresh)
    page = as_user(office).get("/").content.decode()
    assert "还没有年度任务" in page and reverse("document_upload", args=[fresh.pk]) in page


def test_it_checks_the_csrf_token_of_an_upload(world, settings):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["office"])
    url = reverse("document_upload", args=[world.org.pk])

    with open(EXAMPLE, "rb") as f:
        refused = client.post(url, {"file": f})

    assert refused.status_code == 403
    assert _uploads(settings) == []
    form = client.get(url)
    with open(EXAMPLE, "rb") as f:
        accepted = client.post(url, {"file": f, "csrfmiddlewaretoken": form.context["csrf_token"]})
    assert accepted.status_code == 302
    run_jobs()
    assert client.get(accepted["Location"]).context["preview"].task_count == 108


def test_it_sweeps_expired_uploads_and_leftovers(world, as_user, settings):
    from duban.web.documents import services

    client = as_user(world.users["office"])
    upload(client, world.org, EXAMPLE)
    leftover = services.upload_dir() / "interrupted.upload.pdf"
    leftover.write_bytes(b"%PDF-")

    assert services.upload_sweep() == 0
    assert services.upload_sweep(now=time.time() + services.UPLOAD_TTL + 1) == 2
    assert _uploads(settings) == []


def test_the_worker_reads_the_upload_while_the_page_shows_its_progress(world, as_user):
    client = as_user(world.users["office"])
    with open(EXAMPLE, "rb") as f:
        sent = client.post(reverse("document_upload", args=[world.org.pk]), {"file": f})
    assert sent.status_code == 302
    waiting = client.get(sent["Location"])
    assert waiting.status_code == 200 and "排队中" in waiting.content.decode()
    assert "preview" not in waiting.context
    polled = client.get(sent["Location"], HTTP_HX_REQUEST="true")
    assert "job-queued" in polled.content.decode()
    run_jobs()
    assert client.get(sent["Location"], HTTP_HX_REQUEST="true")["HX-Refresh"] == "true"
    assert client.get(sent["Location"]).context["preview"].task_count == 108


def test_a_reading_page_is_its_uploaders_only(world, as_user):
    from django.contrib.auth import get_user_model

    from duban.web.accounts.models import Membership

    token = _token(upload(as_user(world.users["office"]), world.org, EXAMPLE))
    colleague = get_user_model().objects.create_user("office2", password="pw-office2")
    Membership.objects.create(user=colleague, organization=world.org, role="office")
    page = as_user(colleague).get(reverse("document_preview", args=[world.org.pk, token]))
    assert "已失效" in page.content.decode() and "preview" not in page.context
