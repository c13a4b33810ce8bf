"""Progress notes: one per session, written against the plan's goals, locked when signed.

A signed note never changes. The services refuse it, these models refuse it (``save()``,
``delete()`` and queryset ``update()``/``delete()``), and the database refuses it too
(``trellis/progress/triggers.py``). What was signed is kept whole on the note
(``signed_content``, with its SHA-256 in ``content_hash``), so the record stays as signed
even when the plan's wording changes later. Later changes are addenda.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone

from trellis.progress.formats import RATINGS


class SignedNoteError(ValidationError):
    """A signed note, or an addendum, is a record: it is never changed or removed."""

    def __init__(self, message: str = "") -> None:
        super().__init__(
            message or "This note is signed and can no longer be changed: add an addendum."
        )


class NotAuthorError(PermissionDenied):
    """A draft is its author's own words until signed: nobody else edits or signs it."""

    def __init__(self, author: str) -> None:
        super().__init__(
            f"This draft is {author}'s: only they can edit or sign it. "
            "Others can add an addendum once it is signed."
        )


class NoteFormat(models.TextChoices):
    DAP = "dap", "DAP (data, assessment, plan)"
    SOAP = "soap", "SOAP (subjective, objective, assessment, plan)"
    BIRP = "birp", "BIRP (behavior, intervention, response, plan)"


class SessionType(models.TextChoices):
    INTAKE = "intake", "Intake"
    INDIVIDUAL = "individual", "Individual"
    FAMILY = "family", "Family"
    COUPLES = "couples", "Couples"
    GROUP = "group", "Group"
    TELEHEALTH_VIDEO = "telehealth_video", "Telehealth (video)"
    TELEHEALTH_PHONE = "telehealth_phone", "Telehealth (phone)"
    CRISIS = "crisis", "Crisis"


class RiskLevel(models.TextChoices):
    NONE = "none", "None identified"
    LOW = "low", "Low"
    MODERATE = "moderate", "Moderate"
    HIGH = "high", "High"


RATING_CHOICES = list(RATINGS.items())


class ProgressNoteQuerySet(models.QuerySet["ProgressNote"]):
    """Bulk writes cannot slip past the lock either."""

    def update(self, **kwargs: Any) -> int:
        if self.filter(signed_at__isnull=False).exists():
            raise SignedNoteError()
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        if self.filter(signed_at__isnull=False).exists():
            raise SignedNoteError()
        return super().delete()


class ProgressNote(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, related_name="progress_notes"
    )
    # The plan in force when the note was written (none before the first plan is active).
    plan = models.ForeignKey(
        "plans.TreatmentPlan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="progress_notes",
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note_format = models.CharField(
        "format", max_length=10, choices=NoteFormat.choices, default=NoteFormat.DAP
    )
    session_date = models.DateField(default=timezone.localdate)
    session_type = models.CharField(
        max_length=20, choices=SessionType.choices, default=SessionType.INDIVIDUAL
    )
    duration_minutes = models.PositiveSmallIntegerField("length (minutes)", null=True, blank=True)
    start_time = models.TimeField("started", null=True, blank=True)
    end_time = models.TimeField("ended", null=True, blank=True)
    # Codes of trellis/data/billing/session_codes.yaml, checked by the service (time bands too).
    service_code = models.CharField(max_length=20, blank=True)
    place_of_service = models.CharField(max_length=4, blank=True)
    # Keyed by the format's section names (trellis/progress/formats.py), checked by the service.
    sections = models.JSONField(default=dict, blank=True)
    goals = models.ManyToManyField("plans.Goal", blank=True, related_name="progress_notes")
    objectives = models.ManyToManyField(
        "plans.Objective", blank=True, related_name="progress_notes"
    )
    interventions = models.ManyToManyField(
        "plans.Intervention", blank=True, related_name="progress_notes"
    )
    interventions_other = models.TextField("other interventions", blank=True)
    administrations = models.ManyToManyField(
        "measures.Administration", blank=True, related_name="progress_notes"
    )
    risk_level = models.CharField(max_length=10, choices=RiskLevel.choices, blank=True)
    risk_assessment = models.TextField(blank=True)
    next_session_plan = models.TextField("plan for next session", blank=True)
    # The mental status exam, {domain: choice, "notes": text} (trellis.progress.mse); null
    # on notes older than it (nullable so SQLite adds the column without rebuilding the
    # table, which the signed-note triggers on other tables refer to).
    mental_status = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_content = models.JSONField(null=True, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = ProgressNoteQuerySet.as_manager()

    class Meta:
        ordering = ["-session_date", "-created_at"]
        indexes = [models.Index(fields=["client", "session_date"])]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        signed_at__isnull=True,
                        signed_by__isnull=True,
                        signed_content__isnull=True,
                        content_hash="",
                    )
                    | models.Q(
                        signed_at__isnull=False,
                        signed_by__isnull=False,
                        signed_content__isnull=False,
                        content_hash__regex=r"^[0-9a-f]{64}$",
                    )
                ),
                name="progress_note_signed_whole",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_note_format_display().split(' ')[0]} note {self.session_date}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._stored_is_signed():
            raise SignedNoteError()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if self._stored_is_signed():
            raise SignedNoteError()
        return super().delete(*args, **kwargs)

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None

    def _stored_is_signed(self) -> bool:
        if self._state.adding:
            return False
        return ProgressNote.objects.filter(pk=self.pk, signed_at__isnull=False).exists()


class GoalRating(models.Model):
    """How far the client moved toward one goal, as judged in one session."""

    note = models.ForeignKey(ProgressNote, on_delete=models.CASCADE, related_name="ratings")
    # A goal removed from the plan takes its ratings along; a signed note keeps its copy.
    goal = models.ForeignKey(
        "plans.Goal", on_delete=models.CASCADE, related_name="progress_ratings"
    )
    rating = models.PositiveSmallIntegerField(choices=RATING_CHOICES)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["note", "id"]
        constraints = [
            models.UniqueConstraint(fields=["note", "goal"], name="one_rating_per_goal_per_note"),
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="rating_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rating} ({RATINGS.get(self.rating, '?')})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if ProgressNote.objects.filter(pk=self.note_id, signed_at__isnull=False).exists():
            raise SignedNoteError()
        super().save(*args, **kwargs)

    @property
    def label(self) -> str:
        return RATINGS.get(self.rating, "")


class AddendumQuerySet(models.QuerySet["Addendum"]):
    def update(self, **kwargs: Any) -> int:
        raise SignedNoteError("Addenda never change.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise SignedNoteError("Addenda never change.")


class Addendum(models.Model):
    """A later change to a signed note: its own author and time, itself never changed."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    note = models.ForeignKey(ProgressNote, on_delete=models.PROTECT, related_name="addenda")
    text = models.TextField()
    # Goals a note signed before the plan was in force is linked to later, each as it read
    # then: [{"goal", "lineage", "statement", "rating", "label"}]. Values, not foreign keys,
    # so the addendum stays as written (append-only) whatever happens to the plan later.
    goal_links = models.JSONField(null=True, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = AddendumQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name_plural = "addenda"

    def __str__(self) -> str:
        return f"addendum {self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise SignedNoteError("Addenda never change.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise SignedNoteError("Addenda never change.")


class NotePreference(models.Model):
    """The note format a clinician last chose: their next note opens in it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="note_preference"
    )
    note_format = models.CharField(max_length=10, choices=NoteFormat.choices)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.note_format
