"""Writes to client records: one function per use case, atomic, audited."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from trellis.accounts.models import User
from trellis.audit.actor import Actor
from trellis.audit.models import AuditAction
from trellis.audit.services import record
from trellis.clients.codeset import code_table
from trellis.clients.discharge import discharge_refusal
from trellis.clients.models import (
    NOT_PRIMARY,
    CareTeamMember,
    Client,
    ClientStatus,
    Diagnosis,
    DiagnosisStatus,
    EmergencyContact,
    primary_refusal,
)
from trellis.clients.numbers import reserve_client_numbers
from trellis.concurrency import versioned_update
from trellis.core import icd10
from trellis.core.onset import OnsetError, parse_onset

CLIENT_FIELDS = (
    "first_name",
    "last_name",
    "preferred_name",
    "date_of_birth",
    "pronouns",
    "gender_identity",
    "sex_at_birth",
    "occupation",
    "education",
    "relationship_status",
    "preferred_language",
    "interpreter_needed",
    "email",
    "phone",
    "address",
    "first_session_date",
    "referral_source",
    "presenting_problem",
    "psychosocial_history",
    "medical_history",
    "current_medications",
    "prescriber",
    "primary_care_provider",
    "family_psychiatric_history",
    "substance_use_history",
    "treatment_history",
    "strengths",
    "barriers",
    "cultural_considerations",
    "religious_considerations",
    "suicidal_ideation",
    "homicidal_ideation",
    "self_harm_history",
    "risk_notes",
    "status",
)
DIAGNOSIS_FIELDS = ("status", "is_primary", "notes")


def _require_practice(actor: Actor) -> None:
    if actor.user.practice_id is None:
        raise ValidationError("Only staff of a practice can record clients.")


def _validate_dates(data: Mapping[str, Any], client: Client | None = None) -> None:
    """Neither a birth in the future nor a first session before the birth."""
    born = data.get("date_of_birth", client.date_of_birth if client else None)
    if "date_of_birth" in data and born is not None and born > timezone.localdate():
        raise ValidationError({"date_of_birth": "The date of birth is in the future."})
    first = data.get("first_session_date")
    if first is not None and born is not None and first < born:
        raise ValidationError(
            {"first_session_date": "The first session is before the date of birth."}
        )


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
    _validate_dates(data)
    team = list(care_team) if care_team else [actor.user]
    _validate_team(actor, team)
    values = {name: data[name] for name in CLIENT_FIELDS if name in data}
    # The number first: its UPDATE takes the write lock before any read (on SQLite a
    # read first could deadlock two parallel intakes). A refusal below rolls it back.
    number = reserve_client_numbers(actor.practice_id)[0]
    client = Client(practice_id=actor.practice_id, number=number, **values)
    client.full_clean()
    client.save()
    for index, member in enumerate(team):
        CareTeamMember.objects.create(client=client, user=member, is_primary=index == 0)
    record(
        actor,
        AuditAction.CREATE,
        client=client,
        obj=client,
        detail={"fields": sorted(values), "number": client.number},
    )
    return client


def _refuse_discharge(client: Client) -> None:
    """A discharge must not be the way an open matter (a risk answer) leaves every caseload."""
    reason = discharge_refusal(client)
    if reason:
        raise ValidationError({"status": reason})


@transaction.atomic
def client_update(
    *, actor: Actor, client: Client, data: Mapping[str, Any], expected_version: int | None
) -> list[str]:
    _validate_dates(data, client)
    values = {name: data[name] for name in CLIENT_FIELDS if name in data}
    if values.get("status") == ClientStatus.DISCHARGED and client.status != ClientStatus.DISCHARGED:
        _refuse_discharge(client)
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
    found = icd10.lookup(code, table=code_table())
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


def _onset_values(*, onset: str | None, onset_date: date | None, field: str) -> dict[str, object]:
    """The three onset columns from what was typed (``onset``) or, from the API, a
    full date (``onset_date``); the error names the field the user filled in."""
    if onset is None:
        if onset_date is None:
            return {"onset_text": "", "onset_precision": "", "onset_date": None}
        onset = onset_date.isoformat()
    try:
        parsed = parse_onset(onset, today=timezone.localdate())
    except OnsetError as error:
        raise ValidationError({field: str(error)}) from None
    if parsed is None:
        return {"onset_text": "", "onset_precision": "", "onset_date": None}
    return {
        "onset_text": parsed.text,
        "onset_precision": parsed.precision.value,
        "onset_date": parsed.start,
    }


@transaction.atomic
def diagnosis_add(
    *,
    actor: Actor,
    client: Client,
    code: str,
    status: str = DiagnosisStatus.ACTIVE,
    is_primary: bool = False,
    onset: str | None = None,
    onset_date: date | None = None,
    notes: str = "",
) -> Diagnosis:
    """``onset`` as typed ("2019", "childhood"); the API may give ``onset_date``."""
    found = _icd_code(code)
    field = "onset" if onset is not None else "onset_date"
    diagnosis = Diagnosis(
        client=client,
        code=found.code,
        description=found.description,
        status=status,
        is_primary=is_primary,
        notes=notes,
        diagnosed_by=actor.user,
        **_onset_values(onset=onset, onset_date=onset_date, field=field),
    )
    diagnosis.full_clean()
    diagnosis.save()
    if is_primary:
        _only_primary(diagnosis)
    record(actor, AuditAction.CREATE, client=client, obj=diagnosis, detail={"code": found.code})
    return diagnosis


@transaction.atomic
def diagnosis_update(
    *, actor: Actor, diagnosis: Diagnosis, data: Mapping[str, Any], expected_version: int | None
) -> list[str]:
    values = {name: data[name] for name in DIAGNOSIS_FIELDS if name in data}
    if "onset" in data:
        values.update(_onset_values(onset=data["onset"] or "", onset_date=None, field="onset"))
    elif "onset_date" in data:
        values.update(_onset_values(onset=None, onset_date=data["onset_date"], field="onset_date"))
    if "status" in values and values["status"] not in DiagnosisStatus.values:
        raise ValidationError({"status": f"Choose one of {', '.join(DiagnosisStatus.values)}."})
    status = values.get("status", diagnosis.status)
    if values.get("is_primary", diagnosis.is_primary) and status in NOT_PRIMARY:
        raise ValidationError({"is_primary": primary_refusal(status)})
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
