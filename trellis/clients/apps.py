from django.apps import AppConfig


class ClientsConfig(AppConfig):
    name = "trellis.clients"
    label = "clients"
    verbose_name = "Clients"
