"""Personas and data for the web tests: one organization with a small plan built from real
phrases of the example, a closed 2021 Q3 and an open Q4 round; another organization beside it."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from tests.web import django_env

_PG_PROBLEM = django_env.postgres_problem()


def pytest_report_header(config) -> list[str]:
    from django.db import connection

    return [f"duban web tests on {connection.vendor}: {connection.settings_dict['NAME']}"]


def pytest_collection_modifyitems(config, items) -> None:
    here = os.path.dirname(__file__)
    web_items = [i for i in items if str(i.path).startswith(here)]
    if _PG_PROBLEM:
        if os.environ.get("CI"):
            pytest.exit(f"{_PG_PROBLEM}; CI is set, so this is a failure", returncode=1)
        for item in web_items:
            item.add_marker(
                pytest.mark.skip(reason=f"{_PG_PROBLEM}: start it or unset DATABASE_URL")
            )
        return
    if not django_env.on_postgres():
        for item in web_items:
            if item.get_closest_marker("postgres"):
                item.add_marker(
                    pytest.mark.skip(
                        reason="needs PostgreSQL: run with DATABASE_URL (make test-postgres)"
                    )
                )


@pytest.fixture(autouse=True)
def _fresh_cache(request):
    """Cached judgements are keyed by database ids, which a rolled-back test may hand out again.
    The cache lives in the database (or Redis): tests without the database have none to clear."""
    uses = [f for f in ("transactional_db", "db") if f in request.fixturenames]
    if not uses:
        return
    request.getfixturevalue(uses[0])  # the database first: autouse fixtures run before it
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _own_file_store(settings, tmp_path):
    """Each test's exports in a folder of its own: the store outlives a rolled-back database."""
    store = settings.STORAGES["default"]
    if store["BACKEND"].endswith("FileSystemStorage"):
        options = {**store["OPTIONS"], "location": tmp_path / "files"}
        settings.STORAGES = {**settings.STORAGES, "default": {**store, "OPTIONS": options}}


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "duban.web.accounts.hashers.DemoPBKDF2PasswordHasher",
        "duban.web.accounts.hashers.OneTimePBKDF2PasswordHasher",
    ]


def small_plan(district: str = "峄城区"):
    """Three tasks of the 2021 Q3 table, text as in the document."""
    from duban.core.model import plan_from_dict

    return plan_from_dict(
        {
            "title": "2021年《政府工作报告》任务目标第三季度落实情况表",
            "year": 2021,
            "district": district,
            "period": {"label": "第三季度", "end_month": 9},
            "warnings": [],
            "sections": [
                {
                    "number": 0,
                    "title": "主要预期目标",
                    "declared_count": 2,
                    "tasks": [
                        {
                            "seq": 1,
                            "target": "地区生产总值增长6%以上，固定资产投资增长5%左右，城乡居民人均可支配收入增长6%左右。",
                            "units": [
                                {"name": "区发改局", "role": "lead"},
                                {"name": "各镇（街）", "role": "co"},
                            ],
                            "reports": [
                                {
                                    "unit": "区发改局",
                                    "text": "上半年，地区生产总值同比增长12.1%，城乡居民人均可支配收入同比增长11.7%。",
                                },
                                {
                                    "unit": "底阁镇",
                                    "text": "1-9月，固定资产投资2.36亿元，同比下降16.04%。",
                                },
                            ],
                        },
                        {
                            "seq": 2,
                            "target": "一般公共预算收入增长5%。",
                            "units": [
                                {"name": "区财政局", "role": "lead"},
                                {"name": "区税务局", "role": "co"},
                            ],
                            "reports": [
                                {
                                    "unit": "区财政局",
                                    "text": "1-9月，一般公共预算收入完成91189万元，占预算的86.83%。",
                                }
                            ],
                        },
                    ],
                },
                {
                    "number": 1,
                    "title": "（一）聚力做强六大产业，提质增效强实力，迈出动能转换更快步伐",
                    "declared_count": 17,
                    "tasks": [
                        {
                            "seq": 3,
                            "target": "支持丰源集团多元发展、强链补链，打造新的增长极。",
                            "units": [
                                {"name": "区工信局", "role": "lead"},
                                {"name": "丰源集团", "role": "co"},
                            ],
                            "reports": [{"unit": None, "text": "危化品停车场正在进行土建施工。"}],
                        }
                    ],
                },
            ],
        }
    )


