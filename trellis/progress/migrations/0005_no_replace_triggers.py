from django.db import migrations

from trellis.progress import triggers


def install(apps, schema_editor):
    triggers.install(schema_editor.connection)


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            for statement in triggers.sqlite_no_replace_remove():
                cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("progress", "0004_practice_review_interval")]

    operations = [migrations.RunPython(install, remove)]
