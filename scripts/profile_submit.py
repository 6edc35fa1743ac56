"""One reporter's editor GET and submission, in process: queries and time, optionally cProfile.

    python scripts/profile_submit.py [--n 30] [--queries] [--profile submit|editor|my]

No HTTP and no server: Django's test client against a temporary SQLite database (or
DATABASE_URL's scratch PostgreSQL database `duban_profile`), set up as `make load` does (the
example imported, 2021 Q4 opened, one unit reporter with a database session). Each slot of the
reporter's unit is opened in the editor and submitted once, then `/my/` is opened (where the
submission lands, as the rush does); figures are medians over the slots, wall and CPU time.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_PROFILE = "postgresql://postgres@127.0.0.1:5432/duban_profile"


def _setup(db: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duban.web.settings")
    os.environ.setdefault("DUBAN_SECRET_KEY", "profile-" + "k" * 50)
    os.environ["DUBAN_VAR_DIR"] = tempfile.mkdtemp(prefix="duban-profile-")
    os.environ.pop("DATABASE_URL", None)
    if db == "postgres":
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute("DROP DATABASE IF EXISTS duban_profile WITH (FORCE)")
            admin.execute("CREATE DATABASE duban_profile")
        os.environ["DATABASE_URL"] = PG_PROFILE
    import django

    django.setup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--n", type=int, default=30, help="slots to submit (at most the unit's)")
    parser.add_argument("--queries", action="store_true", help="print one request's SQL")
    parser.add_argument(
        "--profile", choices=["submit", "editor", "my"], help="cProfile this request"
    )
    args = parser.parse_args()
    _setup(args.db)

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from duban.web.accounts.models import Membership
    from duban.web.accounts.services import membership_grant
    from duban.web.cli_commands import EXAMPLE, import_document, migrate
    from duban.web.plans.models import Plan, Report
    from duban.web.rounds.services import round_open

    setup_test_environment()  # lets the test client see ALLOWED_HOSTS "testserver"
    migrate()
    import_document(EXAMPLE, None, quiet=True)
    plan = Plan.objects.get()
    office = get_user_model().objects.create_superuser("profile-office", password=None)
    round_open(plan, label="第四季度", end_month=12, actor=office)
    period = plan.periods.get(end_month=12)
    busiest = (
        Report.objects.filter(period=period)
        .values("unit")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    unit = plan.organization.units.get(pk=busiest["unit"])
    membership_grant(
        username="profile-unit",
        password="profile-unit-password",
        organization=plan.organization,
        role=Membership.Role.UNIT,
        unit=unit,
        hasher="duban_demo_pbkdf2",
    )
    user = get_user_model().objects.get(username="profile-unit")
    client = Client()
    client.force_login(user)
    slots = list(
        Report.objects.filter(period=period, unit=unit).order_by("pk").values_list("pk", flat=True)
    )[: args.n]

    kinds = ("editor", "submit", "my")
    times: dict[str, list[float]] = {k: [] for k in kinds}
    cpu: dict[str, list[float]] = {k: [] for k in kinds}
    counts: dict[str, list[int]] = {k: [] for k in kinds}
    profiler = cProfile.Profile()
    for i, pk in enumerate(slots):
        report = Report.objects.get(pk=pk)
        for kind in kinds:
            profiled = args.profile == kind and i > 0  # the first request warms caches
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                start_cpu = time.process_time()
                if profiled:
                    profiler.enable()
                if kind == "editor":
                    response = client.get(f"/reports/{pk}/edit/")
                    expected = 200
                elif kind == "my":
                    response = client.get("/my/")
                    expected = 200
                else:
                    response = client.post(
                        f"/reports/{pk}/edit/",
                        {
                            "text": f"第四季度进展：第{pk}号任务已完成年度目标的{pk % 100}%。",
                            "version": report.version,
                            "submit": "1",
                        },
                    )
                    expected = 302
                if profiled:
                    profiler.disable()
                elapsed = (time.perf_counter() - start) * 1000
                elapsed_cpu = (time.process_time() - start_cpu) * 1000
            if response.status_code != expected:
                sys.exit(f"{kind} {pk}: answered {response.status_code}")
            if i > 0:
                times[kind].append(elapsed)
                cpu[kind].append(elapsed_cpu)
                counts[kind].append(len(queries))
            if args.queries and i == 1:
                print(f"--- {kind}: {len(queries)} queries")
                for q in queries.captured_queries:
                    print("  ", q["sql"][:160] if kind == "submit" else q["sql"])
    print(f"{connection.vendor}: unit {unit.name}, {len(slots)} slots (the first is a warm-up)")
    for kind in kinds:
        print(
            f"  {kind:6s} median {statistics.median(times[kind]):6.1f} ms, "
            f"CPU {statistics.median(cpu[kind]):6.1f} ms, "
            f"min {min(times[kind]):6.1f} ms, queries {sorted(set(counts[kind]))}"
        )
    if args.profile:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main()
