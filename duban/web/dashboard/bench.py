"""Search and dashboard latencies on the example, for `make bench`, on SQLite and PostgreSQL.

Each database is measured in a child process (Django binds one database per process): the
example is imported into a fresh database (a temporary SQLite file, or a throw-away
PostgreSQL database beside DATABASE_URL's), then the median of repeated calls is taken.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable

from duban.core.timing import EXAMPLE, median_seconds

PG_URL = "postgresql://postgres@127.0.0.1:5432/test"
QUERIES = ["康震制药", "5G", "石榴", "税收", "投资", "双招双引", "榴", "4900户"]


def _median_ms(fn: Callable[[], object], runs: int) -> float:
    return median_seconds(fn, runs) * 1000


def _setup():
    """A fresh migrated database with the example imported; returns (office user, plan, period)."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection

    from duban.core.importers import read_plan
    from duban.core.units import units_beside
    from duban.web.accounts.models import Membership
    from duban.web.plans.models import Plan
    from duban.web.plans.services import plan_import

    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    plan_import(read_plan(EXAMPLE, units=units_beside(EXAMPLE)), source=str(EXAMPLE))
    plan = Plan.objects.get()
    user = get_user_model().objects.create_user("bench-office", password="x")
    Membership.objects.create(user=user, organization=plan.organization, role="office")
    return user, plan, plan.periods.get()


def bench_search(user, runs: int = 20) -> float:
    """Median milliseconds of one search (as the office, first page) over QUERIES."""
    from duban.web.search.selectors import SearchFilters, search

    def all_queries() -> None:
        for q in QUERIES:
            search(q, SearchFilters(), 1, user)

    return _median_ms(all_queries, runs) / len(QUERIES)


def bench_dashboard(user, plan, runs: int = 20) -> tuple[float, float]:
    """Median milliseconds to serve the dashboard page of the plan's period (the whole view):
    judged afresh (the cache emptied before each request, as after a report changes), and with
    the period's judgement cached."""
    from django.core.cache import cache
    from django.test import Client

    client = Client()
    client.force_login(user)
    url = f"/dashboard/plans/{plan.pk}/"

    def get() -> None:
        assert client.get(url).status_code == 200

    def get_cold() -> None:
        cache.clear()
        get()

    cold = _median_ms(get_cold, runs)
    get()
    return cold, _median_ms(get, runs)


def _child(runs: int) -> dict:
    user, plan, _ = _setup()
    from django.db import connection

    try:
        return {
            "vendor": connection.vendor,
            "search_ms": bench_search(user, runs),
            "dashboard_ms": bench_dashboard(user, plan, runs),  # (judged afresh, cached)
        }
    finally:
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


def _measure(database_url: str | None, runs: int) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DJANGO_SETTINGS_MODULE"] = "duban.web.settings"
    env.setdefault("DUBAN_SECRET_KEY", "bench-only-" + "x" * 40)
    if database_url:
        env["DATABASE_URL"] = database_url
    with tempfile.TemporaryDirectory(prefix="duban-bench-") as tmp:
        env["DUBAN_VAR_DIR"] = tmp
        out = subprocess.run(
            [sys.executable, "-m", "duban.web.dashboard.bench", "--child", str(runs)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_rows(runs: int = 20) -> list[tuple[str, str, str]]:
    """Rows for duban.bench's table: (what, median, note), SQLite then PostgreSQL."""
    rows = []
    targets = [("SQLite", None), ("PostgreSQL", os.environ.get("DUBAN_BENCH_PG_URL", PG_URL))]
    for name, url in targets:
        try:
            m = _measure(url, runs)
        except (subprocess.CalledProcessError, json.JSONDecodeError, IndexError) as exc:
            detail = getattr(exc, "stderr", "") or str(exc)
            rows.append((f"search/dashboard on {name}", "not measured", detail.strip()[-200:]))
            continue
        rows.append(
            (
                f"search on {name} (example, {len(QUERIES)} queries), median of {runs}",
                f"{m['search_ms']:.1f} ms",
                "per query, first page, as the office; goal < 100 ms",
            )
        )
        cold, warm = m["dashboard_ms"]
        rows.append(
            (
                f"dashboard page on {name} (example, whole view), median of {runs}",
                f"{cold:.0f} ms",
                f"judged afresh; {warm:.0f} ms with the period's judgement cached; goal < 300 ms",
            )
        )
    return rows


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        print(json.dumps(_child(int(sys.argv[2]))))
    else:
        for row in bench_rows():
            print(" | ".join(row))
