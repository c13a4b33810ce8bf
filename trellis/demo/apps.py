from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "trellis.demo"
    label = "demo"
    verbose_name = "Demo data"
