"""The full-text index over SearchEntry.tokens, one per database vendor.

SQLite: an external-content FTS5 table (unicode61 splits on the spaces between our tokens),
kept in step with the entries by triggers. PostgreSQL: a GIN index on the same expression
the search backend queries, so the planner can use it.
"""

from django.db import migrations

from duban.web.search.migrations._vendor import RunSQLOn

SQLITE = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        tokens, tokenize='unicode61', content='search_searchentry', content_rowid='id')""",
    """CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, tokens) VALUES (new.id, new.tokens); END""",
    """CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, tokens) VALUES ('delete', old.id, old.tokens);
        END""",
    """CREATE TRIGGER search_fts_au AFTER UPDATE OF tokens ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, tokens) VALUES ('delete', old.id, old.tokens);
        INSERT INTO search_fts(rowid, tokens) VALUES (new.id, new.tokens); END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRES = [
    "CREATE INDEX search_tokens_gin ON search_searchentry "
    "USING gin (to_tsvector('simple', tokens))",
]
POSTGRES_REVERSE = ["DROP INDEX IF EXISTS search_tokens_gin"]


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        RunSQLOn("sqlite", SQLITE, SQLITE_REVERSE),
        RunSQLOn("postgresql", POSTGRES, POSTGRES_REVERSE),
    ]
