from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "trellis.progress"
    label = "progress"
    verbose_name = "Progress notes"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from trellis import dbtriggers
        from trellis.plans.reviews.evidence import register_notes_source
        from trellis.progress import triggers
        from trellis.progress.selectors import notes_for_review

        register_notes_source(notes_for_review)
        # SQLite drops a table's triggers when a migration rebuilds it: put them back.
        dbtriggers.keep_installed(self, triggers.definitions)
