"""Give every existing plan and item its own lineage (see 0003)."""

import uuid

from django.db import migrations

MODELS = ("treatmentplan", "problem", "goal", "objective", "intervention", "measuretarget")


def assign_lineages(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("plans", name)
        rows = list(model._base_manager.filter(lineage__isnull=True).only("pk"))
        for row in rows:
            row.lineage = uuid.uuid4()
        model._base_manager.bulk_update(rows, ["lineage"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("plans", "0003_plan_versions")]

    operations = [migrations.RunPython(assign_lineages, migrations.RunPython.noop)]
