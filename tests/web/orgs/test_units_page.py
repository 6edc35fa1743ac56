"""The units page: the office renames, aliases and merges its units with the history kept, and
downloads and uploads its units file; later imports read those decisions."""

from __future__ import annotations

import pytest

from tests.web.orgs.conftest import FIXTURES, import_into, make_office


def page_of(org):
    return f"/orgs/{org.pk}/units/"


def unit(org, name):
    return org.units.get(name=name)


def test_it_lists_the_units_for_the_office_only(qinghe, client, db):
    org, office = qinghe
    _, other_office = make_office("白石市", "市", username="other_office")
    client.force_login(office)
    page = client.get(page_of(org))
    assert page.status_code == 200
    html = page.content.decode()
    assert "县发展和改革局" in html and "各乡镇" in html
    client.force_login(other_office)
    assert client.get(page_of(org)).status_code == 404
    assert client.get(f"/orgs/{org.pk}/units.toml").status_code == 404
    client.logout()
    assert client.get(page_of(org)).status_code == 302  # to the login page


def test_it_renames_a_unit_keeping_the_old_name_as_an_alias_for_later_imports(qinghe, client):
    from duban.web.audit.models import AuditEvent

    org, office = qinghe
    client.force_login(office)
    finance = unit(org, "县财政局")
    response = client.post(
        f"/orgs/{org.pk}/units/{finance.pk}/", {"do": "rename", "name": "县财政事务局"}
    )
    assert response.status_code == 302
    finance.refresh_from_db()
    assert finance.name == "县财政事务局" and "县财政局" in finance.aliases
    event = AuditEvent.objects.get(action="unit_rename")
    assert (event.before["name"], event.after["name"]) == ("县财政局", "县财政事务局")
    count = org.units.count()
    import_into(org, FIXTURES / "qinghe-county-2024-q2.txt")  # the table still says 县财政局
    assert org.units.count() == count
    assert "县财政事务局" in client.get(page_of(org)).content.decode()


def test_it_refuses_a_name_or_alias_another_unit_already_has(qinghe, client):
    org, office = qinghe
    client.force_login(office)
    finance = unit(org, "县财政局")
    answer = client.post(
        f"/orgs/{org.pk}/units/{finance.pk}/",
        {"do": "aliases", "aliases": "县财政事务中心、县税务局"},
        follow=True,
    )
    assert "没有保存：“县税务局”已是单位“县税务局”的名称或别名；如是同一单位，请合并" in (
        answer.content.decode()
    )
    finance.refresh_from_db()
    assert "县税务局" not in finance.aliases
    client.post(
        f"/orgs/{org.pk}/units/{finance.pk}/", {"do": "aliases", "aliases": "县财政事务中心"}
    )
    finance.refresh_from_db()
    assert finance.aliases == ["县财政事务中心"]
    refused = client.post(
        f"/orgs/{org.pk}/units/{finance.pk}/", {"do": "rename", "name": "！！"}, follow=True
    )
    assert "只有标点符号" in refused.content.decode()


def test_it_merges_two_units_keeping_both_texts_of_one_task_and_period(qinghe, client):
    from duban.web.plans.models import Report

    org, office = qinghe
    client.force_login(office)
    # The table wrote 财政局 for 县财政局's report on task 2: two units, one period, one task.
    short, full = unit(org, "财政局"), unit(org, "县财政局")
    task2 = full.responsibilities.get().task
    older = Report.objects.get(unit=short, task=task2)
    period = older.period
    newer = Report.objects.create(
        period=period, task=task2, unit=full, text="县财政局补报：一般公共预算收入完成5.7亿元。"
    )
    shown = client.post(f"/orgs/{org.pk}/units/merge/", {"source": short.pk, "target": full.pk})
    assert shown.status_code == 200
    (pair,) = shown.context["merge"]["pairs"]
    assert (pair.newer_unit, pair.older_unit) == ("县财政局", "财政局")
    assert pair.older_text.startswith("1-6月，一般公共预算收入完成5.6亿元")
    assert Report.objects.filter(unit=short).exists()  # nothing merged yet
    done = client.post(
        f"/orgs/{org.pk}/units/merge/", {"source": short.pk, "target": full.pk, "confirm": "yes"}
    )
    assert done.status_code == 302
    assert not org.units.filter(name="财政局").exists()
    full.refresh_from_db()
    assert "财政局" in full.aliases
    report = Report.objects.get(period=period, task=task2, unit=full)
    assert report.pk == newer.pk and report.text == newer.text
    texts = list(report.versions.order_by("number").values_list("text", flat=True))
    assert texts[-1] == newer.text and older.text in texts
    assert sorted(full.responsibilities.values_list("task__seq", flat=True)) == [2]


