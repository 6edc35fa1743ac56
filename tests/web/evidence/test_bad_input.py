"""Files refused by their content, whatever their name: each in one sentence on the editor,
with no row written and no file left in the store."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.web.evidence import files
from tests.web.evidence.conftest import attach, stored_files

CASES = [
    (
        "photo.jpg",
        files.executable,
        "“photo.jpg”不是可接受的佐证材料（按文件内容识别，可上传照片（JPEG、PNG、GIF、WebP、HEIC）、"
        "PDF、Word（.docx）或 Excel（.xlsx）），未保存。",
    ),
    (
        "chart.svg",
        files.svg_with_script,
        "“chart.svg”不是可接受的佐证材料（按文件内容识别，可上传照片（JPEG、PNG、GIF、WebP、HEIC）、"
        "PDF、Word（.docx）或 Excel（.xlsx）），未保存。",
    ),
    ("empty.pdf", lambda: b"", "“empty.pdf”是空文件（0 字节），未保存。"),
    (
        "纪要.docx",
        files.docx_bomb,
        "“纪要.docx”未通过安全检查（解压后过大，疑似压缩炸弹），未保存。",
    ),
    (
        "broken.jpg",
        lambda: files.jpeg()[:200],
        "“broken.jpg”看似图片但已损坏或无法识别，未保存。",
    ),
]


@pytest.mark.parametrize("name, make, sentence", CASES, ids=[c[0] for c in CASES])
def test_it_refuses_in_one_sentence_and_stores_nothing(
    world, reporter, draft, settings, name, make, sentence
):
    from duban.web.audit.models import AuditEvent
    from duban.web.evidence.models import Attachment

    response = attach(reporter, draft, name, make(), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [(reverse("report_edit", args=[draft.pk]), 302)]
    assert sentence in response.content.decode()
    assert Attachment.objects.count() == 0
    assert stored_files(settings) == []
    assert not AuditEvent.objects.filter(action__startswith="evidence").exists()


def test_it_refuses_a_file_over_the_office_limit_before_reading_it(
    world, reporter, draft, settings
):
    from duban.web.evidence.models import Attachment, EvidenceSettings

    EvidenceSettings.objects.create(organization=world.org, max_mb=1, max_files=10)
    response = attach(
        reporter, draft, "大照片.jpg", files.jpeg(1500, 1500, noise=True), follow=True
    )
    assert "超过本单位设定的上限 1.0 MB，未保存。" in response.content.decode()
    assert "“大照片.jpg”有 " in response.content.decode()
    assert Attachment.objects.count() == 0
    assert stored_files(settings) == []


def test_htmx_upload_refused_says_why_in_the_block(world, reporter, draft, settings):
    response = attach(reporter, draft, "x.jpg", files.executable(), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "“x.jpg”不是可接受的佐证材料" in response.content.decode()
    assert stored_files(settings) == []


def test_a_post_without_a_file_asks_for_one(world, reporter, draft):
    response = reporter.post(reverse("evidence_upload", args=[draft.pk]), follow=True)
    assert "请先选择要上传的文件。" in response.content.decode()


def test_a_heic_photo_is_refused_in_a_sentence_without_the_converter(
    world, reporter, draft, settings, monkeypatch
):
    from duban.core import evidence
    from duban.web.evidence.models import Attachment

    monkeypatch.setattr(evidence, "heic_supported", lambda: False)
    response = attach(reporter, draft, "IMG_1.heic", files.heic(), follow=True)
    assert (
        "“IMG_1.heic”是 HEIC 格式照片，本系统未安装转换组件，请在手机上改用 JPEG 格式后上传，未保存。"
        in response.content.decode()
    )
    assert Attachment.objects.count() == 0
    assert stored_files(settings) == []
