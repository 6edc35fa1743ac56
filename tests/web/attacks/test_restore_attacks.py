"""Fault 1 of the outside test: `duban restore` could wipe the database and report success. A
backup whose path holds `#` or `?` was opened through a SQLite URI that cut the name, so a new
empty database passed the checks and replaced the live one ("恢复（0 行）", exit 0); `%` or a
truncated backup gave a traceback; a valid SQLite file that is not a duban backup replaced the
database, then failed; no safety copy was kept; `backup` into a missing folder gave a traceback.

Now every wrong file is refused with one sentence, exit 2, and not one byte of the database
changed; a right file under any name is restored, after the old database is kept aside."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.web.test_backup import DUBAN, ROOT, _env, _fingerprints, _run, pg_databases

__all__ = ["pg_databases"]  # the fixture, shared with the round-trip tests

HOSTILE_NAME = "a#b?c%d.sqlite3"


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A var/ folder with the example imported, and a good backup of it: made once."""
    var = tmp_path_factory.mktemp("template") / "var"
    env = _env(DUBAN_VAR_DIR=str(var))
    _run(env, *DUBAN, "manage", "migrate", "-v0")
    _run(env, *DUBAN, "import", str(ROOT / "examples" / "yicheng-2021-q3.txt"))
    _run(env, *DUBAN, "backup", str(var.parent / "good.sqlite3"))
    return var


@pytest.fixture
def live(template, tmp_path) -> dict:
    var = tmp_path / "var"
    shutil.copytree(template, var)
    shutil.copy(template.parent / "good.sqlite3", tmp_path / "good.sqlite3")
    return _env(DUBAN_VAR_DIR=str(var))


def _database(env: dict) -> Path:
    return Path(env["DUBAN_VAR_DIR"]) / "duban.sqlite3"


def _bytes(env: dict) -> str:
    return hashlib.sha256(_database(env).read_bytes()).hexdigest()


