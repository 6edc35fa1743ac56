from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "duban.web.evidence"
    label = "evidence"
    verbose_name = "佐证材料"
