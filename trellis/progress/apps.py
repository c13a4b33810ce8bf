from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "trellis.progress"
    label = "progress"
    verbose_name = "Progress notes"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from trellis.plans.reviews import register_notes_source
        from trellis.progress.selectors import notes_for_review

        register_notes_source(notes_for_review)
