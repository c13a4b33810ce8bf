"""A treatment plan: problems, goals, objectives and interventions, and the rest."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from trellis.core.library import MODALITY_LABELS
from trellis.plans.triggers import SIGNED_PLAN_MUTABLE_COLUMNS

SIGNED_MESSAGE = (
    "This version of the plan is signed and can no longer be changed: "
    "revise it to make a new version."
)


class SignedPlanError(ValidationError):
    """A signed version of a plan never changes (the database refuses it too)."""

    def __init__(self) -> None:
        super().__init__(SIGNED_MESSAGE)


class SignedContentQuerySet(models.QuerySet[Any]):
    """Bulk writes refuse rows of a signed plan, as save() and delete() do."""

    def update(self, **kwargs: Any) -> int:
        if (
            self.model.touches_signed_content(kwargs)
            and self.filter(self.model.in_signed_plan()).exists()
        ):
            raise SignedPlanError()
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        if self.filter(self.model.in_signed_plan()).exists():
            raise SignedPlanError()
        return super().delete()


class PlanItem(models.Model):
    """What problems, goals, objectives, interventions and targets share: a ``lineage``
    that stays the same from one version of the plan to the next (versions are compared
    by it), and no writes once their plan version is signed."""

    # The lookup from this item to its plan, and the same from the item's parent row.
    plan_path: str = ""
    parent_plan_path: str = ""
    parent_attname: str = ""

    lineage = models.UUIDField(default=uuid.uuid4, editable=False)

    objects = SignedContentQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.is_in_signed_plan():
            raise SignedPlanError()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if self.is_in_signed_plan():
            raise SignedPlanError()
        return super().delete(*args, **kwargs)

    @classmethod
    def in_signed_plan(cls) -> Q:
        return Q(**{f"{cls.plan_path}__signatures__isnull": False})

    @classmethod
    def touches_signed_content(cls, values: dict[str, Any]) -> bool:
        return True

    def is_in_signed_plan(self) -> bool:
        parent = getattr(self, self.parent_attname)
        lookup = f"plan__{self.parent_plan_path}" if self.parent_plan_path else "plan"
        return PlanSignature.objects.filter(**{lookup: parent}).exists()


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ACTIVE = "active", "Active"
    SUPERSEDED = "superseded", "Superseded"
    CLOSED = "closed", "Closed"


class MeansAccess(models.TextChoices):
    """Whether the client can get to a means of self-harm; blank until it is asked."""

    YES = "yes", "Yes"
    NO = "no", "No"
    UNKNOWN = "unknown", "Not known yet"


class TreatmentPlan(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # All versions of one plan share a lineage; each revision points at the one it revised.
    lineage = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    previous_version = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="revisions"
    )
    version_number = models.PositiveIntegerField(default=1)
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
    # Means safety: access to firearms and to medication, and the plan to limit it.
    firearms_access = models.CharField(max_length=10, choices=MeansAccess.choices, blank=True)
    firearms_plan = models.TextField(blank=True)
    medication_access = models.CharField(max_length=10, choices=MeansAccess.choices, blank=True)
    medication_plan = models.TextField(blank=True)
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
    # When the first signature landed (set by signing, then frozen like the content).
    signed_at = models.DateTimeField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1)

    objects = SignedContentQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["client"],
                condition=models.Q(status="active"),
                name="one_active_plan_per_client",
            ),
            models.UniqueConstraint(
                fields=["lineage", "version_number"], name="one_plan_per_version_number"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding and self.check_signed() and self.changed_content():
            raise SignedPlanError()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if self.check_signed():
            raise SignedPlanError()
        return super().delete(*args, **kwargs)

    @property
    def is_editable(self) -> bool:
        return self.status in {PlanStatus.DRAFT, PlanStatus.ACTIVE} and not self.is_signed

    @property
    def is_signed(self) -> bool:
        """For pages (no query); services ask the database with ``check_signed``."""
        return self.signed_at is not None

    def check_signed(self, *, lock: bool = False) -> bool:
        """Whether this version has a signature, asked of the database now. With ``lock``
        the plan's row is locked first (signing takes the same lock), so no signature can
        land between this answer and the end of the caller's transaction."""
        if lock:
            list(
                TreatmentPlan.objects.select_for_update()
                .filter(pk=self.pk)
                .values_list("pk", flat=True)
            )
        return PlanSignature.objects.filter(plan_id=self.pk).exists()

    @classmethod
    def in_signed_plan(cls) -> Q:
        return Q(signatures__isnull=False)

    @classmethod
    def touches_signed_content(cls, values: dict[str, Any]) -> bool:
        fields = [cls._meta.get_field(name) for name in values]
        # A reverse relation has no column of this table, so it cannot touch signed content.
        columns = {field.attname for field in fields if isinstance(field, models.Field)}
        return not columns <= set(SIGNED_PLAN_MUTABLE_COLUMNS)

    def changed_content(self) -> list[str]:
        """The signed columns whose value here differs from the row in the database."""
        columns = [
            f.attname
            for f in self._meta.concrete_fields
            if f.attname not in SIGNED_PLAN_MUTABLE_COLUMNS
        ]
        stored = TreatmentPlan._base_manager.filter(pk=self.pk).values(*columns).first() or {}
        return [c for c in columns if stored.get(c) != getattr(self, c)]

    @property
    def has_safety_plan(self) -> bool:
        return bool(self.warning_signs.strip() and self.coping_strategies.strip())


