from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "duban.web.search"
    label = "search"
    verbose_name = "检索"
