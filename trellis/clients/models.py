"""Clients, their intake, emergency contacts, diagnoses and care team."""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from trellis.core.onset import Onset, Precision, from_stored


class ClientStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    DISCHARGED = "discharged", "Discharged"


class SexAtBirth(models.TextChoices):
    """Sex assigned at birth: only used where a published cut-off differs by it (AUDIT-C)."""

    FEMALE = "female", "Female"
    MALE = "male", "Male"
    INTERSEX = "intersex", "Intersex"
    UNKNOWN = "unknown", "Unknown or not recorded"


class Education(models.TextChoices):
    """Highest level of education completed, in broad steps a clinician can ask about."""

    NONE_COMPLETED = "none", "No formal schooling completed"
    PRIMARY = "primary", "Primary or middle school"
    SECONDARY = "secondary", "High school or equivalent"
    VOCATIONAL = "vocational", "Vocational or trade qualification"
    SOME_COLLEGE = "some_college", "Some college, no degree"
    ASSOCIATE = "associate", "Associate degree"
    BACHELOR = "bachelor", "Bachelor's degree"
    GRADUATE = "graduate", "Master's, doctorate or professional degree"
    UNKNOWN = "unknown", "Not recorded"


class RelationshipStatus(models.TextChoices):
    SINGLE = "single", "Single"
    DATING = "dating", "In a relationship, not living together"
    PARTNERED = "partnered", "Living with a partner"
    MARRIED = "married", "Married or civil partnership"
    SEPARATED = "separated", "Separated"
    DIVORCED = "divorced", "Divorced"
    WIDOWED = "widowed", "Widowed"
    OTHER = "other", "Other"
    UNKNOWN = "unknown", "Not recorded"


class IdeationAtIntake(models.TextChoices):
    """Thoughts of ending one's life (or of harming someone) as screened at intake."""

    NOT_ASSESSED = "not_assessed", "Not assessed"
    DENIED = "denied", "Denied"
    PASSIVE = "passive", "Passive thoughts (e.g. wishing not to wake up), no intent"
    ACTIVE_NO_PLAN = "active_no_plan", "Active thoughts, no plan or intent"
    ACTIVE_PLAN = "active_plan", "Active thoughts with a plan or intent"


class SelfHarmHistory(models.TextChoices):
    NOT_ASSESSED = "not_assessed", "Not assessed"
    NONE = "none", "None reported"
    PAST = "past", "In the past, not in the last 12 months"
    RECENT = "recent", "In the last 12 months"


class Client(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    practice = models.ForeignKey(
        "accounts.Practice", on_delete=models.PROTECT, related_name="clients"
    )
    # The practice's own client number: 1, 2, 3... in the order clients were recorded,
    # assigned by the service (``clients.numbers``), never typed.
    number = models.PositiveIntegerField("client number", editable=False)
    # Demographics
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField()
    pronouns = models.CharField(max_length=50, blank=True)
    gender_identity = models.CharField(max_length=100, blank=True)
    # Distinct from gender identity: some screening cut-offs were validated by sex at birth.
    sex_at_birth = models.CharField(
        "sex assigned at birth",
        max_length=10,
        choices=SexAtBirth.choices,
        default=SexAtBirth.UNKNOWN,
        blank=True,
        help_text="Used only to choose the published cut-off where it differs by sex "
        "(AUDIT-C, AUDIT). Leave unknown if not recorded: both cut-offs are then shown.",
    )
    preferred_language = models.CharField(max_length=100, blank=True, default="English")
    interpreter_needed = models.BooleanField(default=False)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)
    occupation = models.CharField(max_length=100, blank=True)
    education = models.CharField(
        max_length=20, choices=Education.choices, default=Education.UNKNOWN, blank=True
    )
    relationship_status = models.CharField(
        max_length=20,
        choices=RelationshipStatus.choices,
        default=RelationshipStatus.UNKNOWN,
        blank=True,
    )
    # Intake
    first_session_date = models.DateField("first session", null=True, blank=True)
    referral_source = models.CharField(
        max_length=200, blank=True, help_text="Who referred the client, or self-referral."
    )
    presenting_problem = models.TextField(blank=True)
    psychosocial_history = models.TextField(blank=True)
    medical_history = models.TextField(blank=True)
    current_medications = models.TextField(
        blank=True, help_text="Name, dose and what it is for, one a line."
    )
    prescriber = models.CharField(max_length=200, blank=True)
    primary_care_provider = models.CharField(max_length=200, blank=True)
    family_psychiatric_history = models.TextField(blank=True)
    substance_use_history = models.TextField(blank=True)
    treatment_history = models.TextField(blank=True)
    strengths = models.TextField(blank=True)
    barriers = models.TextField(blank=True)
    cultural_considerations = models.TextField(blank=True)
    religious_considerations = models.TextField(blank=True)
    # Risk screening at intake: what was asked and said on the day, not a risk score.
    suicidal_ideation = models.CharField(
        max_length=20,
        choices=IdeationAtIntake.choices,
        default=IdeationAtIntake.NOT_ASSESSED,
        blank=True,
    )
    homicidal_ideation = models.CharField(
        max_length=20,
        choices=IdeationAtIntake.choices,
        default=IdeationAtIntake.NOT_ASSESSED,
        blank=True,
    )
    self_harm_history = models.CharField(
        "self-harm history",
        max_length=20,
        choices=SelfHarmHistory.choices,
        default=SelfHarmHistory.NOT_ASSESSED,
        blank=True,
    )
    risk_notes = models.TextField("risk screening notes", blank=True)
    # Care
    care_team = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="CareTeamMember", related_name="caseload"
    )
    status = models.CharField(
        max_length=20, choices=ClientStatus.choices, default=ClientStatus.ACTIVE
    )
    discharged_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["practice", "last_name", "first_name"])]
        constraints = [
            models.UniqueConstraint(fields=["practice", "number"], name="unique_client_number")
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        first = self.preferred_name or self.first_name
        return f"{first} {self.last_name}"

    def age_on(self, day: date) -> int:
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    @property
    def age(self) -> int:
        """Age in whole years today (the deployment's time zone)."""
        return self.age_on(timezone.localdate())

    @property
    def risk_reported_at_intake(self) -> bool:
        """Whether intake screening recorded any ideation or recent self-harm."""
        screened = (self.suicidal_ideation, self.homicidal_ideation)
        quiet = {IdeationAtIntake.NOT_ASSESSED, IdeationAtIntake.DENIED}
        return any(v not in quiet for v in screened) or (
            self.self_harm_history == SelfHarmHistory.RECENT
        )


class ClientNumberCounter(models.Model):
    """The last client number a practice gave out: one row per practice, raised by an
    UPDATE that locks it, so two clients recorded at once never share a number."""

    practice = models.OneToOneField(
        "accounts.Practice", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"client numbers of practice {self.practice_id}: last {self.last}"


class CareTeamMember(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="team_members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="team_memberships"
    )
    is_primary = models.BooleanField(default=False)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["client", "user"], name="unique_care_team_member")
        ]

    def __str__(self) -> str:
        return f"care team member {self.user_id}"


