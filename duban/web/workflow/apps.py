from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "duban.web.workflow"
    label = "workflow"
    verbose_name = "督办流程"
