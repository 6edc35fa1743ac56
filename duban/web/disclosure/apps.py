from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "duban.web.disclosure"
    label = "disclosure"
    verbose_name = "公开审查"
