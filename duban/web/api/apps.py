from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "duban.web.api"
    label = "api"
    verbose_name = "数据接口"

    def ready(self) -> None:
        from duban.web.api import checks  # noqa: F401  (registers the check)
