"""A treatment plan: problems, goals, objectives and interventions, and the rest."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ACTIVE = "active", "Active"
    SUPERSEDED = "superseded", "Superseded"
    CLOSED = "closed", "Closed"


class TreatmentPlan(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="plans")
    title = models.CharField(max_length=200, default="Treatment plan")
    status = models.CharField(max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    start_date = models.DateField(default=timezone.localdate)
    review_date = models.DateField(null=True, blank=True)
    expected_sessions = models.PositiveSmallIntegerField(null=True, blank=True)
    session_frequency = models.CharField(max_length=100, blank=True, default="Weekly")
    strengths = models.TextField(blank=True)
    barriers = models.TextField(blank=True)
    family_involvement = models.TextField(blank=True)
    referrals = models.TextField(blank=True)
    # Crisis and safety plan
    warning_signs = models.TextField(blank=True)
    coping_strategies = models.TextField(blank=True)
    distraction_people_places = models.TextField(blank=True)
    support_contacts = models.TextField(blank=True)
    professional_contacts = models.TextField(blank=True)
    crisis_lines = models.TextField(blank=True)
    environment_safety = models.TextField(blank=True)
    reasons_for_living = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    activated_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-start_date", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["client"],
                condition=models.Q(status="active"),
                name="one_active_plan_per_client",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status in {PlanStatus.DRAFT, PlanStatus.ACTIVE}

    @property
    def has_safety_plan(self) -> bool:
        return bool(self.warning_signs.strip() and self.coping_strategies.strip())


class Problem(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(TreatmentPlan, on_delete=models.CASCADE, related_name="problems")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=200)
    behavioral_definition = models.TextField(
        blank=True, help_text="How the problem shows in this client's daily life."
    )
    diagnosis = models.ForeignKey(
        "clients.Diagnosis", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class Goal(models.Model):
    """A long-term goal: the broad change the client wants."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="goals")
    position = models.PositiveIntegerField(default=0)
    statement = models.TextField()
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.statement[:80]


class ObjectiveStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    MET = "met", "Met"
    PARTIALLY_MET = "partially_met", "Partially met"
    NOT_MET = "not_met", "Not met"
    DISCONTINUED = "discontinued", "Discontinued"


class Objective(models.Model):
    """A short-term, measurable step toward a goal."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="objectives")
    position = models.PositiveIntegerField(default=0)
    statement = models.TextField()
    target_date = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=ObjectiveStatus.choices, default=ObjectiveStatus.NOT_STARTED
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.statement[:80]


class Modality(models.TextChoices):
    CBT = "cbt", "Cognitive behavioral therapy (CBT)"
    DBT = "dbt", "Dialectical behavior therapy (DBT)"
    ERP = "erp", "Exposure and response prevention (ERP)"
    EXPOSURE = "exposure", "Exposure therapy"
    CPT = "cpt", "Cognitive processing therapy (CPT)"
    PE = "pe", "Prolonged exposure (PE)"
    EMDR = "emdr", "EMDR"
    ACT = "act", "Acceptance and commitment therapy (ACT)"
    BA = "ba", "Behavioral activation"
    MI = "mi", "Motivational interviewing (MI)"
    IPT = "ipt", "Interpersonal therapy (IPT)"
    PSYCHODYNAMIC = "psychodynamic", "Psychodynamic therapy"
    FAMILY = "family", "Family therapy"
    COUPLES = "couples", "Couples therapy"
    GROUP = "group", "Group therapy"
    PSYCHOEDUCATION = "psychoeducation", "Psychoeducation"
    SKILLS = "skills", "Skills training"
    MINDFULNESS = "mindfulness", "Mindfulness-based intervention"
    CASE_MANAGEMENT = "case_management", "Case management"
    MEDICATION_REFERRAL = "medication_referral", "Medication evaluation referral"
    SAFETY_PLANNING = "safety_planning", "Safety planning"
    OTHER = "other", "Other"


class Intervention(models.Model):
    """What the clinician (or someone else) does to help the client meet an objective."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="interventions")
    position = models.PositiveIntegerField(default=0)
    modality = models.CharField(max_length=30, choices=Modality.choices, default=Modality.CBT)
    description = models.TextField()
    frequency = models.CharField(max_length=100, blank=True)
    delivered_by = models.CharField(max_length=200, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.get_modality_display()}: {self.description[:60]}"


class TargetKind(models.TextChoices):
    AT_OR_BELOW = "at_or_below", "At or below a score"
    AT_OR_ABOVE = "at_or_above", "At or above a score"
    DOWN_BY_POINTS = "down_by_points", "Down by N points"
    DOWN_BY_PERCENT = "down_by_percent", "Down by N percent"
    RELIABLE_IMPROVEMENT = "reliable_improvement", "Reliable improvement"
    RECOVERY = "recovery", "Recovery (below the clinical cut-off)"


class MeasureTarget(models.Model):
    """A goal's or objective's target on a standardized measure. Its status is computed
    from the client's scores (``trellis.core.planning.targets``), never stored or typed."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, null=True, blank=True, related_name="targets"
    )
    objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, null=True, blank=True, related_name="targets"
    )
    instrument_id = models.CharField("instrument", max_length=60)
    subscale = models.CharField(max_length=60, blank=True)
    kind = models.CharField(max_length=30, choices=TargetKind.choices)
    value = models.FloatField(null=True, blank=True)
    deadline = models.DateField(null=True, blank=True)
    baseline = models.ForeignKey(
        "measures.Administration",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Leave empty to use the last score on or before the plan's start.",
    )
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(goal__isnull=False, objective__isnull=True)
                    | models.Q(goal__isnull=True, objective__isnull=False)
                ),
                name="target_on_goal_or_objective",
            )
        ]

    def __str__(self) -> str:
        return f"{self.instrument_id} {self.kind}"

    @property
    def owner(self) -> Goal | Objective:
        return self.goal if self.goal_id else self.objective  # type: ignore[return-value]
