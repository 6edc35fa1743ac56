"""`duban backup FILE` and `duban restore FILE`: the whole database to one file and back.

SQLite: the online backup API copies pages under the database's own locking, so the copy is
consistent while gunicorn keeps writing (a plain file copy of a WAL database is not).
PostgreSQL: pg_dump and pg_restore in the custom format (compressed, restorable table by table).
A restore replaces every row; fingerprints() gives each table's row count and a checksum of its
content, to show that a round trip changed nothing.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

from django.db import connection

from duban.core.errors import InputError

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


def _sqlite_path() -> Path:
    return Path(connection.settings_dict["NAME"])


def _pg_env() -> tuple[list[str], dict[str, str]]:
    s = connection.settings_dict
    args = ["--dbname", s["NAME"]]
    if s.get("HOST"):
        args += ["--host", str(s["HOST"])]
    if s.get("PORT"):
        args += ["--port", str(s["PORT"])]
    if s.get("USER"):
        args += ["--username", s["USER"]]
    env = dict(os.environ)
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = s["PASSWORD"]
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    tool = command[0]
    if shutil.which(tool) is None:
        raise InputError(f"{tool} is not installed (apt install postgresql-client)")
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise InputError(f"{tool} failed: {done.stderr.strip()[:500]}")


def backup(path: Path) -> Path:
    """Write the database to path (replacing it only once the copy is complete)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".part", dir=path.parent)
    os.close(fd)
    try:
        if connection.vendor == "sqlite":
            source = sqlite3.connect(_sqlite_path())
            target = sqlite3.connect(tmp)
            try:
                with target:
                    source.backup(target)
            finally:
                target.close()
                source.close()
        elif connection.vendor == "postgresql":
            args, env = _pg_env()
            _run(["pg_dump", "--format=custom", "--no-owner", "--file", tmp, *args], env)
        else:
            raise InputError(f"no backup for a {connection.vendor} database")
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def restore(path: Path) -> None:
    """Replace the database's content with the backup's. The file is checked first, so a wrong
    file is refused before anything is touched."""
    path = Path(path)
    if not path.is_file():
        raise InputError("no such backup file", source=str(path))
    head = path.read_bytes()[:16] if path.stat().st_size else b""
    connection.close()  # no open transaction of ours may hold the database during the restore
    if connection.vendor == "sqlite":
        if head != SQLITE_MAGIC:
            raise InputError("not a SQLite backup (made by `duban backup`?)", source=str(path))
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if source.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise InputError("the backup file is damaged", source=str(path))
            target = sqlite3.connect(_sqlite_path(), timeout=30)
            try:
                source.backup(target)
            finally:
                target.close()
        finally:
            source.close()
    elif connection.vendor == "postgresql":
        if not head.startswith(PG_MAGIC):
            raise InputError(
                "not a PostgreSQL custom-format backup (made by `duban backup`?)", source=str(path)
            )
        args, env = _pg_env()
        options = ["--clean", "--if-exists", "--no-owner", "--single-transaction"]
        _run(["pg_restore", *options, *args, str(path)], env)
    else:
        raise InputError(f"no restore for a {connection.vendor} database")


def fingerprints() -> dict[str, tuple[int, str]]:
    """Every table → (row count, sha256 of its rows in primary-key order)."""
    result = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            quoted = connection.ops.quote_name(table)
            described = connection.introspection.get_table_description(cursor, table)
            order = ", ".join(connection.ops.quote_name(c.name) for c in described)
            cursor.execute(f"SELECT * FROM {quoted} ORDER BY {order}")  # names from the catalogue
            digest = hashlib.sha256()
            count = 0
            for row in cursor.fetchall():
                digest.update(repr(tuple(_plain(v) for v in row)).encode())
                count += 1
            result[table] = (count, digest.hexdigest())
    return result


def _plain(value):
    """The same value whether read back from the original or the restored database."""
    if isinstance(value, memoryview):
        return bytes(value)
    return value
