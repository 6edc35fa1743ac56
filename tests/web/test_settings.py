"""Settings come from the environment and fail loudly when wrong."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured


def test_it_uses_sqlite_with_wal_a_busy_timeout_and_immediate_transactions(monkeypatch):
    from duban.web import settings

    monkeypatch.delenv("DATABASE_URL", raising=False)
    db = settings._databases()["default"]
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert str(db["NAME"]).endswith("duban.sqlite3")
    assert db["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert db["OPTIONS"]["timeout"] >= 5
    assert "journal_mode=WAL" in db["OPTIONS"]["init_command"]


def test_it_uses_postgresql_when_database_url_is_set(monkeypatch):
    from duban.web import settings

    monkeypatch.setenv("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
    db = settings._databases()["default"]
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["HOST"], db["PORT"]) == ("test", "127.0.0.1", 5432)


def test_it_refuses_a_database_it_does_not_support(monkeypatch):
    from duban.web import settings

    monkeypatch.setenv("DATABASE_URL", "mysql://root@localhost/duban")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        settings._databases()


def test_it_refuses_a_debug_flag_it_cannot_read(monkeypatch):
    from duban.web import settings

    monkeypatch.setenv("DUBAN_DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DUBAN_DEBUG"):
        settings._env_bool("DUBAN_DEBUG", False)


def test_it_has_no_missing_migrations(db):
    from io import StringIO

    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())


def test_it_refuses_a_trusted_proxy_it_cannot_read(monkeypatch):
    from duban.web import settings

    monkeypatch.setenv("DUBAN_TRUSTED_PROXIES", "10.0.0.1, proxy.example")
    with pytest.raises(ImproperlyConfigured, match=r"DUBAN_TRUSTED_PROXIES: 'proxy\.example'"):
        settings._trusted_proxies()
    monkeypatch.setenv("DUBAN_TRUSTED_PROXIES", " 10.0.0.1 , 10.2.0.0/16 ")
    assert settings._trusted_proxies() == ["10.0.0.1", "10.2.0.0/16"]
