"""Versions of a plan: a lineage shared by all versions of a plan and by an item across
versions (how versions are compared), the version it revised, its number, and when it
was first signed.

Existing rows each get their own lineage: a default on AddField would give every row the
same value, so the column is added empty here, filled row by row in 0004, and made
required in 0005 (separate migrations: PostgreSQL will not alter a table with pending
trigger events in the transaction that updated it)."""

import django.db.models.deletion
from django.db import migrations, models

MODELS = ("treatmentplan", "problem", "goal", "objective", "intervention", "measuretarget")


class Migration(migrations.Migration):
    dependencies = [("plans", "0002_measuretarget")]

    operations = [
        *[
            migrations.AddField(
                model_name=name, name="lineage", field=models.UUIDField(null=True, editable=False)
            )
            for name in MODELS
        ],
        migrations.AddField(
            model_name="treatmentplan",
            name="previous_version",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="revisions",
                to="plans.treatmentplan",
            ),
        ),
        migrations.AddField(
            model_name="treatmentplan",
            name="signed_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="treatmentplan",
            name="version_number",
            field=models.PositiveIntegerField(default=1),
        ),
    ]
