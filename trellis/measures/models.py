"""Administrations of outcome measures, responses to critical items, and a practice's own
instruments. Instruments themselves are data (``trellis/data/instruments``), not rows."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from trellis.accounts.dates import format_day, format_moment


class AdministrationMode(models.TextChoices):
    IN_SESSION = "in_session", "In session"
    PAPER = "paper", "Paper form entered later"


class AdministrationQuerySet(models.QuerySet["Administration"]):
    def valid(self) -> AdministrationQuerySet:
        """Not entered in error: what the record holds, scored or not."""
        return self.filter(voided_at=None)

    def scored(self) -> AdministrationQuerySet:
        """Valid and with a total: what every number, chart and target is judged on."""
        return self.filter(voided_at=None, total__isnull=False)


class Administration(models.Model):
    """One completed questionnaire: the answers as given and what scoring made of them.

    The score is stored as computed at the time (with the instrument's version of the
    rules) so that history never changes under a clinician's feet.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, related_name="administrations"
    )
    instrument_id = models.CharField(max_length=60)
    instrument_name = models.CharField(max_length=200)
    answers = models.JSONField(help_text="Item answers in item order; null where unanswered.")
    # None when the answers cannot be scored but hold a critical answer: that answer is
    # kept and alerts; the administration takes no part in any number.
    total = models.FloatField(null=True, blank=True)
    unscored_reason = models.CharField(max_length=300, blank=True)
    subscales = models.JSONField(default=dict, blank=True)
    severity = models.CharField(max_length=100, blank=True)
    subscale_severity = models.JSONField(default=dict, blank=True)
    flags = models.JSONField(default=list, blank=True)
    # A critical item was answered positively (PHQ-9 item 9, ASQ): shown until responded to.
    is_critical = models.BooleanField(default=False)
    prorated = models.JSONField(default=list, blank=True)
    # What scoring knew of the client (sex at birth, age on the day) and what it said it
    # could not choose, e.g. "Sex assigned at birth is not recorded, so each is applied..."
    scored_for = models.JSONField(default=dict, blank=True)
    score_notes = models.JSONField(default=list, blank=True)
    mode = models.CharField(
        max_length=20, choices=AdministrationMode.choices, default=AdministrationMode.IN_SESSION
    )
    # A historical score entered as its total alone (an old chart, a referral letter): no
    # item answers, so no critical item could be checked. It counts as a score everywhere
    # and is labelled "total only" wherever it is shown.
    total_only = models.BooleanField(default=False)
    # Answers to questions the manual asks but does not score (PHQ-9 / GAD-7 "how
    # difficult have these problems made it..."), keyed by the question's id.
    unscored_answers = models.JSONField(default=dict, blank=True)
    administered_at = models.DateTimeField(default=timezone.now)
    administered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    notes = models.TextField(blank=True)
    voided_at = models.DateTimeField(null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    void_reason = models.CharField(max_length=300, blank=True)

    objects = AdministrationQuerySet.as_manager()

    class Meta:
        ordering = ["administered_at", "recorded_at"]
        indexes = [
            models.Index(fields=["client", "instrument_id", "administered_at"]),
            models.Index(fields=["client", "is_critical"]),
        ]

    def __str__(self) -> str:
        return f"{self.instrument_id} {format_day(self.administered_at)}"

    @property
    def total_display(self) -> str:
        return "not scored" if self.total is None else f"{self.total:g}"

    @property
    def is_scored(self) -> bool:
        return self.total is not None

    @property
    def given_on_display(self) -> str:
        """A paper form's day (the hour is not known); an in-session one's date and time;
        both in the practice's date style (``trellis.accounts.dates``)."""
        if self.mode == AdministrationMode.PAPER:
            return format_day(self.administered_at)
        return format_moment(self.administered_at)


class CriticalAction(models.TextChoices):
    ASSESSED = "assessed", "Risk assessed in session"
    SAFETY_PLAN = "safety_plan", "Safety plan made or reviewed"
    CRISIS_LINE = "crisis_line", "Crisis line (988) given"
    EMERGENCY_CONTACT = "emergency_contact", "Emergency contact called"
    SUPERVISOR = "supervisor", "Supervisor consulted"
    REFERRED = "referred", "Referred for urgent or emergency evaluation"
    EMERGENCY = "emergency", "Emergency services contacted"
    NOT_CLINICAL = "not_clinical", "Reviewed: answer not indicative of risk"


class CriticalResponse(models.Model):
    """A clinician's response to a positive critical item; until one exists, it stays shown."""

    administration = models.OneToOneField(
        Administration, on_delete=models.PROTECT, related_name="critical_response"
    )
    # The first of ``actions``, kept so that older readers of one action still work.
    action = models.CharField(max_length=20, choices=CriticalAction.choices)
    # Everything that was done, in the order of CriticalAction (at least one).
    actions = models.JSONField(default=list)
    note = models.TextField()
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    responded_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{'; '.join(self.action_labels)} {format_day(self.responded_at)}"

    @property
    def action_labels(self) -> list[str]:
        """Each action in words; a response saved before several were allowed has one."""
        labels = dict(CriticalAction.choices)
        return [str(labels.get(code, code)) for code in (self.actions or [self.action])]


class CustomInstrument(models.Model):
    """A practice's own instrument, kept as the file it was uploaded as (our YAML format or
    a FHIR R4 Questionnaire) and parsed by the same loader as the shipped ones."""

    class Format(models.TextChoices):
        YAML = "yaml", "Trellis instrument file (YAML)"
        FHIR = "fhir", "FHIR R4 Questionnaire (JSON)"

    practice = models.ForeignKey(
        "accounts.Practice", on_delete=models.PROTECT, related_name="instruments"
    )
    instrument_id = models.CharField(max_length=60)
    name = models.CharField(max_length=200)
    file_name = models.CharField(max_length=200)
    format = models.CharField(max_length=10, choices=Format.choices)
    source = models.TextField()
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)
    is_active = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "instrument_id"], name="unique_instrument_per_practice"
            )
        ]

    def __str__(self) -> str:
        return f"{self.instrument_id} ({self.practice})"


class MeasureSchedule(models.Model):
    """How often a plan gives an instrument; the dashboard says when one is due."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(
        "plans.TreatmentPlan", on_delete=models.CASCADE, related_name="measure_schedule"
    )
    instrument_id = models.CharField(max_length=60)
    every_weeks = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["instrument_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "instrument_id"], name="one_schedule_per_instrument"
            ),
            models.CheckConstraint(
                condition=models.Q(every_weeks__gte=1, every_weeks__lte=52),
                name="schedule_every_1_to_52_weeks",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument_id} every {self.every_weeks} weeks"
