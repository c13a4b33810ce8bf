from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "trellis.measures"
    label = "measures"
    verbose_name = "Outcome measures"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from trellis.clients.discharge import register_discharge_check
        from trellis.measures.critical import open_critical_item_refusal

        register_discharge_check(open_critical_item_refusal)
