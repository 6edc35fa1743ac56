from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "duban.web.plans"
    label = "plans"
    verbose_name = "任务与进展"
