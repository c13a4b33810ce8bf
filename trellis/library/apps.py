from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "trellis.library"
    label = "library"
    verbose_name = "Plan template library"
    default_auto_field = "django.db.models.BigAutoField"
