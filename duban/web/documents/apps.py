from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "duban.web.documents"
    label = "documents"
    verbose_name = "文件上传"
