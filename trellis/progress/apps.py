from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "trellis.progress"
    label = "progress"
    verbose_name = "Progress notes"
    default_auto_field = "django.db.models.BigAutoField"
