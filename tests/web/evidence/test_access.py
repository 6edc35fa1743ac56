"""Who reads an attachment by its URL: the office, the report's own unit and a leader the office
named; not another unit (even once the report is submitted), a leader without the right, another
organization or an anonymous visitor — nor anyone by a guessed id. Files are served so that a
browser never runs them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.web.evidence import files
from tests.web.evidence.conftest import attach, evidence_photo

# Role → (status of the file, of the thumbnail); anonymous visitors are sent to log in.
EXPECTED = {
    "office": 200,
    "unit_a": 200,  # the report's own unit
    "unit_b": 403,  # another unit of the organization
    "leader": 403,  # a leader the office has not named
    "other_office": 404,  # another organization
    None: 302,  # anonymous: to the login page
}


@pytest.fixture
def photo(world):
    return evidence_photo(world, world.drafts["区发改局"])


@pytest.mark.parametrize("who", list(EXPECTED), ids=[str(k) for k in EXPECTED])
@pytest.mark.parametrize("route", ["evidence_file", "evidence_thumbnail"])
def test_each_role_reads_an_attachment_by_its_url_as_the_gate_says(
    world, as_user, photo, who, route
):
    client = as_user(world.users[who] if who else None)
    response = client.get(reverse(route, args=[photo.pk]))
    assert response.status_code == EXPECTED[who]
    if who is None:
        assert response["Location"].startswith("/accounts/login/")


def test_another_unit_cannot_read_it_even_once_the_report_is_submitted(world, as_user, photo):
    from duban.web.plans.models import Report

    Report.objects.filter(pk=photo.report_id).update(state=Report.State.SUBMITTED, version=2)
    client = as_user(world.users["unit_b"])
    assert client.get(reverse("report", args=[photo.report_id])).status_code == 200
    assert client.get(reverse("evidence_file", args=[photo.pk])).status_code == 403
    assert photo.name not in client.get(reverse("report", args=[photo.report_id])).content.decode()


def test_a_leader_the_office_names_reads_it(world, as_user, photo):
    client = as_user(world.users["office"])
    response = client.post(
        reverse("evidence_settings", args=[world.org.pk]),
        {"max_mb": 20, "max_files": 10, "readers": [world.users["leader"].pk]},
    )
    assert response.status_code == 302
    leader = as_user(world.users["leader"])
    assert leader.get(reverse("evidence_file", args=[photo.pk])).status_code == 200


@pytest.mark.parametrize("who", list(EXPECTED), ids=[str(k) for k in EXPECTED])
def test_a_guessed_id_answers_as_a_missing_one(world, as_user, photo, who):
    client = as_user(world.users[who] if who else None)
    for guess in (photo.pk + 1, photo.pk + 1000, 2**31 - 1):
        status = client.get(f"/evidence/{guess}/").status_code
        assert status == (302 if who is None else 404), (who, guess)
    assert client.get("/evidence/0/").status_code == 404  # no id: no route, for anyone


def test_a_photo_is_shown_as_an_image_that_no_browser_sniffs(world, as_user, photo):
    response = as_user(world.users["unit_a"]).get(reverse("evidence_file", args=[photo.pk]))
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline; ")
    assert "sandbox" in response["Content-Security-Policy"]


def test_a_document_is_always_downloaded(world, as_user):
    client = as_user(world.users["unit_a"])
    attach(client, world.drafts["区发改局"], "纪要.docx", files.docx())
    from duban.web.evidence.models import Attachment

    a = Attachment.objects.get()
    response = client.get(reverse("evidence_file", args=[a.pk]))
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert response["Content-Disposition"] == (
        "attachment; filename=\"__.docx\"; filename*=UTF-8''%E7%BA%AA%E8%A6%81.docx"
    )
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("who", ["unit_b", "leader", "other_office", None])
def test_no_one_else_uploads_to_or_removes_from_the_report(world, as_user, photo, who, settings):
    from duban.web.evidence.models import Attachment

    client = as_user(world.users[who] if who else None)
    upload = attach(client, world.drafts["区发改局"], "x.pdf", files.pdf())
    remove = client.post(reverse("evidence_remove", args=[photo.pk]))
    expected = {"unit_b": 403, "leader": 403, "other_office": 404, None: 302}[who]
    assert (upload.status_code, remove.status_code) == (expected, expected)
    assert list(Attachment.objects.values_list("pk", "removed_in_version")) == [(photo.pk, None)]


def test_a_submitted_report_takes_no_more_files_from_its_unit(world, as_user):
    from duban.web.plans.models import Report

    report = world.drafts["区发改局"]
    Report.objects.filter(pk=report.pk).update(state=Report.State.SUBMITTED)
    response = attach(as_user(world.users["unit_a"]), report, "late.pdf", files.pdf())
    assert response.status_code == 403


def test_the_office_finds_the_settings_from_the_round_and_sets_the_limits(world, as_user):
    from duban.web.evidence.models import EvidenceSettings

    office = as_user(world.users["office"])
    round_page = office.get(reverse("round", args=[world.q4.pk])).content.decode()
    url = reverse("evidence_settings", args=[world.org.pk])
    assert f'<a href="{url}">佐证材料设置</a>' in round_page
    response = office.post(url, {"max_mb": 5, "max_files": 3}, follow=True)
    assert "佐证材料设置已保存。" in response.content.decode()
    found = EvidenceSettings.objects.get(organization=world.org)
    assert (found.max_mb, found.max_files) == (5, 3)
    refused = office.post(url, {"max_mb": 5000, "max_files": 3})
    assert refused.status_code == 200
    assert EvidenceSettings.objects.get(organization=world.org).max_mb == 5
