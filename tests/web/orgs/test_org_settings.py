"""The organization's settings page: name, level, issuing office, bulletin series, addressees;
the documents and notices take their wording from them."""

from __future__ import annotations

from tests.web.orgs.conftest import make_office

SETTINGS = {
    "name": "青禾县",
    "level": "县",
    "office_name": "青禾县人民政府办公室督查科",
    "bulletin_series": "青禾督查",
    "addressees": "各乡镇人民政府，县政府各部门：",
}


def test_it_saves_the_settings_with_their_history(county, client):
    from duban.web.audit.models import AuditEvent

    org, office = county
    client.force_login(office)
    assert client.get(f"/orgs/{org.pk}/settings/").status_code == 200
    response = client.post(f"/orgs/{org.pk}/settings/", SETTINGS)
    assert response.status_code == 302
    org.refresh_from_db()
    assert (org.office_name, org.bulletin_series, org.addressees) == (
        "青禾县人民政府办公室督查科",
        "青禾督查",
        "各乡镇人民政府，县政府各部门：",
    )
    event = AuditEvent.objects.get(action="org_settings")
    assert event.before["office_name"] == "" and event.after["bulletin_series"] == "青禾督查"


def test_it_refuses_another_organizations_office_and_a_level_it_does_not_know(county, client):
    org, office = county
    _, stranger = make_office("白石市", "市", username="stranger")
    client.force_login(stranger)
    assert client.post(f"/orgs/{org.pk}/settings/", SETTINGS).status_code == 404
    client.force_login(office)
    page = client.post(f"/orgs/{org.pk}/settings/", {**SETTINGS, "level": "省"})
    assert page.status_code == 200 and "省" in page.content.decode()
    assert page.context["form"].errors["level"]
    org.refresh_from_db()
    assert org.office_name == ""


def test_the_notices_and_bulletin_sign_with_the_office_set(county):
    from duban.web.orgs.naming import bulletin_wording, issuing_office

    org, _ = county
    assert issuing_office(org) == "青禾县人民政府督查室"
    assert bulletin_wording(org) == {}
    for field, value in SETTINGS.items():
        setattr(org, field, value)
    assert issuing_office(org) == "青禾县人民政府办公室督查科"
    assert bulletin_wording(org) == {
        "series": "青禾督查",
        "addressees": "各乡镇人民政府，县政府各部门：",
    }


def test_a_notice_is_signed_by_the_issuing_office_the_settings_name(county):
    from duban.web.notices.services import wording

    org, _ = county
    fields = {"unit": "城关镇", "period": "2024年第三季度", "deadline": "2024年9月30日"}
    fields |= {"tasks": "1、4", "count": 2}
    _, body = wording(org, "opening", **fields)
    assert body.endswith("青禾县人民政府督查室")
    org.office_name = "青禾县委县政府督查室"
    org.save()
    _, body = wording(org, "opening", **fields)
    assert body.endswith("青禾县委县政府督查室") and "区" not in body
