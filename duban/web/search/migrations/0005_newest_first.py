"""SearchEntry.end_month (the period's end; 0 for a target) and the newest-first indexes."""

from django.db import migrations, models

from duban.web.search.migrations._vendor import RunSQLOn

# SQLite adds a NOT NULL column by rebuilding the table, which drops the FTS triggers of 0002:
# make them again and rebuild the FTS index from the rows (both ways: removing it rebuilds too).
SQLITE_TRIGGERS = [
    """CREATE TRIGGER IF NOT EXISTS search_fts_ai AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, tokens) VALUES (new.id, new.tokens); END""",
    """CREATE TRIGGER IF NOT EXISTS search_fts_ad AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, tokens) VALUES ('delete', old.id, old.tokens);
        END""",
    """CREATE TRIGGER IF NOT EXISTS search_fts_au AFTER UPDATE OF tokens ON search_searchentry
        BEGIN
        INSERT INTO search_fts(search_fts, rowid, tokens) VALUES ('delete', old.id, old.tokens);
        INSERT INTO search_fts(rowid, tokens) VALUES (new.id, new.tokens); END""",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]

FILL = (
    "UPDATE search_searchentry SET end_month = (SELECT end_month FROM plans_period "
    "WHERE plans_period.id = search_searchentry.period_id) WHERE period_id IS NOT NULL"
)


class Migration(migrations.Migration):
    dependencies = [
        ("orgs", "0001_initial"),
        ("plans", "0004_scale_indexes"),
        ("search", "0004_scale_indexes"),
    ]

    operations = [
        RunSQLOn("sqlite", migrations.RunSQL.noop, SQLITE_TRIGGERS),
        migrations.AddField(
            model_name="searchentry",
            name="end_month",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        RunSQLOn("sqlite", SQLITE_TRIGGERS, migrations.RunSQL.noop),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(fields=["-year", "-end_month", "task", "id"], name="search_newest"),
        ),
        migrations.RemoveIndex(model_name="searchentry", name="search_sear_organiz_35dde9_idx"),
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(
                fields=["organization", "-year", "-end_month", "task", "id"],
                name="search_org_newest",
            ),
        ),
    ]
