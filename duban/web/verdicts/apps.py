from django.apps import AppConfig


class VerdictsConfig(AppConfig):
    name = "duban.web.verdicts"
    label = "verdicts"
    verbose_name = "研判"

    def ready(self) -> None:
        from duban.web.verdicts import signals  # noqa: F401  (connects the cache invalidation)
