from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "duban.web.public"
    label = "public"
    verbose_name = "公开"
