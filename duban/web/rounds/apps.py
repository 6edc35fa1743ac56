from django.apps import AppConfig


class RoundsConfig(AppConfig):
    name = "duban.web.rounds"
    label = "rounds"
    verbose_name = "填报轮次"
