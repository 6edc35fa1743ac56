"""The Django admin through the permission gate (access.py).

Every ModelAdmin of duban derives from GatedAdmin and every inline from GatedInline, so that for
a member of one organization all of these are its organization's only: the rows listed and
opened, the choices of every foreign key and many-to-many field (drop-downs, and the ids typed
into raw-id fields, which are checked against the same choices), and the choices of the list
filters. Limiting the listed rows alone let an office add a period to another organization's
plan by posting that plan's id.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.utils import get_fields_from_path
from django.db.models import QuerySet
from django.forms import Field
from django.http import HttpRequest

from duban.web.access import Action, restrict


def _gated_field(field: Field | None, request: HttpRequest) -> Field | None:
    """A relation's form field whose choices are only what the user may change."""
    queryset = getattr(field, "queryset", None)
    if queryset is not None:
        field.queryset = restrict(queryset, request.user, "change")  # type: ignore[union-attr]
    return field


class _Gate:
    # "change" for the admins that write; "view" for the read-only ones (audit, verdicts).
    gate_action: Action = "change"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return restrict(super().get_queryset(request), request.user, self.gate_action)  # type: ignore[misc]

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs: Any):
        return _gated_field(super().formfield_for_foreignkey(db_field, request, **kwargs), request)  # type: ignore[misc]

    def formfield_for_manytomany(self, db_field, request: HttpRequest, **kwargs: Any):
        return _gated_field(super().formfield_for_manytomany(db_field, request, **kwargs), request)  # type: ignore[misc]


class GatedAdmin(_Gate, admin.ModelAdmin):
    def get_list_filter(self, request: HttpRequest):
        """A filter on a relation offers only the related objects of the rows the user sees
        (Django's plain filter lists every organization's plans and units)."""
        return [self._related_only(spec) for spec in super().get_list_filter(request)]

    def _related_only(self, spec):
        if isinstance(spec, str) and get_fields_from_path(self.model, spec)[-1].is_relation:
            return (spec, admin.RelatedOnlyFieldListFilter)
        return spec


class GatedInline(_Gate, admin.TabularInline):
    pass