class Problem(PlanItem):
    plan_path = "plan"
    parent_attname = "plan_id"

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


class ObjectiveStatus(models.TextChoices):
    """Where a goal or an objective stands."""

    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    MET = "met", "Met"
    PARTIALLY_MET = "partially_met", "Partially met"
    NOT_MET = "not_met", "Not met"
    DISCONTINUED = "discontinued", "Discontinued"


class Goal(PlanItem):
    """A long-term goal: the broad change the client wants."""

    plan_path = "problem__plan"
    parent_plan_path = "problems"
    parent_attname = "problem_id"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="goals")
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


class Objective(PlanItem):
    """A short-term, measurable step toward a goal."""

    plan_path = "goal__problem__plan"
    parent_plan_path = "problems__goals"
    parent_attname = "goal_id"

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

    @property
    def is_overdue(self) -> bool:
        """Past its target date and still not started or in progress (issue 12)."""
        return objective_overdue(self.target_date, self.status, timezone.localdate())


# An objective still being worked towards; the other statuses are outcomes.
OPEN_OBJECTIVE_STATUSES = frozenset({ObjectiveStatus.NOT_STARTED, ObjectiveStatus.IN_PROGRESS})


def objective_overdue(target_date: date | None, status: str, today: date) -> bool:
    """Whether an objective with this target date and status is overdue on ``today``."""
    return target_date is not None and target_date < today and status in OPEN_OBJECTIVE_STATUSES


# One member per modality of ``trellis.core.library.MODALITY_LABELS`` (Modality.CBT ...):
# templates and plans share that list.
# The stubs describe the functional API with labels only, not (value, label) pairs.
Modality = models.TextChoices(  # type: ignore[call-overload]
    "Modality", [(value.upper(), (value, label)) for value, label in MODALITY_LABELS.items()]
)


class Intervention(PlanItem):
    """What the clinician (or someone else) does to help the client meet an objective."""

    plan_path = "objective__goal__problem__plan"
    parent_plan_path = "problems__goals__objectives"
    parent_attname = "objective_id"

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
    RECOVERY = "recovery", "Recovery on this measure alone (below the clinical cut-off)"