class EmergencyContact(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="emergency_contacts")
    name = models.CharField(max_length=200)
    relationship = models.CharField(max_length=100, blank=True)
    phone = models.CharField(max_length=40)
    email = models.EmailField(blank=True)
    may_discuss_care = models.BooleanField(
        default=False, help_text="The client consented to share care details with this person."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class DiagnosisStatus(models.TextChoices):
    """A rule-out and a ruled-out diagnosis are opposites: "R/O F32.1" is a working
    hypothesis still being assessed (it may head a problem), "ruled out" means assessed and
    excluded (it may not)."""

    ACTIVE = "active", "Active"
    RULE_OUT = "rule_out", "Rule-out (R/O): still being assessed"
    RESOLVED = "resolved", "Resolved"
    RULED_OUT = "ruled_out", "Ruled out: assessed and excluded"


# Neither may be the primary diagnosis: outpatient coding does not code a "rule out" but
# what is certain at the visit, such as the symptoms (CDC/NCHS, ICD-10-CM Official
# Guidelines for Coding and Reporting, Section IV.H, "Uncertain diagnosis").
NOT_PRIMARY = {DiagnosisStatus.RULE_OUT, DiagnosisStatus.RULED_OUT}


def primary_refusal(status: str) -> str:
    if status == DiagnosisStatus.RULE_OUT:
        return (
            "A rule-out cannot be the primary diagnosis: until it is confirmed, code what is "
            "certain (ICD-10-CM outpatient guidelines, Section IV.H). Untick primary, or "
            "change the status to active once it is confirmed."
        )
    return "A ruled-out diagnosis cannot be the primary diagnosis: untick primary."


class Diagnosis(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="diagnoses")
    code = models.CharField(max_length=10)
    description = models.CharField(max_length=300)
    status = models.CharField(
        max_length=20, choices=DiagnosisStatus.choices, default=DiagnosisStatus.ACTIVE
    )
    is_primary = models.BooleanField(default=False)
    # The onset as entered ("2019", "March 2021", "childhood"), its precision, and the
    # first day it could have been (none for words only): see trellis/core/onset.py.
    onset_text = models.CharField("onset", max_length=100, blank=True)
    onset_precision = models.CharField(
        max_length=10, choices=[(p.value, p.value) for p in Precision], blank=True
    )
    onset_date = models.DateField(null=True, blank=True)
    diagnosed_on = models.DateField(default=timezone.localdate)
    diagnosed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    notes = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-is_primary", "status", "code"]
        verbose_name_plural = "diagnoses"

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        if self.is_primary and self.status in NOT_PRIMARY:
            raise ValidationError({"is_primary": primary_refusal(self.status)})

    @property
    def code_label(self) -> str:
        """The code as listed: "R/O F41.1" for a rule-out, so it never reads as a diagnosis
        made, and "F41.1 (ruled out)" for one excluded."""
        if self.status == DiagnosisStatus.RULE_OUT:
            return f"R/O {self.code}"
        if self.status == DiagnosisStatus.RULED_OUT:
            return f"{self.code} (ruled out)"
        return self.code

    @property
    def label(self) -> str:
        return f"{self.code_label} {self.description}"

    @property
    def onset(self) -> Onset | None:
        return from_stored(self.onset_text, self.onset_precision, self.onset_date)

    @property
    def onset_label(self) -> str:
        onset = self.onset
        return onset.label if onset else ""
