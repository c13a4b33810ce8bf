"""Lineages are filled (0004): make them required, with a fresh one for each new row."""

import uuid

from django.db import migrations, models

MODELS = ("treatmentplan", "problem", "goal", "objective", "intervention", "measuretarget")


class Migration(migrations.Migration):
    dependencies = [("plans", "0004_plan_lineages")]

    operations = [
        *[
            migrations.AlterField(
                model_name=name,
                name="lineage",
                field=models.UUIDField(
                    default=uuid.uuid4, editable=False, db_index=(name == "treatmentplan")
                ),
            )
            for name in MODELS
        ],
        migrations.AddConstraint(
            model_name="treatmentplan",
            constraint=models.UniqueConstraint(
                fields=("lineage", "version_number"), name="one_plan_per_version_number"
            ),
        ),
    ]
