from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "trellis.plans"
    label = "plans"
    verbose_name = "Treatment plans"

    def ready(self) -> None:
        from trellis import dbtriggers
        from trellis.plans import triggers

        # SQLite drops a table's triggers when a migration rebuilds it: put them back.
        dbtriggers.keep_installed(self, triggers.definitions)
