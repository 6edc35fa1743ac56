from django.contrib import admin

from duban.web.audit.admin import AuditedAdmin
from duban.web.orgs.models import Organization, Unit


@admin.register(Organization)
class OrganizationAdmin(AuditedAdmin):
    list_display = ["name", "created_at"]


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    list_display = ["name", "kind", "organization"]
    list_filter = ["organization", "kind"]
    search_fields = ["name"]
    filter_horizontal = ["members"]
