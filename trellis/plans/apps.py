from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PlansConfig(AppConfig):
    name = "trellis.plans"
    label = "plans"
    verbose_name = "Treatment plans"

    def ready(self) -> None:
        from trellis.plans.triggers import install_after_migrate

        # SQLite drops a table's triggers when a migration rebuilds it: put them back.
        post_migrate.connect(install_after_migrate, sender=self, dispatch_uid="plans_triggers")
