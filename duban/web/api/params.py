"""Parameters every list shares (limit/offset, bounded ids) and the answers every operation
documents, so the schema lists each status code the API can give."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Annotated, Any

from django.db.models import QuerySet
from ninja import Path, Schema
from pydantic import Field

from duban.web.api.schemas import ErrorOut
from duban.web.params import MAX_ID

MAX_OFFSET = 1_000_000

Id = Annotated[int, Path(..., ge=1, le=MAX_ID)]


def id_filter(description: str) -> Any:
    return Field(None, ge=1, le=MAX_ID, description=description)


class Paging(Schema):
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


def filtered(rows: QuerySet, filters: Schema, **lookups: str) -> QuerySet:
    """rows narrowed by each filter given: filtered(rows, f, plan="plan_id") keeps f.plan's."""
    for name, lookup in lookups.items():
        value = getattr(filters, name)
        if value:
            rows = rows.filter(**{lookup: value})
    return rows


def paged(
    queryset: QuerySet, paging: Paging, convert: Callable[[list], Iterable[Any]]
) -> dict[str, Any]:
    """{items, total, limit, offset}; convert turns the page's rows into items in one go."""
    total = queryset.count()
    rows = list(queryset[paging.offset : paging.offset + paging.limit])
    return {
        "items": list(convert(rows)),
        "total": total,
        "limit": paging.limit,
        "offset": paging.offset,
    }


def answers(ok: Any, *, status: int = 200, write: bool = False) -> dict[int, Any]:
    codes = {status: ok, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut}
    if write:
        codes[400] = ErrorOut  # a body that is not JSON
        codes[409] = ErrorOut
    return codes
