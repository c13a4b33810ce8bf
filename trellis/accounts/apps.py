from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "trellis.accounts"
    label = "accounts"
    verbose_name = "Practices and people"

    def ready(self) -> None:
        from trellis.accounts import signals  # noqa: F401
