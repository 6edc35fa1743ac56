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


if __name__ == "__main__":
    for row in bench_rows():
        print(" | ".join(row))
