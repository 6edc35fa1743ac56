from django.apps import AppConfig


class CityviewConfig(AppConfig):
    name = "duban.web.cityview"
    label = "cityview"
    verbose_name = "市级汇总"
