"""Admin for back-office correction: every change goes through the permission gate
(admin_gate.py), is an audit event with before and after, and reaches the search index."""

from __future__ import annotations

from django.contrib import admin
from django.db import transaction

from duban.web.admin_gate import GatedAdmin
from duban.web.audit.models import AuditEvent
from duban.web.audit.services import audit_record, snapshot
from duban.web.search.services import search_index_changed


class AuditedAdmin(GatedAdmin):
    """Records before/after of every admin save; shows them on the object's history page.

    Nothing is deleted from the admin: history must stay whole.
    """

    object_history_template = "admin/duban_object_history.html"

    def save_model(self, request, obj, form, change) -> None:
        with transaction.atomic():
            before = snapshot(type(obj).objects.get(pk=obj.pk)) if change else None
            super().save_model(request, obj, form, change)
            audit_record(
                "admin_change" if change else "admin_add",
                obj,
                actor=request.user,
                before=before,
                after=snapshot(obj),
            )

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_related(self, request, form, formsets, change) -> None:
        """After the object and its inlines: the search index, in the same transaction (the
        admin's add and change views run in one), so a correction is never found in its old
        wording."""
        super().save_related(request, form, formsets, change)
        search_index_changed(form.instance)

    def history_view(self, request, object_id, extra_context=None):
        events = AuditEvent.objects.filter(
            object_type=self.model._meta.label_lower, object_id=str(object_id)
        ).select_related("actor")
        extra_context = {**(extra_context or {}), "audit_events": events}
        return super().history_view(request, object_id, extra_context=extra_context)


@admin.register(AuditEvent)
class AuditEventAdmin(GatedAdmin):
    gate_action = "view"
    list_display = ["created_at", "actor", "action", "object_type", "object_repr"]
    list_filter = ["action", "object_type", "organization"]
    search_fields = ["object_repr", "actor__username"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
