"""`duban backup FILE` and `duban restore FILE`: the whole database to one file and back.

SQLite: the online backup API copies pages under the database's own locking, so the copy is
consistent while gunicorn keeps writing (a plain file copy of a WAL database is not).
PostgreSQL: pg_dump and pg_restore in the custom format (compressed, restorable table by table).

A restore touches nothing until the backup has proved itself: the file is copied to a temporary
file beside the safety copies (so it cannot change between the checks and the restore), and the
copy must be complete (not empty, not cut short, every page or data block readable), be a duban
database (its tables and migrations), and not come from a newer duban. Only then is the current
database kept as a safety copy (in DUBAN_BACKUP_DIR, var/backups: before-restore-….sqlite3 or
.dump, apart from the nightly backups that folder rotates) and replaced in
one transaction; an older backup is then migrated. A file is only ever opened by its path, never
through a URI, so `#`, `?` or `%` in a name are just characters.

fingerprints() gives each table's row count and a checksum of its content, to show that a round
trip changed nothing.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.db import connection

from duban.core.errors import InputError

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"
# Tables every duban database has, whatever its version: a file without them is not ours.
DUBAN_TABLES = frozenset(
    {"django_migrations", "orgs_organization", "plans_plan", "plans_task", "plans_report"}
)
NOT_OURS = "不是 duban 的备份（应为 `duban backup` 生成的文件）"
DAMAGED = "备份文件不完整或已损坏，未作任何改动"


@dataclass(frozen=True)
class Restored:
    safety_copy: Path | None  # the database as it was before, None if there was nothing
    migrated: bool  # an older backup, brought up to this version's tables


def _vendor() -> str:
    if connection.vendor not in ("sqlite", "postgresql"):
        raise InputError(f"不支持备份 {connection.vendor} 数据库")
    return connection.vendor


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


def _run(command: list[str], env: dict[str, str], *, refused: str, source: str) -> str:
    """The tool's standard output; its failure is `refused`, with its first line of reason."""
    tool = command[0]
    if shutil.which(tool) is None:
        raise InputError(f"未安装 {tool}（apt install postgresql-client）")
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or [""])[0][:300]
        raise InputError(f"{refused}（{tool}: {reason}）", source=source)
    return done.stdout


def _writable_target(path: Path) -> None:
    folder = path.parent
    if not folder.is_dir():
        raise InputError("备份目录不存在，请先建立该目录", source=str(folder))
    if path.is_dir():
        raise InputError("这是一个目录，请写明备份文件名", source=str(path))
    if not os.access(folder, os.W_OK):
        raise InputError("无权写入备份目录", source=str(folder))


def backup(path: Path) -> Path:
    """Write the database to path (replacing it only once the copy is complete)."""
    path = Path(path)
    _writable_target(path)
    vendor = _vendor()
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".part", dir=path.parent)
    os.close(fd)
    try:
        if vendor == "sqlite":
            source = sqlite3.connect(_sqlite_path())
            target = sqlite3.connect(tmp)
            try:
                with target:
                    source.backup(target)
            finally:
                target.close()
                source.close()
        else:
            args, env = _pg_env()
            command = ["pg_dump", "--format=custom", "--no-owner", "--file", tmp, *args]
            _run(command, env, refused="备份失败", source=str(path))
        os.replace(tmp, path)
    except OSError as exc:
        raise InputError(f"备份文件写入失败：{exc.strerror}", source=str(path)) from None
    except sqlite3.Error as exc:
        raise InputError(f"备份失败（{exc}）", source=str(path)) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def restore(path: Path) -> Restored:
    """Replace the database's content with the backup's, once a copy of it has passed every
    check; the current database is kept as a safety copy first."""
    path = Path(path)
    shown = str(path)
    if path.is_dir():
        raise InputError("这是一个目录，请写明备份文件", source=shown)
    if not path.is_file():
        raise InputError("备份文件不存在", source=shown)
    if path.stat().st_size == 0:
        raise InputError("备份文件是空的，未作任何改动", source=shown)
    vendor = _vendor()
    connection.close()  # no open transaction of ours may hold the database during the restore
    folder = _safety_folder()
    with tempfile.TemporaryDirectory(prefix="restore-", dir=folder) as work:
        copy = Path(work) / "backup"
        try:
            shutil.copyfile(path, copy)
        except OSError as exc:
            raise InputError(f"无法读取备份文件：{exc.strerror}", source=shown) from None
        if vendor == "sqlite":
            _check_sqlite(copy, shown)
        else:
            _check_postgresql(copy, shown)
        safety = _safety_copy(folder, vendor)
        if vendor == "sqlite":
            _replace_sqlite(copy, shown)
        else:
            args, env = _pg_env()
            options = ["--clean", "--if-exists", "--no-owner", "--single-transaction"]
            _run(
                ["pg_restore", *options, *args, str(copy)],
                env,
                refused="恢复失败，数据库未改变",
                source=shown,
            )
    connection.close()
    return Restored(safety, _migrate_if_older())


def _head(path: Path) -> bytes:
    with path.open("rb") as f:
        return f.read(100)