def test_it_downloads_the_units_file_and_reads_one_uploaded(qinghe, client):
    import tomllib

    from django.core.files.uploadedfile import SimpleUploadedFile

    org, office = qinghe
    client.force_login(office)
    got = client.get(f"/orgs/{org.pk}/units.toml")
    assert got.status_code == 200 and got["Content-Type"].startswith("application/toml")
    data = tomllib.loads(got.content.decode())
    assert "县发展和改革局" in {u["name"] for u in data["unit"]}
    assert "各乡镇" in {g["name"] for g in data["group"]}
    text = '[[unit]]\nname = "县财政局"\nkind = "department"\naliases = ["财政局"]\n'
    text += '[[unit]]\nname = "县应急管理局"\nkind = "department"\n'
    sent = client.post(
        f"/orgs/{org.pk}/units/file/",
        {"file": SimpleUploadedFile("qinghe.units.toml", text.encode())},
    )
    assert sent.status_code == 302
    assert "财政局" in unit(org, "县财政局").aliases
    assert org.units.filter(name="县应急管理局", kind="department").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"[[unit]\nname = 1", "单位文件不是有效的 TOML"),
        ('[[unit]]\nname = "！！"\n'.encode(), "只有标点符号"),
        (b"\xff\xfe", "不是 UTF-8 编码的文本"),
    ],
)
def test_it_refuses_a_bad_units_file_with_a_sentence_writing_nothing(
    qinghe, client, content, message
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    org, office = qinghe
    client.force_login(office)
    count = org.units.count()
    page = client.post(
        f"/orgs/{org.pk}/units/file/", {"file": SimpleUploadedFile("x.units.toml", content)}
    )
    assert page.status_code == 200
    assert message in page.content.decode()
    assert org.units.count() == count


def test_a_decision_of_one_organization_leaves_the_same_name_of_another_alone(world, client):
    """峄城区 and 台儿庄区 both have a 区发改局: renaming and merging one touches only its own."""
    from duban.web.orgs.models import Unit

    org = world.org
    client.force_login(world.users["office"])
    mine = world.units["区发改局"]
    theirs = Unit.objects.exclude(organization=org).get(name="区发改局")
    client.post(f"/orgs/{org.pk}/units/{mine.pk}/", {"do": "rename", "name": "区发展和改革局"})
    theirs.refresh_from_db()
    assert (theirs.name, theirs.aliases) == ("区发改局", [])
    foreign = client.post(
        f"/orgs/{org.pk}/units/merge/",
        {"source": theirs.pk, "target": world.units["区财政局"].pk, "confirm": "yes"},
        follow=True,
    )
    assert "请选择本机构的两个单位" in foreign.content.decode()
    assert Unit.objects.filter(pk=theirs.pk).exists()
    assert client.post(f"/orgs/{theirs.organization_id}/units/{theirs.pk}/", {}).status_code == 404


def test_it_offers_the_units_an_import_kept_apart_that_read_as_one(qinghe, client):
    org, office = qinghe
    client.force_login(office)
    page = client.get(page_of(org))
    pairs = [(a.name, b.name) for a, b in page.context["likely"]]
    assert sorted(pairs) == sorted(
        [
            ("县发改局", "县发展和改革局"),
            ("财政局", "县财政局"),
            ("县人社局", "县人力资源和社会保障局"),
            ("县农业农村局", "县委农办(县农业农村局)"),
        ]
    )
    assert "“财政局”即“县财政局”" in page.content.decode()
