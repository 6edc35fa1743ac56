"""A unit attaches evidence to its report: photos get a thumbnail, a phone's HEIC photo becomes
a JPEG, PDF/Word/Excel are kept as they are; each file joins the report's next version; a file
removed leaves the next version and stays in the earlier ones."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.web.evidence import files
from tests.web.evidence.conftest import attach, stored_files


def test_it_attaches_a_photo_with_a_thumbnail_to_the_next_version(world, reporter, draft, settings):
    from PIL import Image

    from duban.web.evidence.models import Attachment

    response = attach(reporter, draft, "现场照片.jpg", files.jpeg(4000, 3000))
    assert response.status_code == 302
    assert response["Location"] == reverse("report_edit", args=[draft.pk])
    a = Attachment.objects.get()
    assert (a.report_id, a.name, a.kind, a.content_type) == (
        draft.pk,
        "现场照片.jpg",
        "image",
        "image/jpeg",
    )
    assert (a.width, a.height, a.since_version, a.removed_in_version) == (4000, 3000, 2, None)
    assert sorted(stored_files(settings)) == sorted([a.key, a.thumbnail_key])
    thumb = reporter.get(reverse("evidence_thumbnail", args=[a.pk]))
    import io

    image = Image.open(io.BytesIO(b"".join(thumb.streaming_content)))
    assert (image.format, image.size) == ("JPEG", (320, 240))


def test_the_attachment_joins_the_version_the_reporter_saves_next(world, reporter, draft):
    from duban.web.evidence.models import Attachment

    attach(reporter, draft, "验收单.pdf", files.pdf())
    editor = reporter.get(reverse("report_edit", args=[draft.pk]))
    assert "验收单.pdf" in editor.content.decode()
    reporter.post(
        reverse("report_edit", args=[draft.pk]), {"text": "已完成验收。", "version": 1, "save": 1}
    )
    page = reporter.get(reverse("report", args=[draft.pk])).content.decode()
    a = Attachment.objects.get()
    assert a.in_version(2) and not a.in_version(1)
    assert f'href="/evidence/{a.pk}/">验收单.pdf</a>' in page  # in version 2's row


def test_a_removed_file_leaves_the_next_version_and_stays_in_the_earlier(world, reporter, draft):
    from duban.web.evidence.models import Attachment
    from duban.web.plans.models import Report

    attach(reporter, draft, "a.pdf", files.pdf())
    reporter.post(reverse("report_edit", args=[draft.pk]), {"text": "v2", "version": 1, "save": 1})
    a = Attachment.objects.get()
    response = reporter.post(reverse("evidence_remove", args=[a.pk]))
    assert response.status_code == 302
    a.refresh_from_db()
    assert (a.since_version, a.removed_in_version) == (2, 3)
    assert Report.objects.get(pk=draft.pk).version == 2
    assert a.in_version(2) and not a.in_version(3)
    assert reporter.get(reverse("evidence_file", args=[a.pk])).status_code == 200  # kept


def test_a_phone_heic_photo_is_kept_as_a_jpeg(world, reporter, draft):
    from duban.web.evidence.models import Attachment

    attach(reporter, draft, "IMG_0001.HEIC", files.heic())
    a = Attachment.objects.get()
    assert (a.name, a.content_type, a.width, a.height) == ("IMG_0001.jpg", "image/jpeg", 640, 480)
    body = b"".join(reporter.get(reverse("evidence_file", args=[a.pk])).streaming_content)
    assert body[:3] == b"\xff\xd8\xff"


@pytest.mark.parametrize(
    "name, make, kind",
    [
        ("验收报告.pdf", files.pdf, "pdf"),
        ("会议纪要.docx", files.docx, "docx"),
        ("投资台账.xlsx", files.xlsx, "xlsx"),
        ("截图.png", files.png, "image"),
        ("名字没有扩展名", files.docx, "docx"),  # known by its bytes
    ],
)
def test_it_takes_pdf_word_excel_and_images_by_their_content(
    world, reporter, draft, name, make, kind
):
    from duban.web.evidence.models import Attachment

    assert attach(reporter, draft, name, make()).status_code == 302
    a = Attachment.objects.get()
    assert a.kind == kind
    assert bool(a.thumbnail_key) == (kind == "image")


def test_it_refuses_a_file_past_the_count_the_office_set(world, reporter, draft, settings):
    from duban.web.evidence.models import Attachment, EvidenceSettings

    EvidenceSettings.objects.create(organization=world.org, max_mb=5, max_files=2)
    for n in range(2):
        attach(reporter, draft, f"{n}.pdf", files.pdf())
    before = stored_files(settings)
    response = attach(reporter, draft, "third.pdf", files.pdf(), follow=True)
    assert "每份报告最多 2 个佐证材料，已达上限：“third.pdf”未保存。" in response.content.decode()
    assert Attachment.objects.count() == 2
    assert stored_files(settings) == before


def test_the_editor_offers_the_camera_on_a_phone(world, reporter, draft):
    page = reporter.get(reverse("report_edit", args=[draft.pk])).content.decode()
    assert 'accept="image/*" capture="environment"' in page
    assert 'enctype="multipart/form-data"' in page


def test_htmx_upload_answers_the_evidence_block(world, reporter, draft):
    response = attach(reporter, draft, "p.jpg", files.jpeg(), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.startswith('<section id="evidence"')
    assert "p.jpg" in body


def test_every_step_is_an_audit_event(world, reporter, draft):
    from duban.web.audit.models import AuditEvent
    from duban.web.evidence.models import Attachment

    attach(reporter, draft, "a.pdf", files.pdf())
    reporter.post(reverse("evidence_remove", args=[Attachment.objects.get().pk]))
    actions = list(
        AuditEvent.objects.filter(action__startswith="evidence")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["evidence_add", "evidence_remove"]
