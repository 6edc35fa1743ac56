"""A town's reporter on a 390 px phone attaches a photo to its report and submits; the office
opens the photo from its review queue and accepts the report."""

from __future__ import annotations

import pytest

from tests.web import conftest as web
from tests.web.evidence import files

pytestmark = pytest.mark.browser
# The web tests' world (its personas and Q4 drafts), and a file store of the test's own.
world, _own_file_store = web.world, web._own_file_store

PHONE = {"width": 390, "height": 844}


def _login(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw-" + username)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def test_a_town_reporter_attaches_a_photo_on_a_phone_and_the_office_accepts(
    transactional_db, world, live_server, browser, artifacts
):
    from duban.web.evidence.models import Attachment
    from duban.web.plans.models import Report

    report = world.drafts["底阁镇"]  # a town (镇)
    phone = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2, locale="zh-CN"
    )
    page = phone.new_page()
    _login(page, live_server.url, "unit_b")
    page.goto(f"{live_server.url}/reports/{report.pk}/edit/")
    camera = page.locator("#evidence-photo")
    assert camera.get_attribute("accept") == "image/*"
    assert camera.get_attribute("capture") == "environment"
    camera.set_input_files(
        {"name": "IMG_2041.jpg", "mimeType": "image/jpeg", "buffer": files.jpeg(3000, 4000)}
    )
    page.click("#evidence button[type=submit]")
    thumb = page.locator("#evidence img")
    thumb.wait_for()
    assert thumb.get_attribute("alt") == "IMG_2041.jpg"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the editor is {width} px wide on a {PHONE['width']} px phone"
    page.screenshot(path=str(artifacts / "evidence-phone-editor.png"), full_page=True)
    page.fill("#id_text", "底阁镇第四季度：固定资产投资完成3.1亿元，现场照片见附件。")
    page.click("button[name=submit]")
    page.wait_for_url(f"{live_server.url}/my/**")
    phone.close()
    assert Report.objects.get(pk=report.pk).state == Report.State.SUBMITTED
    attachment = Attachment.objects.get(report=report)
    assert attachment.in_version(Report.objects.get(pk=report.pk).version)

    office = browser.new_context(viewport={"width": 1200, "height": 900}, locale="zh-CN")
    page = office.new_page()
    _login(page, live_server.url, "office")
    page.goto(f"{live_server.url}/rounds/{world.q4.pk}/queue/")
    item = page.locator(f"#item-{report.pk}")
    with office.expect_page() as opened:
        item.locator(f"a[href='/evidence/{attachment.pk}/']").click()
    photo = opened.value
    photo.wait_for_load_state()
    assert photo.evaluate("document.contentType") == "image/jpeg"
    assert photo.evaluate("document.images[0].naturalWidth") == 3000
    photo.close()
    item.locator("button.accept").click()
    page.locator(f"#item-{report.pk} button.accept").wait_for(state="detached")
    page.screenshot(path=str(artifacts / "evidence-office-queue.png"), full_page=True)
    office.close()
    assert Report.objects.get(pk=report.pk).state == Report.State.ACCEPTED