class MeasureTarget(PlanItem):
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
        help_text="Leave empty for the rule: the latest score within 30 days before the "
        "plan's start, else the first after it (trellis.core.planning.baseline).",
    )
    # Who chose ``baseline`` (shown as "chosen by ..."); empty with the rule's baseline.
    baseline_chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
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

    @classmethod
    def in_signed_plan(cls) -> Q:
        return Q(goal__problem__plan__signatures__isnull=False) | Q(
            objective__goal__problem__plan__signatures__isnull=False
        )

    def is_in_signed_plan(self) -> bool:
        parent: uuid.UUID | None
        if self.goal_id:
            lookup, parent = "plan__problems__goals", self.goal_id
        else:
            lookup, parent = "plan__problems__goals__objectives", self.objective_id
        return PlanSignature.objects.filter(**{lookup: parent}).exists()


class ReviewDecision(models.TextChoices):
    CONTINUE = "continue", "Continue the plan as it is"
    REVISE = "revise", "Revise the plan (a new version)"
    STEP_UP = "step_up", "Step up care (more intensive)"
    STEP_DOWN = "step_down", "Step down care (less intensive)"
    TRANSFER = "transfer", "Transfer care"
    DISCHARGE = "discharge", "Discharge (close the plan)"


class PlanReview(models.Model):
    """A review of the plan in force: the evidence as it stood (kept as a snapshot, so the
    record does not shift as scores are added later), the decision and what changed."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(TreatmentPlan, on_delete=models.PROTECT, related_name="reviews")
    reviewed_on = models.DateField(default=timezone.localdate)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    evidence = models.JSONField(default=dict, blank=True)
    summary = models.TextField(blank=True, help_text="Progress since the last review.")
    decision = models.CharField(max_length=20, choices=ReviewDecision.choices)
    what_changed = models.TextField(blank=True)
    next_review_date = models.DateField(null=True, blank=True)
    # Whether the client took part in the review (None: not recorded, reviews before 12).
    client_participated = models.BooleanField("the client took part", null=True, blank=True)
    new_version = models.ForeignKey(
        TreatmentPlan, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-reviewed_on", "-created_at"]

    def __str__(self) -> str:
        return f"{self.reviewed_on} {self.get_decision_display()}"


class SignatureRole(models.TextChoices):
    CLINICIAN = "clinician", "Clinician"
    CLIENT = "client", "Client"
    SUPERVISOR = "supervisor", "Supervisor"


class PlanSignature(models.Model):
    """One signature of one version of a plan, with the exact content it covers.

    ``content`` is the canonical document that was signed and ``content_hash`` its
    SHA-256 (``trellis.plans.signing.content``). Signatures are append-only, and once a version
    has one, the version itself never changes (model and database both refuse)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(TreatmentPlan, on_delete=models.PROTECT, related_name="signatures")
    role = models.CharField(max_length=20, choices=SignatureRole.choices)
    # The person signing; for a client signing in person, the clinician who witnessed it.
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    signed_name = models.CharField(max_length=200)
    in_person = models.BooleanField(
        default=False, help_text="The client signed on the clinician's screen."
    )
    signed_at = models.DateTimeField(default=timezone.now)
    hash_version = models.CharField(max_length=20)
    content_hash = models.CharField(max_length=64)
    content = models.JSONField()
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["signed_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "role"], name="one_signature_per_role")
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.signed_name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValidationError("Plan signatures are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValidationError("Plan signatures are append-only.")


class SafetyPlanReview(models.Model):
    """The clinician went through the safety plan with the client on this day. A record
    of its own (not a plan field) so a signed plan's safety plan can be reviewed too."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(TreatmentPlan, on_delete=models.PROTECT, related_name="safety_reviews")
    reviewed_on = models.DateField(default=timezone.localdate)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-reviewed_on", "-created_at"]

    def __str__(self) -> str:
        return f"Safety plan reviewed {self.reviewed_on}"


class SupervisionRequirement(models.Model):
    """Whether a clinician's plans need a supervisor's co-signature (e.g. a clinician
    working toward licensure). Set by a practice admin."""

    clinician = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supervision_requirement"
    )
    requires_cosign = models.BooleanField(default=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        required = "required" if self.requires_cosign else "not required"
        return f"{self.clinician_id}: co-sign {required}"
