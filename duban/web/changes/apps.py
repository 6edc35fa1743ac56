from django.apps import AppConfig


class ChangesConfig(AppConfig):
    name = "duban.web.changes"
    label = "changes"
    verbose_name = "延期、调整、停办申请"
