from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "duban.web.audit"
    label = "audit"
    verbose_name = "审计日志"
