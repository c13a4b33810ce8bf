"""Writes to client records: one function per use case, atomic, audited."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from trellis.accounts.models import User
from trellis.audit.actor import Actor
from trellis.audit.models import AuditAction
from trellis.audit.services import record
from trellis.clients.models import (
    CareTeamMember,
    Client,
    ClientStatus,
    Diagnosis,
    DiagnosisStatus,
    EmergencyContact,
)
from trellis.concurrency import check_version, require_version, versioned_update
from trellis.core import icd10
from trellis.measures.models import Administration
from trellis.plans.models import PlanSignature, PlanStatus, Problem
from trellis.plans.services import PlanLockedError, plan_item_update

CLIENT_FIELDS = (
    "first_name",
    "last_name",
    "preferred_name",
    "date_of_birth",
    "pronouns",
    "gender_identity",
    "sex_at_birth",
    "preferred_language",
    "interpreter_needed",
    "email",
    "phone",
    "address",
    "presenting_problem",
    "psychosocial_history",
    "medical_history",
    "substance_use_history",
    "treatment_history",
    "strengths",
    "barriers",
    "cultural_considerations",
    "religious_considerations",
    "status",
)
DIAGNOSIS_FIELDS = ("status", "is_primary", "onset_date", "notes")


def _require_practice(actor: Actor) -> None:
    if actor.user.practice_id is None:
        raise ValidationError("Only staff of a practice can record clients.")


def _validate_birth_date(born: date | None) -> None:
    if born is not None and born > timezone.localdate():
        raise ValidationError({"date_of_birth": "The date of birth is in the future."})


def _validate_team(actor: Actor, members: Sequence[User]) -> None:
    outsiders = [m for m in members if m.practice_id != actor.user.practice_id or not m.is_active]
    if outsiders:
        raise ValidationError(
            {"care_team": "Care team members must be active staff of this practice."}
        )
    if not members:
        raise ValidationError(
            {"care_team": "A client needs at least one clinician on the care team."}
        )


@transaction.atomic
def client_create(
    *, actor: Actor, data: Mapping[str, Any], care_team: Sequence[User] | None = None
) -> Client:
    _require_practice(actor)
    _validate_birth_date(data.get("date_of_birth"))
    team = list(care_team) if care_team else [actor.user]
    _validate_team(actor, team)
    values = {name: data[name] for name in CLIENT_FIELDS if name in data}
    client = Client(practice_id=actor.user.practice_id, **values)
    client.full_clean()
    client.save()
    for index, member in enumerate(team):
        CareTeamMember.objects.create(client=client, user=member, is_primary=index == 0)
    record(actor, AuditAction.CREATE, client=client, obj=client, detail={"fields": sorted(values)})
    return client


def _refuse_discharge_with_open_critical_items(client: Client) -> None:
    """A discharge must not be the way a risk answer leaves every caseload unanswered."""
    open_items = Administration.objects.filter(
        client=client, is_critical=True, voided_at=None, critical_response__isnull=True
    ).order_by("administered_at")
    first = open_items.first()
    if first is not None:
        given = timezone.localdate(first.administered_at).isoformat()
        raise ValidationError(
            {
                "status": f"{first.instrument_name} of {given} has an open critical item: "
                "record the clinical response on the measure before discharging."
            }
        )


@transaction.atomic
def client_update(
    *, actor: Actor, client: Client, data: Mapping[str, Any], expected_version: int
) -> list[str]:
    _validate_birth_date(data.get("date_of_birth"))
    values = {name: data[name] for name in CLIENT_FIELDS if name in data}
    if values.get("status") == ClientStatus.DISCHARGED and client.status != ClientStatus.DISCHARGED:
        _refuse_discharge_with_open_critical_items(client)
        values["discharged_on"] = timezone.localdate()
    elif values.get("status") == ClientStatus.ACTIVE:
        values["discharged_on"] = None
    changed = versioned_update(client, values, expected_version=expected_version)
    if changed:
        Client.objects.filter(pk=client.pk).update(updated_at=timezone.now())
        record(actor, AuditAction.UPDATE, client=client, obj=client, detail={"fields": changed})
    return changed


@transaction.atomic
def client_set_care_team(
    *, actor: Actor, client: Client, members: Sequence[User], primary: User | None = None
) -> None:
    _validate_team(actor, members)
    primary = primary if primary in members else members[0]
    CareTeamMember.objects.filter(client=client).exclude(user__in=members).delete()
    existing = set(CareTeamMember.objects.filter(client=client).values_list("user_id", flat=True))
    for member in members:
        if member.pk not in existing:
            CareTeamMember.objects.create(client=client, user=member)
    CareTeamMember.objects.filter(client=client).update(is_primary=False)
    CareTeamMember.objects.filter(client=client, user=primary).update(is_primary=True)
    record(
        actor,
        AuditAction.UPDATE,
        client=client,
        object_type="care_team",
        object_id=str(client.pk),
        detail={"members": sorted(str(m.pk) for m in members)},
    )


@transaction.atomic
def emergency_contact_add(
    *, actor: Actor, client: Client, data: Mapping[str, Any]
) -> EmergencyContact:
    contact = EmergencyContact(client=client, **data)
    contact.full_clean()
    contact.save()
    record(actor, AuditAction.CREATE, client=client, obj=contact)
    return contact


@transaction.atomic
def emergency_contact_remove(*, actor: Actor, contact: EmergencyContact) -> None:
    client = contact.client
    record(actor, AuditAction.DELETE, client=client, obj=contact)
    contact.delete()


def _icd_code(code: str) -> icd10.Icd10Code:
    found = icd10.lookup(code)
    if found is None:
        raise ValidationError({"code": f"{code!r} is not an ICD-10-CM code Trellis knows."})
    if not found.billable:
        raise ValidationError(
            {"code": f"{found.code} is a category heading: choose a complete (billable) code."}
        )
    return found


def _only_primary(diagnosis: Diagnosis) -> None:
    Diagnosis.objects.filter(client_id=diagnosis.client_id, is_primary=True).exclude(
        pk=diagnosis.pk
    ).update(is_primary=False)


@transaction.atomic
def diagnosis_add(
    *,
    actor: Actor,
    client: Client,
    code: str,
    status: str = DiagnosisStatus.ACTIVE,
    is_primary: bool = False,
    onset_date: date | None = None,
    notes: str = "",
) -> Diagnosis:
    found = _icd_code(code)
    if onset_date is not None and onset_date > timezone.localdate():
        raise ValidationError({"onset_date": "The onset date is in the future."})
    diagnosis = Diagnosis(
        client=client,
        code=found.code,
        description=found.description,
        status=status,
        is_primary=is_primary,
        onset_date=onset_date,
        notes=notes,
        diagnosed_by=actor.user,
    )
    diagnosis.full_clean()
    diagnosis.save()
    if is_primary:
        _only_primary(diagnosis)
    record(actor, AuditAction.CREATE, client=client, obj=diagnosis, detail={"code": found.code})
    return diagnosis


@transaction.atomic
def diagnosis_update(
    *, actor: Actor, diagnosis: Diagnosis, data: Mapping[str, Any], expected_version: int
) -> list[str]:
    values = {name: data[name] for name in DIAGNOSIS_FIELDS if name in data}
    onset = values.get("onset_date")
    if onset is not None and onset > timezone.localdate():
        raise ValidationError({"onset_date": "The onset date is in the future."})
    if "status" in values and values["status"] not in DiagnosisStatus.values:
        raise ValidationError({"status": f"Choose one of {', '.join(DiagnosisStatus.values)}."})
    changed = versioned_update(diagnosis, values, expected_version=expected_version)
    if values.get("is_primary"):
        _only_primary(diagnosis)
    if changed:
        record(
            actor,
            AuditAction.UPDATE,
            client=diagnosis.client,
            obj=diagnosis,
            detail={"fields": changed},
        )
    return changed


class DiagnosisInUseError(PlanLockedError):
    """Removing the diagnosis would change a plan that is a record (signed, superseded or
    closed): such a diagnosis is resolved or ruled out instead."""


SIGNED_PLAN_USES_DIAGNOSIS = (
    "This diagnosis is used by a signed plan: resolve it or rule it out instead."
)


@transaction.atomic
def diagnosis_remove(*, actor: Actor, diagnosis: Diagnosis, expected_version: int | None) -> None:
    """For a diagnosis entered in error; a real one is resolved or ruled out instead.

    A draft or active plan still being written loses the link (each problem's edit is
    audited, as if the clinician had unlinked it); a signed, superseded or closed plan is
    a record that names the diagnosis, so the removal is refused before anything is
    written. ``expected_version`` is required: a blind removal would drop a colleague's
    edit saved a moment before."""
    check_version(diagnosis, require_version(expected_version))
    problems = _problems_naming(diagnosis)
    _refuse_if_a_record_names_it(problems)
    for problem in problems:
        plan_item_update(
            actor=actor, item=problem, data={"diagnosis": None}, expected_version=problem.version
        )
    record(
        actor,
        AuditAction.DELETE,
        client=diagnosis.client,
        obj=diagnosis,
        detail={"code": diagnosis.code},
    )
    diagnosis.delete()


def _problems_naming(diagnosis: Diagnosis) -> list[Problem]:
    """The problems linked to the diagnosis, with their plan and whether it is signed."""
    signed = PlanSignature.objects.filter(plan_id=OuterRef("plan_id"))
    rows = Problem.objects.filter(diagnosis=diagnosis).select_related("plan")
    return list(rows.annotate(plan_signed=Exists(signed)).order_by("plan__created_at", "pk"))


def _refuse_if_a_record_names_it(problems: Sequence[Problem]) -> None:
    if any(problem.plan_signed for problem in problems):  # type: ignore[attr-defined]
        raise DiagnosisInUseError(SIGNED_PLAN_USES_DIAGNOSIS)
    for problem in problems:
        if problem.plan.status not in (PlanStatus.DRAFT, PlanStatus.ACTIVE):
            status = problem.plan.get_status_display().lower()
            raise DiagnosisInUseError(
                f"This diagnosis is used by a {status} plan, kept as a record: "
                "resolve it or rule it out instead."
            )
