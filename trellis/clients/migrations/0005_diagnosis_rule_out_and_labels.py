"""A rule-out (R/O, still being assessed) becomes its own status beside "ruled out"
(assessed and excluded). Rows already "ruled out" keep that status: it is what the screen
called them, and the excluded reading is the safe one (such a diagnosis heads no problem).
The intake field reads "Self-harm history", hyphenated as clinicians write it."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('clients', '0004_client_number_and_intake'),
    ]

    operations = [
        migrations.AlterField(
            model_name='client',
            name='self_harm_history',
            field=models.CharField(blank=True, choices=[('not_assessed', 'Not assessed'), ('none', 'None reported'), ('past', 'In the past, not in the last 12 months'), ('recent', 'In the last 12 months')], default='not_assessed', max_length=20, verbose_name='self-harm history'),
        ),
        migrations.AlterField(
            model_name='diagnosis',
            name='status',
            field=models.CharField(choices=[('active', 'Active'), ('rule_out', 'Rule-out (R/O): still being assessed'), ('resolved', 'Resolved'), ('ruled_out', 'Ruled out: assessed and excluded')], default='active', max_length=20),
        ),
    ]
