from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "duban.web.dashboard"
    label = "dashboard"
    verbose_name = "挂图作战"
