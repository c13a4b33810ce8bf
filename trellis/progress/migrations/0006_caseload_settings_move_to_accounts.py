# The caseload settings become the practice's settings in accounts (issue 11: one home for
# the practice). Only Django's record of the model goes here; the table is kept and renamed
# by accounts 0003, so no row is lost.
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('progress', '0005_no_replace_triggers'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='CaseloadSettings')],
            database_operations=[],
        ),
    ]
