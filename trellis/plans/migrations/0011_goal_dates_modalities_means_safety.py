import django.db.models.deletion
import django.utils.timezone
import uuid
from django.conf import settings
from django.db import migrations, models


def _drop_plan_triggers(apps, schema_editor):
    """Undoing: SQLite cannot drop a column a trigger names, so the plan tables' triggers
    go first; ``migrate`` puts the current ones back when it ends (trellis.dbtriggers)."""
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name LIKE 'plans_%'")
        for (name,) in cursor.fetchall():
            cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0010_review_client_participated"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
                model_name="goal",
                name="status",
                field=models.CharField(
                    choices=[
                        ("not_started", "Not started"),
                        ("in_progress", "In progress"),
                        ("met", "Met"),
                        ("partially_met", "Partially met"),
                        ("not_met", "Not met"),
                        ("discontinued", "Discontinued"),
                    ],
                    default="not_started",
                    max_length=20,
                ),
            ),
        migrations.AddField(
            model_name="goal",
            name="target_date",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AddField(
                model_name="treatmentplan",
                name="firearms_access",
                field=models.CharField(
                    blank=True,
                    choices=[("yes", "Yes"), ("no", "No"), ("unknown", "Not known yet")],
                    max_length=10,
                ),
            ),
        migrations.AddField(
                model_name="treatmentplan", name="firearms_plan", field=models.TextField(blank=True)
            ),
        migrations.AddField(
                model_name="treatmentplan",
                name="medication_access",
                field=models.CharField(
                    blank=True,
                    choices=[("yes", "Yes"), ("no", "No"), ("unknown", "Not known yet")],
                    max_length=10,
                ),
            ),
        migrations.AddField(
                model_name="treatmentplan",
                name="medication_plan",
                field=models.TextField(blank=True),
            ),
        migrations.AlterField(
            model_name="intervention",
            name="modality",
            field=models.CharField(
                choices=[
                    ("cbt", "Cognitive behavioral therapy (CBT)"),
                    ("cbt_i", "CBT for insomnia (CBT-I)"),
                    ("tf_cbt", "Trauma-focused CBT (TF-CBT)"),
                    ("dbt", "Dialectical behavior therapy (DBT)"),
                    ("dbt_skills", "DBT skills training"),
                    ("erp", "Exposure and response prevention (ERP)"),
                    ("exposure", "Exposure therapy"),
                    ("cpt", "Cognitive processing therapy (CPT)"),
                    ("pe", "Prolonged exposure (PE)"),
                    ("emdr", "Eye movement desensitization and reprocessing (EMDR)"),
                    ("act", "Acceptance and commitment therapy (ACT)"),
                    ("ba", "Behavioral activation"),
                    ("mi", "Motivational interviewing (MI)"),
                    ("ipt", "Interpersonal psychotherapy (IPT)"),
                    ("pst", "Problem-solving therapy (PST)"),
                    ("mbsr", "Mindfulness-based stress reduction (MBSR)"),
                    ("mbct", "Mindfulness-based cognitive therapy (MBCT)"),
                    ("mindfulness", "Mindfulness-based intervention"),
                    ("relaxation", "Relaxation training"),
                    ("sleep_hygiene", "Sleep hygiene education"),
                    ("psychodynamic", "Psychodynamic therapy"),
                    ("supportive", "Supportive therapy"),
                    ("family", "Family therapy"),
                    ("couples", "Couples therapy"),
                    ("parent_training", "Parent training"),
                    ("group", "Group therapy"),
                    ("psychoeducation", "Psychoeducation"),
                    ("skills", "Skills training"),
                    ("case_management", "Case management"),
                    ("medication_referral", "Referral for medication evaluation or management"),
                    ("safety_planning", "Safety planning"),
                    ("crisis", "Crisis intervention"),
                    ("other", "Other"),
                ],
                default="cbt",
                max_length=30,
            ),
        ),
        migrations.CreateModel(
            name="SafetyPlanReview",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("reviewed_on", models.DateField(default=django.utils.timezone.localdate)),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "plan",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="safety_reviews",
                        to="plans.treatmentplan",
                    ),
                ),
                (
                    "reviewed_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-reviewed_on", "-created_at"],
            },
        ),
        # Last, so that undoing runs it first.
        migrations.RunPython(migrations.RunPython.noop, _drop_plan_triggers),
    ]
