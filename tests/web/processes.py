"""A deployment made of real processes for the tests that need them: `duban worker`s and
gunicorns on 127.0.0.1 sharing one database (a SQLite file in a temporary folder, or a scratch
PostgreSQL database beside the test database when the suite runs on PostgreSQL).

Every process is started in its own session and ended by the fixture that made it.
"""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "yicheng-2021-q3.txt"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening(port: int) -> bool:
    """Whether something accepts connections on 127.0.0.1:port."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def wait_for(check: Callable[[], Any], seconds: float, what: str, step: float = 0.2) -> Any:
    """check() until it returns something true, at most `seconds`; then fail saying `what`."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        found = check()
        if found:
            return found
        time.sleep(step)
    raise AssertionError(f"timed out after {seconds:.0f} s waiting for {what}")


class Site:
    """One database, one files folder, any number of processes on them."""

    def __init__(self, var: Path, **env: str) -> None:
        from django.db import connection

        self.var = var
        self.processes: list[subprocess.Popen] = []
        self.env = {
            **os.environ,
            "DUBAN_VAR_DIR": str(var),
            "DUBAN_SECRET_KEY": "tests-processes-" + "k" * 40,
            "DUBAN_LOG_LEVEL": "WARNING",
            **env,
        }
        self.pg_url: str | None = None
        if connection.vendor == "postgresql":
            s = connection.settings_dict
            self.pg_name = f"{s['NAME']}_procs"[:63]
            host = f"{s.get('USER') or 'postgres'}@{s.get('HOST') or '127.0.0.1'}"
            self.pg_admin = f"postgresql://{host}:{s.get('PORT') or 5432}/postgres"
            self.pg_url = f"postgresql://{host}:{s.get('PORT') or 5432}/{self.pg_name}"
            self._pg_admin(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')
            self._pg_admin(f'CREATE DATABASE "{self.pg_name}"')
            self.env["DATABASE_URL"] = self.pg_url
        else:
            self.env.pop("DATABASE_URL", None)

    def _pg_admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.pg_admin, autocommit=True) as conn:
            conn.execute(sql)

    def duban(self, *args: str, timeout: float = 300) -> str:
        done = subprocess.run(
            [sys.executable, "-c", "from duban.cli import main; main()", *args],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert done.returncode == 0, f"duban {' '.join(args)}: {done.stderr[-2000:]}"
        return done.stdout

    def python(self, code: str, timeout: float = 300) -> str:
        """Run code after django.setup() in a process of the site; its standard output."""
        prelude = "import django, os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'duban.web.settings')\ndjango.setup()\n"
        done = subprocess.run(
            [sys.executable, "-c", prelude + code],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout.strip()

    def setup_example(self) -> None:
        self.duban("manage", "migrate", "-v", "0")
        self.duban("import", str(EXAMPLE))

    def sql(self, query: str, *params: Any) -> list[tuple]:
        """Read the site's database directly (the test process's own Django uses another)."""
        if self.pg_url:
            import psycopg

            with psycopg.connect(self.pg_url) as conn:
                cursor = conn.execute(query.replace("?", "%s"), params)
                # an UPDATE has no rows to fetch (psycopg refuses; sqlite3 gives [])
                return cursor.fetchall() if cursor.description is not None else []
        with sqlite3.connect(self.var / "duban.sqlite3", timeout=20) as conn:
            return conn.execute(query, params).fetchall()

    def start(self, *args: str, **env: str) -> subprocess.Popen:
        process = subprocess.Popen(
            [sys.executable, "-c", "from duban.cli import main; main()", *args],
            env={**self.env, **env},
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.processes.append(process)
        return process

    def start_worker(self, *, scheduler: bool = False, **env: str) -> subprocess.Popen:
        flags = () if scheduler else ("--no-scheduler",)
        return self.start("worker", "--interval", "0.2", *flags, **env)

    def start_web(self, port: int) -> subprocess.Popen:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "duban.web.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--threads",
                "4",
            ],
            env=self.env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.processes.append(process)
        wait_for(lambda: listening(port), 60, f"gunicorn on port {port}")
        return process

    def close(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
        if self.pg_url:
            self._pg_admin(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')


@contextmanager
def s3_emulator(bucket: str) -> Iterator[tuple[str, Any]]:
    """moto's S3 server on a free loopback port with `bucket` made: (endpoint, boto3 client);
    killed on exit."""
    import boto3

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )

    def ready() -> bool:
        try:
            client.create_bucket(Bucket=bucket)
            return True
        except Exception:
            return False

    try:
        wait_for(ready, 60, "the S3 emulator")
        yield endpoint, client
    finally:
        server.kill()
        server.wait(timeout=30)
