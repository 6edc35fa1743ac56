"""Scale: a synthetic province bulk-loaded into PostgreSQL, then the pages that grow with it timed.

    python scripts/scale.py            # 167 organizations × 5 years × 4 quarters × 100 tasks × 3
                                       # reports = 1,002,000 reports (plus search entries)
    python scripts/scale.py --small    # 3 organizations × 2 years: a quick run

Loopback and bounded: it (re)creates the scratch database `duban_scale` on 127.0.0.1 and
nothing else. Text is realistic: task targets are the example's, reports are built from the
example's progress clauses with their figures varied. Rows go in with COPY; then each measured
page is requested through Django's test client as the office of one organization (the one in
the middle of the id range), or anonymously for the "public" rows (the whole province), a few
times, and the median is printed; then the same pages again after any candidate indexes are
created.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import platform
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PG_ADMIN = os.environ.get("DUBAN_PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
PG_SCALE = "postgresql://postgres@127.0.0.1:5432/duban_scale"
QUARTERS = [("第一季度", 3), ("第二季度", 6), ("第三季度", 9), ("第四季度", 12)]
TOWNS = ["坛山街道", "吴林街道", "古邵镇", "阴平镇", "底阁镇", "榴园镇", "峨山镇"]
DEPARTMENTS = [
    "区发改局", "区财政局", "区工信局", "区商务局", "区住建局", "区交通局", "区水务局",
    "区农业农村局", "区教体局", "区卫健局", "区民政局", "区人社局", "区自然资源局", "区生态环境局",
    "区文旅局", "区应急局", "区市场监管局", "区统计局", "区税务局", "区科技局", "区司法局",
    "区审批服务局", "区城管局", "区医保局", "区退役军人局", "区供电公司", "区融媒体中心",
]  # fmt: skip
# Candidate indexes: each is measured, and kept in the schema only if a page got faster.
# None now: report_unit_period, report_period_state, search_plan_kind and search_org_newest
# paid and are in the schema. With none, the pages are measured once.
CANDIDATES: list[str] = []


def setup_django() -> None:
    os.environ["DATABASE_URL"] = PG_SCALE
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duban.web.settings")
    os.environ.setdefault("DUBAN_SECRET_KEY", "scale-" + "k" * 50)
    import django

    django.setup()


def recreate_database() -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute("DROP DATABASE IF EXISTS duban_scale WITH (FORCE)")
        admin.execute("CREATE DATABASE duban_scale")


def phrases() -> tuple[list[str], list[str], list[str]]:
    """Targets, section titles and progress clauses of the example document."""
    from duban.core.importers import read_plan
    from duban.core.units import units_beside

    example = ROOT / "examples" / "yicheng-2021-q3.txt"
    plan = read_plan(example, units=units_beside(example))
    targets = [t.target for t in plan.tasks]
    sections = [s.title for s in plan.sections]
    clauses = []
    for task in plan.tasks:
        for report in task.reports:
            clauses += [c.strip() for c in re.split(r"[。；;]", report.text) if len(c.strip()) > 6]
    return targets, sections, clauses


def _vary(clause: str, rng: random.Random) -> str:
    """The clause with each figure changed, so the text is not the same 10,000 times."""
    return re.sub(
        r"\d+(\.\d+)?",
        lambda m: (
            f"{float(m.group()) * rng.uniform(0.5, 1.6):.{len(m.group(1) or '.') - 1}f}"
            if m.group(1)
            else str(max(1, int(int(m.group()) * rng.uniform(0.5, 1.6))))
        ),
        clause,
    )


class Copier:
    """Rows for one table, written with COPY in one go."""

    def __init__(self, model, columns: list[str]) -> None:
        self.model, self.columns, self.buffer, self.count = model, columns, io.StringIO(), 0

    def add(self, *values) -> None:
        self.buffer.write("\t".join(_copy_value(v) for v in values) + "\n")
        self.count += 1

    def flush(self, cursor) -> None:
        table = self.model._meta.db_table
        with cursor.copy(f"COPY {table} ({', '.join(self.columns)}) FROM STDIN") as copy:
            copy.write(self.buffer.getvalue())
        self.buffer = io.StringIO()


def _copy_value(v) -> str:
    if v is None:
        return r"\N"
    if isinstance(v, bool):
        return "t" if v else "f"
    return str(v).replace("\\", "\\\\").replace("\t", " ").replace("\n", "\\n")


def generate(orgs: int, years: int, tasks: int, per_task: int, seed: int = 7) -> dict[str, int]:
    from django.db import connection

    from duban.web.orgs.models import Organization, Unit
    from duban.web.plans.models import Period, Plan, Report, Responsibility, Section, Task
    from duban.web.search.bigrams import index_tokens
    from duban.web.search.models import SearchEntry

    rng = random.Random(seed)
    targets, section_titles, clauses = phrases()
    now = dt.datetime.now(dt.UTC).isoformat()
    c_org = Copier(Organization, ["id", "name", "created_at"])
    c_unit = Copier(Unit, ["id", "organization_id", "name", "kind", "aliases"])
    c_plan = Copier(Plan, ["id", "organization_id", "year", "title", "source", "created_at"])
    c_section = Copier(Section, ["id", "plan_id", "number", "title", "declared_count"])
    c_task = Copier(
        Task, ["id", "plan_id", "section_id", "seq", "target", "line", "deadline", "ongoing"]
    )
    c_resp = Copier(
        Responsibility, ["id", "task_id", "unit_id", "role", "position", "name_as_written"]
    )
    c_period = Copier(
        Period, ["id", "plan_id", "year", "kind", "label", "end_month", "deadline", "state"]
    )
    report_cols = [
        "id", "period_id", "task_id", "unit_id", "text", "state", "version", "internal_note",
        "return_comment", "late", "same_as_previous", "milestone_reason", "created_at",
        "updated_at", "submitted_at",
    ]  # fmt: skip
    c_report = Copier(Report, report_cols)
    search_cols = [
        "kind", "organization_id", "plan_id", "year", "section_id", "task_id", "period_id",
        "end_month", "report_id", "unit_id", "text", "tokens",
    ]  # fmt: skip
    c_search = Copier(SearchEntry, search_cols)
    ids = dict.fromkeys(["unit", "plan", "section", "task", "resp", "period", "report"], 0)

    def next_id(kind: str) -> int:
        ids[kind] += 1
        return ids[kind]

    sections_per_plan = 9
    with connection.cursor() as raw:
        cursor = raw.connection.cursor()
        for o in range(1, orgs + 1):
            city = f"合成{o:03d}区"
            c_org.add(o, city, now)
            units = []
            for name in DEPARTMENTS + TOWNS:
                uid = next_id("unit")
                kind = (
                    "town" if name.endswith("镇") else "street" if "街道" in name else "department"
                )
                c_unit.add(uid, o, name, kind, "[]")
                units.append((uid, name))
            for y in range(years):
                year = 2021 + y
                pid = next_id("plan")
                c_plan.add(
                    pid, o, year, f"{year}年《政府工作报告》任务目标落实情况表", "scale", now
                )
                section_ids = []
                for s in range(sections_per_plan):
                    sid = next_id("section")
                    c_section.add(sid, pid, s, section_titles[s % len(section_titles)], None)
                    section_ids.append(sid)
                periods = []
                for label, month in QUARTERS:
                    per = next_id("period")
                    c_period.add(per, pid, year, "quarter", label, month, None, "published")
                    periods.append((per, month))
                for t in range(1, tasks + 1):
                    tid = next_id("task")
                    section = section_ids[min((t - 1) * sections_per_plan // tasks, 8)]
                    target = targets[(t + o) % len(targets)]
                    c_task.add(tid, pid, section, t, target, t, "", False)
                    c_search.add(
                        "task", o, pid, year, section, tid, None, 0, None, None, target,
                        index_tokens(target),
                    )  # fmt: skip
                    owners = rng.sample(units, per_task)
                    for position, (uid, name) in enumerate(owners):
                        role = "lead" if position == 0 else "co"
                        c_resp.add(next_id("resp"), tid, uid, role, position, name)
                    for per, month in periods:
                        for uid, _ in owners:
                            text = "，".join(
                                _vary(rng.choice(clauses), rng) for _ in range(rng.randint(1, 3))
                            ) + "。"  # fmt: skip
                            rid = next_id("report")
                            c_report.add(
                                rid, per, tid, uid, text, "accepted", 1, "", "", False, False,
                                "", now, now, now,
                            )  # fmt: skip
                            c_search.add(
                                "report", o, pid, year, section, tid, per, month, rid, uid,
                                text, index_tokens(text),
                            )  # fmt: skip
            if o % 10 == 0 or o == orgs:
                print(f"  {o}/{orgs} organizations generated, {c_report.count:,} reports")
                # Parents first; flush everything so a province never sits whole in memory.
                for c in (c_org, c_unit, c_plan, c_section, c_task, c_resp, c_period, c_report,
                          c_search):  # fmt: skip
                    c.flush(cursor)
        for table in ("orgs_organization", "orgs_unit", "plans_plan", "plans_section",
                      "plans_task", "plans_responsibility", "plans_period", "plans_report",
                      "search_searchentry"):  # fmt: skip
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT coalesce(max(id), 1) FROM {table}))"
            )
        cursor.execute("ANALYZE")
    return {
        "organizations": c_org.count,
        "units": c_unit.count,
        "plans": c_plan.count,
        "tasks": c_task.count,
        "reports": c_report.count,
        "search entries": c_search.count,
    }


def pages(org_id: int) -> dict[str, str]:
    from duban.web.orgs.models import Unit
    from duban.web.plans.models import Plan

    plan = Plan.objects.filter(organization_id=org_id).order_by("-year").first()
    unit = Unit.objects.filter(organization_id=org_id, name="区发改局").first()
    return {
        "plan page": f"/plans/{plan.pk}/",
        "dashboard": f"/dashboard/plans/{plan.pk}/",
        "dashboard tasks": f"/dashboard/plans/{plan.pk}/tasks/",
        "unit page": f"/units/{unit.pk}/",
        "search 地区生产总值": "/search/?q=地区生产总值",
        "search 项目 (common)": "/search/?q=项目",
        "search 项目, last page": "/search/?q=项目&page=50",
        "search 项目 in one year": f"/search/?q=项目&year={plan.year}",
        "public search 地区生产总值": "/search/?q=地区生产总值",
        "public search 项目": "/search/?q=项目",
        "assessment xlsx": f"/dashboard/plans/{plan.pk}/assessment.xlsx",
        "API reports page": "/api/v1/reports?limit=100",
    }


def measure(org_id: int, repeat: int) -> dict[str, float]:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from duban.web.accounts.models import Membership
    from duban.web.api.tokens import token_create
    from duban.web.orgs.models import Organization

    user, _ = get_user_model().objects.get_or_create(username="scale-office")
    Membership.objects.update_or_create(
        user=user, defaults={"organization": Organization.objects.get(pk=org_id), "role": "office"}
    )
    client = Client()
    client.force_login(user)
    _, secret = token_create(user, name="scale")
    public = Client()  # anonymous: every organization's published periods, the whole province
    results = {}
    for name, url in pages(org_id).items():
        headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"} if url.startswith("/api/") else {}
        who = public if name.startswith("public ") else client
        who.get(url, **headers)  # warm: the first request of a URL pays for imports
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            response = who.get(url, **headers)
            times.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                times = [float("nan")]
                print(f"  {name}: {url} answered {response.status_code}")
                break
        results[name] = statistics.median(times)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="3 organizations × 2 years")
    parser.add_argument("--orgs", type=int)
    parser.add_argument("--years", type=int)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="reuse duban_scale as it is")
    args = parser.parse_args()
    # 167, not 150: the million reports. More organizations rather than more tasks, so
    # each plan's pages do the same work as in earlier runs and stay comparable.
    orgs = args.orgs or (3 if args.small else 167)
    years = args.years or (2 if args.small else 5)
    print(
        f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}"
    )
    if not args.keep:
        recreate_database()
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    if not args.keep:
        call_command("migrate", verbosity=0)
        start = time.perf_counter()
        counts = generate(orgs, years, tasks=100, per_task=3)
        took = time.perf_counter() - start
        print(f"generated and loaded with COPY in {took:.0f} s: " + ", ".join(
            f"{v:,} {k}" for k, v in counts.items()
        ))  # fmt: skip
    with connection.cursor() as c:
        c.execute("SELECT pg_size_pretty(pg_database_size('duban_scale'))")
        print(f"database size: {c.fetchone()[0]}")
        c.execute("SELECT min(id), max(id) FROM orgs_organization")
        low, high = c.fetchone()
    org_id = (low + high) // 2
    before = measure(org_id, args.repeat)
    after = before
    if CANDIDATES:
        with connection.cursor() as c:
            for sql in CANDIDATES:
                c.execute(sql)
            c.execute("ANALYZE")
        after = measure(org_id, args.repeat)
    print(f"\nmedian of {args.repeat} requests, as the office of organization {org_id}:")
    print(f"  {'page':28s} {'ms':>9s} {'ms with candidate indexes' if CANDIDATES else '':>28s}")
    for name in before:
        extra = f"{after[name]:28.1f}" if CANDIDATES else ""
        print(f"  {name:28s} {before[name]:9.1f} {extra}")
    with connection.cursor() as c:
        for sql in CANDIDATES:
            c.execute("DROP INDEX IF EXISTS " + sql.split(" EXISTS ")[1].split(" ON ")[0])


if __name__ == "__main__":
    main()
