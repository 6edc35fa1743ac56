from django.contrib import admin

from duban.web.accounts.models import Membership
from duban.web.audit.admin import AuditedAdmin


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ["user", "role", "organization", "unit"]
    list_filter = ["organization", "role"]
    search_fields = ["user__username", "unit__name"]
    raw_id_fields = ["unit"]
