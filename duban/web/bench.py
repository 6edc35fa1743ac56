"""Benchmarks of the web layer for `make bench`: the example imported into a fresh SQLite file."""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from duban.core.timing import EXAMPLE


def _django_on_sqlite(var_dir: str) -> None:
    os.environ.pop("DATABASE_URL", None)  # the figure is about SQLite, whatever the shell says
    os.environ.setdefault("DUBAN_VAR_DIR", var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duban.web.settings")
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "sqlite":
        raise RuntimeError("bench_import needs the SQLite settings (unset DATABASE_URL)")


def _use_database(path: Path) -> None:
    from django.db import connection

    connection.close()
    connection.settings_dict["NAME"] = path


def bench_import(runs: int = 5) -> float:
    """Median seconds to parse the example and import it into a freshly migrated SQLite file.

    Migration is done once into a template file and copied for each run, so only the import
    (read_plan + plan_import, one transaction) is timed.
    """
    from io import StringIO

    with tempfile.TemporaryDirectory(prefix="duban-bench-") as tmp:
        _django_on_sqlite(tmp)
        from django.core.management import call_command

        from duban.core.importers import read_plan
        from duban.core.units import units_beside
        from duban.web.plans.services import plan_import

        template = Path(tmp) / "template.sqlite3"
        _use_database(template)
        call_command("migrate", interactive=False, verbosity=0, stdout=StringIO())
        _use_database(Path(tmp) / "unused.sqlite3")  # closes and checkpoints the template
        times = []
        for i in range(runs):
            fresh = Path(tmp) / f"run{i}.sqlite3"
            shutil.copy(template, fresh)
            _use_database(fresh)
            t0 = time.perf_counter()
            summary = plan_import(
                read_plan(EXAMPLE, units=units_beside(EXAMPLE)), source=str(EXAMPLE)
            )
            times.append(time.perf_counter() - t0)
            assert summary.tasks_created == 108, summary
        _use_database(Path(tmp) / "unused.sqlite3")
        from django.db import connection

        connection.close()
    return statistics.median(times)


def bench_rows(runs: int = 5) -> list[tuple[str, str, str]]:
    """Rows for duban.bench's table: (what, median, note)."""
    from duban.web.evidence.bench import bench_rows as evidence_rows

    took = bench_import(runs)
    return [
        (
            f"import example into fresh SQLite (parse + one transaction), median of {runs}",
            f"{took * 1000:.0f} ms",
            "goal < 2 s",
        ),
        *evidence_rows(runs),
    ]


# --- Every page of every role (issues 18, 21): server time on the example, SQLite ---

PAGE_BUDGET_MS = 150.0
PAGE_ROLES = {"office": "office", "leader": "leader", "unit": "unit", "anonymous": "anonymous"}


def _page_world():
    """The example in the database just migrated, and the objects a route's parameters name.

    Q3 (the example's period) is published, so anonymous visitors have public pages; an open
    Q4 round holds the reporter's draft and a submitted report of the same unit, as
    tests/web/test_permissions_matrix.py's world does. Returns (users by role, values)."""
    from django.contrib.auth import get_user_model

    from duban.core.importers import read_plan
    from duban.core.units import units_beside
    from duban.web.accounts.models import Membership
    from duban.web.plans.models import Period, Plan, Report
    from duban.web.plans.services import plan_import

    plan_import(read_plan(EXAMPLE, units=units_beside(EXAMPLE)), source=str(EXAMPLE))
    plan = Plan.objects.get()
    org = plan.organization
    q3 = plan.periods.get()
    first = Report.objects.filter(period=q3, unit__isnull=False).order_by("task__seq")[0]
    task, unit = first.task, first.unit
    assert unit is not None
    q4 = Period.objects.create(
        plan=plan, year=q3.year, label="第四季度", end_month=12, state=Period.State.OPEN
    )
    Period.objects.filter(pk=q3.pk).update(state=Period.State.PUBLISHED)
    # The open round on its last afternoon: every report of the example submitted again.
    Report.objects.bulk_create(
        Report(
            period=q4,
            task_id=r.task_id,
            unit_id=r.unit_id,
            text=r.text,
            version=1,
            state=Report.State.SUBMITTED,
        )
        for r in Report.objects.filter(period=q3)
    )
    mine = Report.objects.filter(period=q4, unit=unit).order_by("task__seq")
    draft, submitted = mine[0], mine[1]
    Report.objects.filter(pk=draft.pk).update(state=Report.State.DRAFT)
    users: dict[str, object] = {}
    for role in ("office", "leader", "unit"):
        user = get_user_model().objects.create_user(f"bench-{role}", password="x")
        Membership.objects.create(
            user=user, organization=org, role=role, unit=unit if role == "unit" else None
        )
        users[role] = user
    users["anonymous"] = None
    values = {
        "plan_id": plan.pk,
        "task_id": task.pk,
        "unit_id": unit.pk,
        "report_id": draft.pk,
        "submitted_report_id": submitted.pk,
        "period_id": q4.pk,
        "published_period_id": q3.pk,
        "organization_id": org.pk,
        "section_id": plan.sections.order_by("number")[0].pk,
        "seq": task.seq,
        "version": draft.version,
    }
    return users, values


def _page_list(values: dict) -> list[tuple[str, str, str]]:
    """(URL name, role, URL) for every GET the permissions table says each role may make.

    The routes come from the URL resolver and the letters from tests/web/permissions_table.py,
    so a new page is measured without editing this bench. The admin, the API and routes whose
    parameters have no sample object here (jobs, attachments, tokens) are left out."""
    from importlib import import_module

    # The test tree is not part of the package (nor of its type check): read it as data.
    table = import_module("tests.web.permissions_table")
    matrix = import_module("tests.web.test_permissions_matrix")
    _url, routes = matrix._url, matrix.routes

    pages = []
    for key, route in sorted(routes().items()):
        row = table.row_for(key)
        if row is None or route.startswith(("admin/", "api/")):
            continue
        try:
            url = _url(route, values, row)
        except KeyError:
            continue
        for role in PAGE_ROLES:
            if row.get[table.ROLES.index(role)] == "y":
                pages.append((key, role, url))
    return pages


def bench_pages(runs: int = 5, only: str = "") -> list[dict]:
    """Per page and role: median wall and CPU milliseconds of the whole request through the
    Django test client (in process, warm: one request discarded first), and the query count.
    Only HTML answers count as pages (downloads are timed by the render bench)."""
    from io import StringIO

    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    results = []
    with tempfile.TemporaryDirectory(prefix="duban-pages-") as tmp:
        os.environ["DUBAN_VAR_DIR"] = tmp  # nothing written beside the real database
        _django_on_sqlite(tmp)
        _use_database(Path(tmp) / "pages.sqlite3")
        call_command("migrate", interactive=False, verbosity=0, stdout=StringIO())
        users, values = _page_world()
        clients = {}
        for role, user in users.items():
            clients[role] = Client()
            if user is not None:
                clients[role].force_login(user)
        for key, role, url in _page_list(values):
            if only and only not in url:
                continue
            client = clients[role]
            first = client.get(url)
            if first.status_code != 200 or "html" not in first.headers.get("Content-Type", ""):
                continue
            walls, cpus = [], []
            for _ in range(runs):
                t0, c0 = time.perf_counter(), time.process_time()
                client.get(url)
                walls.append(time.perf_counter() - t0)
                cpus.append(time.process_time() - c0)
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            count = len(queries)  # read now: each request empties the connection's query log
            colds = []  # after a report changes: the judgement and cached figures made afresh
            for _ in range(runs):
                cache.clear()
                c0 = time.process_time()
                client.get(url)
                colds.append(time.process_time() - c0)
            results.append(
                {
                    "page": key,
                    "role": role,
                    "url": url,
                    "wall_ms": statistics.median(walls) * 1000,
                    "cpu_ms": statistics.median(cpus) * 1000,
                    "queries": count,
                    "cold_cpu_ms": statistics.median(colds) * 1000,
                }
            )
        connection.close()
    return results


def page_table_text() -> str:
    """The page table measured in a child process (Django binds one database per process, and
    `make bench`'s process has set Django up already for the import figure)."""
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("DUBAN_VAR_DIR", "DATABASE_URL")}
    done = subprocess.run(
        [sys.executable, "-m", "duban.web.bench", "pages"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return f"every page: not measured ({tail})"
    return done.stdout.rstrip()


def page_table(results: list[dict]) -> str:
    """The page list as Markdown, and a summary line: budgets are judged on CPU time."""
    lines = [
        "| page | role | URL | median CPU ms | median wall ms | queries | budget "
        "| CPU ms, cache emptied |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        over = " **over**" if r["cpu_ms"] >= PAGE_BUDGET_MS else ""
        lines.append(
            f"| {r['page']} | {r['role']} | {r['url']} | {r['cpu_ms']:.0f}{over} | "
            f"{r['wall_ms']:.0f} | {r['queries']} | {PAGE_BUDGET_MS:.0f} ms | "
            f"{r['cold_cpu_ms']:.0f} |"
        )
    late = [r for r in results if r["cpu_ms"] >= PAGE_BUDGET_MS]
    lines.append("")
    lines.append(
        f"{len(results)} pages × roles measured; {len(late)} over the {PAGE_BUDGET_MS:.0f} ms "
        "budget (judged on CPU time, since the machine is shared)"
        + (": " + ", ".join(f"{r['page']} ({r['role']})" for r in late) if late else "")
    )
    cold = [r for r in results if r["cold_cpu_ms"] >= PAGE_BUDGET_MS]
    lines.append(
        f"with the cache emptied before each request (as after a report changes): {len(cold)} "
        "over" + (": " + ", ".join(f"{r['page']} ({r['role']})" for r in cold) if cold else "")
    )
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    if sys.argv[1:2] == ["pages"]:  # `pages /plans/`: only the URLs containing /plans/
        print(page_table(bench_pages(only=" ".join(sys.argv[2:]))))
    else:
        for row in bench_rows():
            print(" | ".join(row))
