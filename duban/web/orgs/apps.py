from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "duban.web.orgs"
    label = "orgs"
    verbose_name = "机构与单位"
