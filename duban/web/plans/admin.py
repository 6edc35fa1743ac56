from django.contrib import admin

from duban.web.admin_gate import GatedInline
from duban.web.audit.admin import AuditedAdmin
from duban.web.plans.models import (
    REPORT_TEXT_MAX_CHARS,
    Milestone,
    Period,
    Plan,
    Report,
    ReportVersion,
    Responsibility,
    Section,
    Task,
)


@admin.register(Plan)
class PlanAdmin(AuditedAdmin):
    list_display = ["year", "title", "organization"]
    list_filter = ["organization"]


@admin.register(Section)
class SectionAdmin(AuditedAdmin):
    list_display = ["number", "title", "plan"]
    list_filter = ["plan"]


class ResponsibilityInline(GatedInline):
    model = Responsibility
    extra = 0
    raw_id_fields = ["unit"]
    can_delete = False


class MilestoneInline(GatedInline):
    model = Milestone
    extra = 0
    can_delete = False


@admin.register(Task)
class TaskAdmin(AuditedAdmin):
    list_display = ["seq", "target", "section", "plan"]
    list_filter = ["plan", "section"]
    search_fields = ["target"]
    inlines = [ResponsibilityInline, MilestoneInline]


@admin.register(Period)
class PeriodAdmin(AuditedAdmin):
    list_display = ["__str__", "plan", "kind", "end_month", "deadline", "state"]
    list_filter = ["plan", "state"]


class ReportVersionInline(GatedInline):
    model = ReportVersion
    extra = 0
    can_delete = False
    readonly_fields = ["number", "text", "state", "author", "source", "created_at"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Report)
class ReportAdmin(AuditedAdmin):
    list_display = ["task", "unit", "period", "state", "version", "updated_at"]
    list_filter = ["period", "state"]
    search_fields = ["text", "unit__name"]
    raw_id_fields = ["task", "unit", "author"]
    readonly_fields = ["version", "created_at", "updated_at"]
    inlines = [ReportVersionInline]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "text":  # the same bound as the editor and the API
            kwargs["max_length"] = REPORT_TEXT_MAX_CHARS
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change) -> None:
        """A correction of the text is a new version like any other save."""
        text_changed = not change or "text" in form.changed_data
        if text_changed:
            obj.version += 1
        super().save_model(request, obj, form, change)
        if text_changed:
            ReportVersion.objects.create(
                report=obj,
                number=obj.version,
                text=obj.text,
                state=obj.state,
                author=request.user,
                source="admin",
            )
