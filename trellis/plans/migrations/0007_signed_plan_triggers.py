"""A signed plan version never changes, and signatures are append-only: database triggers
(``trellis/plans/triggers.py``), also put back after every migrate by ``apps.py``."""

from django.db import migrations

from trellis.plans import triggers


def install(apps, schema_editor):
    triggers.install(schema_editor.connection)


def remove(apps, schema_editor):
    triggers.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("plans", "0006_reviews_and_signatures")]

    operations = [migrations.RunPython(install, remove)]
