from django.contrib import admin

from duban.web.admin_gate import GatedAdmin
from duban.web.verdicts.models import LightSetting, VerdictOverride


@admin.register(VerdictOverride)
class VerdictOverrideAdmin(GatedAdmin):
    """Read-only: overrides are made on the task page, with a reason, and never changed."""

    gate_action = "view"
    list_display = ["period", "task", "verdict", "automatic", "author", "created_at"]
    list_filter = ["verdict"]
    readonly_fields = ["task", "period", "verdict", "reason", "automatic", "author", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(LightSetting)
class LightSettingAdmin(GatedAdmin):
    gate_action = "view"  # read-only: the office sets its thresholds on its own page
    list_display = ["organization", "yellow_below", "red_below", "updated_by", "updated_at"]
    readonly_fields = ["organization", "yellow_below", "red_below", "updated_by", "updated_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