def _refused(env: dict, *args: str) -> str:
    """The command fails with exit 2 and one line, no traceback; that line."""
    done = subprocess.run(
        [*DUBAN, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 2, (done.returncode, done.stdout, done.stderr[-2000:])
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误 error: "), done.stderr[-2000:]
    return lines[0]


def _edit(env: dict) -> None:
    _run(
        env,
        sys.executable,
        "-c",
        "import django; django.setup(); from duban.web.plans.models import Report; "
        "Report.objects.filter(pk=Report.objects.order_by('pk').first().pk).update(text='改过')",
    )


def test_it_restores_a_backup_whose_name_holds_hash_question_mark_and_percent(live, tmp_path):
    before = _fingerprints(live)
    assert before["plans_report"][0] > 100
    hostile = tmp_path / HOSTILE_NAME
    out = _run(live, *DUBAN, "backup", str(hostile)).stdout
    assert f"已备份到 {hostile}" in out
    _edit(live)
    edited = _fingerprints(live)

    out = _run(live, *DUBAN, "restore", str(hostile)).stdout
    assert f"恢复（{sum(n for n, _ in before.values()):,} 行）" in out
    assert _fingerprints(live) == before

    # The database as it was before the restore was kept, and is itself a backup.
    (kept,) = (Path(live["DUBAN_VAR_DIR"]) / "backups").glob("before-restore-*.sqlite3")
    assert f"恢复前的数据库已另存为 {kept}" in out
    _run(live, *DUBAN, "restore", str(kept))
    assert _fingerprints(live) == edited


def _foreign(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    db.execute("INSERT INTO notes (text) VALUES ('not duban')")
    db.commit()
    db.close()


def _newer(path: Path, good: Path) -> None:
    shutil.copy(good, path)
    db = sqlite3.connect(path)
    db.execute(
        "INSERT INTO django_migrations (app, name, applied) "
        "VALUES ('plans', '9999_from_the_future', '2030-01-01')"
    )
    db.commit()
    db.close()


CASES = {
    "empty": (lambda p, good: p.write_bytes(b""), "备份文件是空的"),
    "truncated": (
        lambda p, good: p.write_bytes(good.read_bytes()[: good.stat().st_size // 2]),
        "备份文件不完整或已损坏",
    ),
    "cut in its header": (lambda p, good: p.write_bytes(good.read_bytes()[:60]), "不完整"),
    "a SQLite file that is not duban's": (lambda p, good: _foreign(p), "不是 duban 的备份"),
    "a PostgreSQL dump": (lambda p, good: p.write_bytes(b"PGDMP\x01\x0e\x00" * 64), "PostgreSQL"),
    "text": (lambda p, good: p.write_text("这不是数据库"), "不是 duban 的备份"),
    "from a newer duban": (_newer, "更新版本的 duban"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_it_refuses_a_wrong_file_and_changes_nothing(case, live, tmp_path):
    make, sentence = CASES[case]
    wrong = tmp_path / HOSTILE_NAME
    make(wrong, tmp_path / "good.sqlite3")
    before = _bytes(live)
    line = _refused(live, "restore", str(wrong))
    assert line.startswith(f"错误 error: {wrong}: ") and sentence in line
    assert _bytes(live) == before
    assert list((Path(live["DUBAN_VAR_DIR"]) / "backups").glob("before-restore-*")) == []


@pytest.mark.parametrize(
    "name, sentence", [("missing.sqlite3", "备份文件不存在"), ("a-folder", "这是一个目录")]
)
def test_it_refuses_a_path_that_is_no_file(name, sentence, live, tmp_path):
    (tmp_path / "a-folder").mkdir()
    before = _bytes(live)
    assert sentence in _refused(live, "restore", str(tmp_path / name))
    assert _bytes(live) == before


def test_it_refuses_to_back_up_into_a_missing_folder(live, tmp_path):
    line = _refused(live, "backup", str(tmp_path / "no-such-folder" / "duban.sqlite3"))
    assert line == f"错误 error: {tmp_path / 'no-such-folder'}: 备份目录不存在，请先建立该目录"
    assert not (tmp_path / "no-such-folder").exists()


def test_postgresql_restores_any_name_and_refuses_every_wrong_file(tmp_path, pg_databases):
    from tests.web.test_backup import _pg_url

    live, empty = (
        _env(DATABASE_URL=_pg_url(n), DUBAN_VAR_DIR=str(tmp_path / "var")) for n in pg_databases
    )
    _run(live, *DUBAN, "manage", "migrate", "-v0")
    _run(live, *DUBAN, "import", str(ROOT / "examples" / "yicheng-2021-q3.txt"))
    before = _fingerprints(live)
    good = tmp_path / "a#b?c%d.dump"
    _run(live, *DUBAN, "backup", str(good))
    _edit(live)
    out = _run(live, *DUBAN, "restore", str(good)).stdout
    assert _fingerprints(live) == before
    (kept,) = (tmp_path / "var" / "backups").glob("before-restore-*.dump")
    assert f"恢复前的数据库已另存为 {kept}" in out

    _run(empty, *DUBAN, "backup", str(tmp_path / "foreign.dump"))  # a database with no tables
    (tmp_path / "sqlite.sqlite3").write_bytes(b"SQLite format 3\x00" + bytes(200))
    cases = {
        "empty.dump": (b"", "备份文件是空的"),
        "truncated.dump": (good.read_bytes()[: good.stat().st_size // 2], "不完整或已损坏"),
        "foreign.dump": (None, "不是 duban 的备份"),
        "sqlite.sqlite3": (None, "这是 SQLite 数据库的备份"),
    }
    for name, (content, sentence) in cases.items():
        if content is not None:
            (tmp_path / name).write_bytes(content)
        assert sentence in _refused(live, "restore", str(tmp_path / name)), name
    assert _fingerprints(live) == before
    assert len(list((tmp_path / "var" / "backups").glob("before-restore-*"))) == 1
