"""The full-text match, one backend per database; both take the same parsed query terms."""

from __future__ import annotations

from django.db import connection
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

from duban.web.search.bigrams import Term


class SqliteBackend:
    """FTS5 over the tokens; a quoted phrase means adjacent tokens, i.e. the word as written."""

    sql = "search_searchentry.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"

    @staticmethod
    def expression(term: Term) -> str:
        return " AND ".join('"' + " ".join(p) + '"' for p in term.phrases)


class PostgresBackend:
    """A stored tsvector of the tokens, GIN-indexed (migrations 0002-0003); phrase queries."""

    sql = "search_searchentry.tsv @@ to_tsquery('simple', %s)"

    @staticmethod
    def expression(term: Term) -> str:
        return " & ".join("(" + " <-> ".join(p) + ")" for p in term.phrases)


def backend() -> type[SqliteBackend] | type[PostgresBackend]:
    if connection.vendor == "postgresql":
        return PostgresBackend
    if connection.vendor == "sqlite":
        return SqliteBackend
    raise NotImplementedError(f"no search backend for {connection.vendor}")


def match(entries: QuerySet, terms: list[Term]) -> QuerySet:
    """Entries containing every term. Terms mixing Han and ASCII runs are checked against the
    text as well, since run boundaries in the text may differ from the query's."""
    b = backend()
    for term in terms:
        entries = entries.filter(RawSQL(b.sql, [b.expression(term)], output_field=BooleanField()))
        if not term.exact:
            entries = entries.filter(text__icontains=term.word)
    return entries
