"""`duban backup` and `duban restore`: a round trip leaves every table's row count and content
checksum identical, on SQLite (online backup API) and PostgreSQL (pg_dump / pg_restore)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DUBAN = [str(Path(sys.executable).parent / "duban")]
FINGERPRINTS = (
    "import django, json; django.setup(); from duban.web.backup import fingerprints; "
    "print(json.dumps(fingerprints()))"
)


def _run(env: dict, *args: str) -> subprocess.CompletedProcess:
    done = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def _fingerprints(env: dict) -> dict:
    done = _run(env, sys.executable, "-c", FINGERPRINTS)
    return json.loads(done.stdout)


def _env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(DJANGO_SETTINGS_MODULE="duban.web.settings", DUBAN_SECRET_KEY="t" * 50, **extra)
    return env


def _edit_a_report(env: dict) -> None:
    _run(
        env,
        sys.executable,
        "-c",
        "import django; django.setup(); from duban.web.plans.models import Report; "
        "Report.objects.filter(pk=Report.objects.order_by('pk').first().pk).update(text='改过')",
    )


def test_it_round_trips_a_sqlite_database(tmp_path):
    original = _env(DUBAN_VAR_DIR=str(tmp_path / "a"))
    _run(original, *DUBAN, "demo-setup", "--accounts-file", str(tmp_path / "accounts.txt"))
    before = _fingerprints(original)
    assert before["plans_report"][0] > 100

    out = _run(original, *DUBAN, "backup", str(tmp_path / "duban.backup")).stdout
    assert "已备份" in out
    _edit_a_report(original)
    assert _fingerprints(original) != before  # the checksum sees a one-row change

    _run(original, *DUBAN, "restore", str(tmp_path / "duban.backup"))
    assert _fingerprints(original) == before
    fresh = _env(DUBAN_VAR_DIR=str(tmp_path / "b"))  # a new machine: restore into nothing
    _run(fresh, *DUBAN, "restore", str(tmp_path / "duban.backup"))
    assert _fingerprints(fresh) == before


def test_it_refuses_a_file_that_is_not_a_backup(tmp_path):
    env = _env(DUBAN_VAR_DIR=str(tmp_path / "a"))
    (tmp_path / "notes.txt").write_text("not a database")
    done = subprocess.run(
        [*DUBAN, "restore", str(tmp_path / "notes.txt")], env=env, capture_output=True, text=True
    )
    assert done.returncode == 2 and "不是 duban 的备份" in done.stderr


def _pg_url(name: str) -> str:
    return f"postgresql://postgres@127.0.0.1:5432/{name}"


@pytest.fixture
def pg_databases():
    import psycopg

    url = os.environ.get("DUBAN_PG_ADMIN_URL", _pg_url("postgres"))
    try:
        admin = psycopg.connect(url, autocommit=True, connect_timeout=3)
    except psycopg.Error as exc:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no PostgreSQL at {url}: {exc}")
    names = [f"duban_backup_test_{i}_{os.getpid()}" for i in (1, 2)]
    for name in names:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield names
    for name in names:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def test_it_round_trips_a_postgresql_database(tmp_path, pg_databases):
    first, second = (
        _env(DATABASE_URL=_pg_url(n), DUBAN_VAR_DIR=str(tmp_path)) for n in pg_databases
    )
    _run(first, *DUBAN, "demo-setup", "--accounts-file", str(tmp_path / "accounts.txt"))
    before = _fingerprints(first)
    _run(first, *DUBAN, "backup", str(tmp_path / "duban.dump"))
    assert (tmp_path / "duban.dump").read_bytes()[:5] == b"PGDMP"
    _edit_a_report(first)
    _run(first, *DUBAN, "restore", str(tmp_path / "duban.dump"))
    assert _fingerprints(first) == before
    _run(second, *DUBAN, "restore", str(tmp_path / "duban.dump"))
    assert _fingerprints(second) == before
