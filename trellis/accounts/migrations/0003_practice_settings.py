# PracticeSettings takes over progress's CaseloadSettings table with its rows (see progress
# 0006), then the table takes the accounts name.
import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_attempt_counter'),
        ('progress', '0006_caseload_settings_move_to_accounts'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='PracticeSettings',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('review_warning_days', models.PositiveSmallIntegerField(default=14, verbose_name='warn of a review this many days ahead')),
                        ('no_improvement_weeks', models.PositiveSmallIntegerField(default=8, verbose_name='flag no reliable improvement after this many weeks')),
                        ('no_session_weeks', models.PositiveSmallIntegerField(default=3, verbose_name='flag no session in this many weeks')),
                        ('plan_review_days', models.PositiveSmallIntegerField(blank=True, help_text="Empty: the deployment's default (90 days unless set).", null=True, verbose_name='review a new plan this many days after its start')),
                        ('updated_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('practice', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='settings', to='accounts.practice')),
                    ],
                    options={
                        'db_table': 'progress_caseloadsettings',
                        'constraints': [models.CheckConstraint(condition=models.Q(('no_improvement_weeks__gte', 1), ('no_session_weeks__gte', 1)), name='caseload_weeks_at_least_one')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name='practicesettings', table=None),
    ]
