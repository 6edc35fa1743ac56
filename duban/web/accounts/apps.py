from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "duban.web.accounts"
    label = "accounts"
    verbose_name = "账号与角色"

    def ready(self) -> None:
        from duban.web.accounts import signals  # noqa: F401  (connects login auditing)
