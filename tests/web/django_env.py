"""Configure Django for the web and browser tests, on SQLite or on DATABASE_URL's PostgreSQL.

When DATABASE_URL names a PostgreSQL server that does not answer, the database tests are
skipped with a message saying so, except under CI (env CI set), where the run fails.
"""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duban.web.settings")
os.environ.setdefault("DUBAN_SECRET_KEY", "tests-only-secret-key-" + "x" * 40)
os.environ.setdefault("DUBAN_VAR_DIR", tempfile.mkdtemp(prefix="duban-test-var-"))

import django

django.setup()


def postgres_problem() -> str | None:
    """Why the configured PostgreSQL cannot be used, or None (also None on SQLite)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return None
    import psycopg

    try:
        psycopg.connect(url, connect_timeout=3).close()
    except psycopg.Error as exc:
        return f"PostgreSQL at {url} is unreachable ({str(exc).strip().splitlines()[0]})"
    return None


def on_postgres() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"
