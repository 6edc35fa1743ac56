"""The import preview lists the new units, the likely same-unit pairs to confirm, and names no
unit can have; nothing is written before the office confirms."""

from __future__ import annotations

from tests.web.conftest import upload
from tests.web.orgs.conftest import FIXTURES


def confirm(client, org, response, **extra):
    token = response.context["token"]
    return client.post(f"/orgs/{org.pk}/upload/confirm/", {"token": token, **extra})


def test_it_refuses_a_name_too_long_or_only_punctuation_with_a_sentence(county, client):
    from duban.web.orgs.models import Unit
    from duban.web.plans.models import Plan

    org, office = county
    client.force_login(office)
    page = upload(client, org, FIXTURES / "county-bad-unit-names.txt")
    assert page.status_code == 200
    problems = [u.problem for u in page.context["preview"].name_problems]
    assert problems == [
        "单位名称长达 300 个字，超过 100 个字的上限",
        "“！！！”只有标点符号，不是单位名称",
    ]
    html = page.content.decode()
    assert "超过 100 个字的上限" in html and "只有标点符号" in html
    assert '<button type="submit" disabled>' in html
    assert (Plan.objects.count(), Unit.objects.count()) == (0, 0)
    answer = confirm(client, org, page)
    assert answer.status_code == 302
    assert (Plan.objects.count(), Unit.objects.count()) == (0, 0)
    shown = client.get(answer["Location"]).content.decode()
    assert "没有导入" in shown and "请在文件中改正后重新上传" in shown


def test_it_lists_two_spellings_of_one_unit_and_keeps_them_apart_unless_ticked(county, client):
    from duban.web.orgs.models import Unit

    org, office = county
    client.force_login(office)
    page = upload(client, org, FIXTURES / "county-two-spellings.txt")
    (pair,) = page.context["preview"].pairs
    assert (pair.name, pair.same_as, pair.existing) == ("财政局", "县财政局", False)
    assert "“财政局”即“县财政局”" in page.content.decode()
    assert Unit.objects.count() == 0  # nothing written by the preview
    assert confirm(client, org, page).status_code == 302
    assert {"财政局", "县财政局"} <= set(org.units.values_list("name", flat=True))


def test_it_imports_a_ticked_pair_as_one_unit_and_later_imports_read_it_so(county, client):
    from duban.web.plans.models import Report

    org, office = county
    client.force_login(office)
    page = upload(client, org, FIXTURES / "county-two-spellings.txt")
    assert confirm(client, org, page, same="财政局").status_code == 302
    names = set(org.units.values_list("name", flat=True))
    assert "县财政局" in names and "财政局" not in names
    finance = org.units.get(name="县财政局")
    assert "财政局" in finance.aliases
    assert sorted(finance.responsibilities.values_list("task__seq", flat=True)) == [1, 2]
    assert Report.objects.filter(unit=finance).count() == 2
    again = upload(client, org, FIXTURES / "county-two-spellings.txt")
    assert again.context["preview"].pairs == ()
    assert not again.context["preview"].new_units


def test_it_offers_an_existing_unit_for_a_new_short_form(county, client):
    from duban.web.audit.models import AuditEvent
    from duban.web.orgs.models import Unit

    org, office = county
    Unit.objects.create(organization=org, name="县财政局", kind="department")
    client.force_login(office)
    page = upload(client, org, FIXTURES / "county-two-spellings.txt")
    pairs = {(p.name, p.same_as, p.existing) for p in page.context["preview"].pairs}
    assert ("财政局", "县财政局", True) in pairs
    assert confirm(client, org, page, same="财政局").status_code == 302
    assert org.units.get(name="县财政局").aliases == ["财政局"]
    assert not org.units.filter(name="财政局").exists()
    event = AuditEvent.objects.get(action="unit_alias")
    assert event.after == {"aliases": ["财政局"]}


def test_it_pairs_the_full_short_and_bracketed_forms_a_county_table_writes(county, client):
    """县发展和改革局 and 县发改局, 县财政局 and 财政局, 县人力资源和社会保障局 and 县人社局,
    县委农办(县农业农村局) and 县农业农村局: each pair offered once, the fuller name kept."""
    org, office = county
    client.force_login(office)
    page = upload(client, org, FIXTURES / "qinghe-county-2024-q2.txt")
    pairs = {(p.name, p.same_as) for p in page.context["preview"].pairs}
    assert pairs == {
        ("县发改局", "县发展和改革局"),
        ("财政局", "县财政局"),
        ("县人社局", "县人力资源和社会保障局"),
        ("县农业农村局", "县委农办(县农业农村局)"),
    }
