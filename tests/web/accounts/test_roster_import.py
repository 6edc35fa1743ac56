"""The office creates its reporters from a spreadsheet: a preview with every row's problems,
nothing created until every row is right or the office skips the wrong ones, then one-time
passwords shown once and a change forced at the first log-in."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from duban.web.accounts.models import Membership
from duban.web.audit.models import AuditEvent

HEADER = ["单位", "姓名", "手机号", "电子邮箱"]


def xlsx(rows: list[list[object]], name: str = "联络员.xlsx") -> SimpleUploadedFile:
    wb = openpyxl.Workbook()
    for row in [HEADER, *rows]:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def reporters(org) -> list[str]:
    return sorted(
        Membership.objects.filter(organization=org, role="unit")
        .exclude(phone="")
        .values_list("phone", flat=True)
    )


@pytest.fixture
def office(world, as_user):
    return as_user(world.users["office"])


def _upload(client, world, rows):
    url = reverse("roster_upload", args=[world.org.pk])
    return client.post(url, {"file": xlsx(rows)})


def _token(response) -> str:
    return response.context["token"]


def test_it_lists_a_message_per_wrong_row_and_creates_nothing(world, office):
    response = _upload(
        office,
        world,
        [
            ["区发改局", "王芳", "13800000001", "wf@example.cn"],
            ["区财政局", "李强", "13800000001", ""],
            ["区统计局", "赵敏", "13800000003", ""],
            ["底阁镇", "", "13800000004", ""],
        ],
    )
    assert response.status_code == 200
    problems = {c.row.line: c.problems for c in response.context["checks"]}
    assert problems == {
        2: ("手机号与第 3 行重复",),
        3: ("手机号与第 2 行重复",),
        4: ("单位“区统计局”不在本机构的单位名单中",),
        5: ("姓名为空",),
    }
    body = response.content.decode()
    assert "4 行有误" in body
    assert "单位“区统计局”不在本机构的单位名单中" in body
    assert reporters(world.org) == []


def test_it_refuses_to_confirm_while_rows_are_wrong_unless_the_office_skips_them(world, office):
    preview = _upload(
        office,
        world,
        [["区发改局", "王芳", "13800000001", ""], ["区发改局", "李强", "12345", ""]],
    )
    confirm = reverse("roster_confirm", args=[world.org.pk])
    refused = office.post(confirm, {"token": _token(preview)})
    assert refused.status_code == 200
    assert "有 1 行有误，没有创建任何账号。" in refused.content.decode()
    assert reporters(world.org) == []

    done = office.post(confirm, {"token": _token(preview), "skip": "1"})
    assert done.status_code == 200
    assert reporters(world.org) == ["13800000001"]
    (issued,) = done.context["issued"]
    assert issued.password in done.content.decode()
    assert done.context["outcome"].skipped == 1


def test_it_creates_reporters_who_log_in_with_their_phone_and_must_change_the_password(
    world, office, client
):
    preview = _upload(office, world, [["发改局", "王芳", "138 0000 0001", "wf@example.cn"]])
    assert preview.context["to_create"] == 1
    done = office.post(reverse("roster_confirm", args=[world.org.pk]), {"token": _token(preview)})
    (issued,) = done.context["issued"]
    member = Membership.objects.select_related("user", "unit").get(phone="13800000001")
    assert (member.unit.name, member.user.username, member.user.first_name) == (
        "区发改局",
        "13800000001",
        "王芳",
    )
    assert (member.user.email, member.must_change_password) == ("wf@example.cn", True)
    assert member.user.password.startswith("duban_onetime_pbkdf2$")
    assert AuditEvent.objects.filter(action="reporter_create", object_id=str(member.pk)).exists()
    assert issued.password not in str(list(AuditEvent.objects.values_list("after", flat=True)))

    client.logout()
    login = client.post(reverse("login"), {"username": "13800000001", "password": issued.password})
    assert login.status_code == 302
    assert client.get(reverse("my_tasks")).url == reverse("password_change")


def test_the_same_spreadsheet_twice_creates_nothing_the_second_time(world, office):
    rows = [["区发改局", "王芳", "13800000001", ""]]
    first = _upload(office, world, rows)
    office.post(reverse("roster_confirm", args=[world.org.pk]), {"token": _token(first)})
    second = _upload(office, world, rows)
    assert (second.context["existing"], second.context["to_create"]) == (1, 0)
    assert "已有此账号，无需创建" in second.content.decode()
    assert reporters(world.org) == ["13800000001"]


def test_a_spent_or_foreign_token_creates_nothing(world, office):
    preview = _upload(office, world, [["区发改局", "王芳", "13800000001", ""]])
    confirm = reverse("roster_confirm", args=[world.org.pk])
    office.post(confirm, {"token": _token(preview)})
    again = office.post(confirm, {"token": _token(preview)})
    assert again.status_code == 302
    assert again.url == reverse("roster_upload", args=[world.org.pk])
    forged = office.post(confirm, {"token": "not-a-token"})
    assert forged.status_code == 302
    assert reporters(world.org) == ["13800000001"]


def test_a_file_that_is_no_roster_gets_one_sentence_beside_the_field(world, office):
    url = reverse("roster_upload", args=[world.org.pk])
    broken = office.post(url, {"file": SimpleUploadedFile("名单.xlsx", b"not a zip")})
    assert broken.status_code == 200
    (message,) = broken.context["form"].errors["file"]
    assert message.startswith("“名单.xlsx”：不是可以读取的 Excel 文件")
    headless = office.post(url, {"file": SimpleUploadedFile("名单.csv", "王芳,138\n".encode())})
    (message,) = headless.context["form"].errors["file"]
    assert "找不到表头行" in message


def test_only_the_office_of_the_organization_may_import(world, as_user):
    url = reverse("roster_upload", args=[world.org.pk])
    assert as_user(world.users["unit_a"]).get(url).status_code == 403
    assert as_user(world.users["leader"]).get(url).status_code == 403
    assert as_user(world.users["other_office"]).get(url).status_code == 404
    anonymous = as_user(None).get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous.url


def test_the_template_lists_the_units_without_a_reporter(world, office):
    response = office.get(reverse("roster_template", args=[world.org.pk]))
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0] == HEADER
    units = [r[0] for r in rows[1:]]
    assert "区财政局" in units
    assert "区发改局" not in units and "底阁镇" not in units  # unit_a and unit_b report for them
    assert "各镇（街）" not in units  # a group has no reporter of its own


def test_a_file_over_the_limit_is_refused_unread(world, office):
    url = reverse("roster_upload", args=[world.org.pk])
    big = SimpleUploadedFile("名单.csv", b"x" * (5 * 1024 * 1024 + 100 * 1024))
    response = office.post(url, {"file": big})
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == ["文件超过 5 MB，联络员名单不会这么大。"]
    assert reporters(world.org) == []