@dataclass
class World:
    org: object
    plan: object
    q3: object
    q4: object
    tasks: dict
    units: dict
    users: dict
    drafts: dict  # unit name → its Q4 draft report of task 1


DRAFT_A = "区发改局第四季度草稿：前三季度地区生产总值增长9.5%。"
DRAFT_B = "底阁镇第四季度草稿：固定资产投资预计完成3.1亿元。"
INTERNAL_NOTE = "督查室内部意见：数据需与统计局核对。"


@pytest.fixture
def world(db, example_units) -> World:
    from django.contrib.auth import get_user_model

    from duban.web.accounts.models import Membership
    from duban.web.orgs.models import Organization, Unit
    from duban.web.plans.models import Period, Report, Task
    from duban.web.plans.services import plan_import

    plan_import(replace(small_plan(), units=example_units), source="small")
    plan_import(small_plan("台儿庄区"), source="other")  # general knowledge only
    org = Organization.objects.get(name="峄城区")
    other = Organization.objects.get(name="台儿庄区")
    units = {u.name: u for u in Unit.objects.filter(organization=org)}
    plan = org.plans.get()
    q3 = plan.periods.get()
    q4 = Period.objects.create(plan=plan, year=2021, label="第四季度", end_month=12)
    tasks = {t.seq: t for t in Task.objects.filter(plan=plan)}
    drafts = {}
    for name, text in (("区发改局", DRAFT_A), ("底阁镇", DRAFT_B)):
        drafts[name] = Report.objects.create(
            period=q4,
            task=tasks[1],
            unit=units[name],
            text=text,
            state=Report.State.DRAFT,
            version=1,
            internal_note=INTERNAL_NOTE,
        )
    users = {}
    people = [
        ("office", org, "office", None),
        ("unit_a", org, "unit", units["区发改局"]),
        ("unit_b", org, "unit", units["底阁镇"]),
        ("leader", org, "leader", None),
        ("other_office", other, "office", None),
    ]
    for username, organization, role, unit in people:
        user = get_user_model().objects.create_user(username, password="pw-" + username)
        Membership.objects.create(user=user, organization=organization, role=role, unit=unit)
        users[username] = user
    return World(org, plan, q3, q4, tasks, units, users, drafts)


@pytest.fixture
def as_user(client):
    """as_user(user_or_None) → a client logged in as that user (None: anonymous)."""

    def login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return login


def run_jobs(max_jobs: int = 100) -> int:
    """Run the queued background jobs in this process, as `duban worker --burst` would."""
    from duban.web.jobs.worker import run_pending

    return run_pending(max_jobs)


def upload(client, org, path: Path, **data):
    """Upload, then as the office's browser does: follow to the reading page, which shows the
    preview (or the reason) once the worker has read the file."""
    from django.urls import reverse

    with open(path, "rb") as f:
        response = client.post(
            reverse("document_upload", args=[org.pk]), {"file": f, **data}, follow=False
        )
    if response.status_code == 302 and response["Location"].startswith(
        reverse("document_upload", args=[org.pk])
    ):
        run_jobs()
        response = client.get(response["Location"])
    return response


def download(client, url: str):
    """A download as a browser gets it: the file at once, or the job's page; then, once the
    jobs have run, the file from the same address."""
    response = client.get(url)
    if response.status_code == 302 and response["Location"].startswith("/jobs/"):
        run_jobs()
        response = client.get(url)
    if response.streaming:  # a stored file: read it whole, as the tests look at its bytes
        from django.http import HttpResponse

        whole = HttpResponse(b"".join(response.streaming_content), status=response.status_code)
        for name, value in response.headers.items():
            whole[name] = value
        return whole
    return response


@pytest.fixture
def q4_submitted(world) -> None:
    """Q4's one report (区发改局 on task 1) submitted: verdicts read reported texts only."""
    from duban.web.plans.models import Report

    draft = world.drafts["区发改局"]
    draft.state, draft.version = Report.State.SUBMITTED, draft.version + 1
    draft.save()