def _wrong_kind(head: bytes, vendor: str) -> str | None:
    if vendor == "sqlite" and head.startswith(PG_MAGIC):
        return "这是 PostgreSQL 数据库的备份，当前数据库是 SQLite"
    if vendor == "postgresql" and head.startswith(SQLITE_MAGIC):
        return "这是 SQLite 数据库的备份，当前数据库是 PostgreSQL"
    return None


def _check_sqlite(copy: Path, shown: str) -> None:
    head = _head(copy)
    if not head.startswith(SQLITE_MAGIC):
        raise InputError(_wrong_kind(head, "sqlite") or NOT_OURS, source=shown)
    # The header states the page size and count: a file cut short is smaller than they say.
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    if len(head) < 100 or (pages and copy.stat().st_size < page_size * pages):
        raise InputError(DAMAGED, source=shown)
    try:
        db = sqlite3.connect(copy)  # a path, never a URI: '#', '?' and '%' are characters
        try:
            if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise InputError(DAMAGED, source=shown)
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            applied = (
                set(db.execute("SELECT app, name FROM django_migrations"))
                if "django_migrations" in tables
                else set()
            )
        finally:
            db.close()
    except sqlite3.DatabaseError:
        raise InputError(DAMAGED, source=shown) from None
    _check_duban(tables, applied, shown)


_PG_TABLE = re.compile(r"^\d+; \d+ \d+ TABLE \S+ (\S+) ", re.MULTILINE)
_COPY_MIGRATIONS = re.compile(
    r"^COPY \S*django_migrations \(([^)]*)\) FROM stdin;\n(.*?)^\\\.$", re.S | re.M
)


def _check_postgresql(copy: Path, shown: str) -> None:
    head = _head(copy)
    if not head.startswith(PG_MAGIC):
        raise InputError(_wrong_kind(head, "postgresql") or NOT_OURS, source=shown)
    env = dict(os.environ)
    listing = _run(["pg_restore", "--list", str(copy)], env, refused=DAMAGED, source=shown)
    tables = set(_PG_TABLE.findall(listing))
    # Reading the whole archive as a script decompresses every data block: a file cut short
    # or damaged anywhere fails here, before the database is touched.
    _run(["pg_restore", "--file", os.devnull, str(copy)], env, refused=DAMAGED, source=shown)
    applied: set[tuple[str, str]] = set()
    if "django_migrations" in tables:
        script = _run(
            ["pg_restore", "--data-only", "--table", "django_migrations", "--file", "-", str(copy)],
            env,
            refused=DAMAGED,
            source=shown,
        )
        found = _COPY_MIGRATIONS.search(script)
        if found:
            columns = [c.strip() for c in found[1].split(",")]
            app, name = columns.index("app"), columns.index("name")
            for row in found[2].splitlines():
                cells = row.split("\t")
                applied.add((cells[app], cells[name]))
    _check_duban(tables, applied, shown)


def _check_duban(tables: set[str], applied: set[tuple[str, str]], shown: str) -> None:
    """A duban database, not from a newer duban (its tables would not match this code)."""
    from django.db.migrations.loader import MigrationLoader

    if not DUBAN_TABLES.issubset(tables):
        raise InputError(NOT_OURS, source=shown)
    loader = MigrationLoader(None, ignore_no_migrations=True)
    ours = {app for app, _ in loader.disk_migrations}
    unknown = sorted(
        f"{a}.{n}" for a, n in applied if a in ours and (a, n) not in loader.disk_migrations
    )
    if unknown:
        raise InputError(
            f"备份来自更新版本的 duban（含本版本没有的迁移 {unknown[0]}），请先升级 duban 再恢复",
            source=shown,
        )


def _safety_folder() -> Path:
    """The backups' folder (DUBAN_BACKUP_DIR, var/backups), beside the nightly backups."""
    from duban.web.jobs.housekeeping import backup_dir

    folder = backup_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"无法建立安全副本目录：{exc.strerror}", source=str(folder)) from None
    return folder


def _has_tables() -> bool:
    with connection.cursor() as cursor:
        return bool(connection.introspection.table_names(cursor))


def _safety_copy(folder: Path, vendor: str) -> Path | None:
    """The current database, kept before it is replaced; None when it holds nothing."""
    if vendor == "sqlite" and not _sqlite_path().exists():
        return None
    if not _has_tables():
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    suffix = ".sqlite3" if vendor == "sqlite" else ".dump"
    kept = backup(folder / f"before-restore-{stamp}{suffix}")
    connection.close()
    return kept


def _replace_sqlite(copy: Path, shown: str) -> None:
    """The live database's pages replaced by the copy's, in one step (one transaction)."""
    source = sqlite3.connect(copy)
    try:
        target = sqlite3.connect(_sqlite_path(), timeout=30)
        try:
            source.backup(target)
        finally:
            target.close()
    except sqlite3.Error as exc:
        raise InputError(f"恢复失败，数据库未改变（{exc}）", source=shown) from None
    finally:
        source.close()


def _migrate_if_older() -> bool:
    """Bring a backup of an older duban up to this version's tables; True if it was older."""
    from django.core.management import call_command
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if not executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return False
    call_command("migrate", interactive=False, verbosity=0)
    return True


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
