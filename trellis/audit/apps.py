from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "trellis.audit"
    label = "audit"
    verbose_name = "Access log"

    def ready(self) -> None:
        from trellis import dbtriggers
        from trellis.audit import triggers

        # SQLite drops a table's triggers when a migration rebuilds it: put them back.
        dbtriggers.keep_installed(self, triggers.definitions)
