"""The full-text match, one backend per database; both take the same parsed query terms."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext

from django.db import connection, transaction
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL

from duban.web.search.bigrams import Term


class SqliteBackend:
    """FTS5 over the tokens; a quoted phrase means adjacent tokens, i.e. the word as written.
    `scope(one_organization)` wraps the query that reads the matches' ids."""

    sql = "search_searchentry.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"

    @staticmethod
    def expression(term: Term) -> str:
        return " AND ".join('"' + " ".join(p) + '"' for p in term.phrases)

    @staticmethod
    def scope(one_organization: bool) -> AbstractContextManager[None]:
        return nullcontext()  # one district's database: the FTS list is short enough


class PostgresBackend:
    """A stored tsvector of the tokens, GIN-indexed (migrations 0002-0003); phrase queries."""

    sql = "search_searchentry.tsv @@ to_tsquery('simple', %s)"

    @staticmethod
    def expression(term: Term) -> str:
        return " & ".join("(" + " <-> ".join(p) + ")" for p in term.phrases)

    @staticmethod
    @contextmanager
    def scope(one_organization: bool) -> Iterator[None]:
        """No JIT: compiling costs 20-40 ms, more than the query (the planner's estimate of a
        scan that stops at the cap is far above jit_above_cost). Within one organization, read
        its entries newest first (search_org_newest) and test each tsvector: 15-20 ms at a
        million reports, where the GIN list of a common bigram (a quarter of all entries) takes
        60-80 ms just to read; the planner prices that list far too cheaply, hence no bitmaps."""
        settings = ["jit"] + (["enable_bitmapscan"] if one_organization else [])
        with transaction.atomic(), connection.cursor() as cursor:
            for name in settings:
                cursor.execute(f"SET LOCAL {name} = off")
            yield
            for name in settings:  # an enclosing transaction goes on with the defaults
                cursor.execute(f"SET LOCAL {name} = DEFAULT")


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
        either = Q()
        for one in (term, *term.alternatives):  # a synonym's text matches as the word's
            found = Q(RawSQL(b.sql, [b.expression(one)], output_field=BooleanField()))
            either |= found if one.exact else found & Q(text__icontains=one.word)
        entries = entries.filter(either)
    return entries
