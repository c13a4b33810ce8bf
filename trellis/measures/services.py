"""Writes of measurement data: one function per clinical action, atomic, audited."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from trellis.accounts.permissions import Permission, require
from trellis.audit.actor import Actor
from trellis.audit.models import AuditAction
from trellis.audit.services import record
from trellis.clients.models import Client
from trellis.core.datafile import DecodeError, decode_json
from trellis.core.measures import (
    AnswerError,
    Instrument,
    InstrumentFileError,
    Respondent,
    ScoreResult,
    builtin_instruments,
    critical_answers,
    find_instrument,
    score,
    score_total,
)
from trellis.core.measures.lookalike import missing_critical_items
from trellis.core.measures.schema import RecordedSex
from trellis.measures.models import (
    Administration,
    AdministrationMode,
    CriticalAction,
    CriticalResponse,
    CustomInstrument,
    MeasureSchedule,
)
from trellis.measures.registry import instruments_for, parse_cached

if TYPE_CHECKING:  # a schedule belongs to a plan, which sits above the measures
    from trellis.plans.models import TreatmentPlan

CLOCK_SKEW = timedelta(minutes=5)


def _check_when(client: Client, when: datetime) -> None:
    if when > timezone.now() + CLOCK_SKEW:
        raise ValidationError({"administered_at": "The date and time are in the future."})
    born = client.date_of_birth
    if born is not None and timezone.localdate(when) < born:
        raise ValidationError({"administered_at": "The date is before the client was born."})


def respondent_for(client: Client, when: datetime) -> Respondent:
    """Sex at birth and age on the day of the administration, for sex/age-specific cut-offs.

    "unknown" and a blank both mean the record does not say; scoring then applies every
    cut-off that could fit and notes that the sex is missing, rather than picking one.
    """
    sex = _RECORDED_SEXES.get(client.sex_at_birth, "unknown")
    age = client.age_on(timezone.localdate(when)) if client.date_of_birth else None
    return Respondent(sex=sex, age=age)


_RECORDED_SEXES: dict[str, RecordedSex] = {
    "female": "female",
    "male": "male",
    "intersex": "intersex",
}


def critical_flags(instrument: Instrument, flags: Sequence[str]) -> list[str]:
    """The flags that come from critical items (not from ordinary cut-offs)."""
    critical = {item.flag for item in instrument.critical}
    return [flag for flag in flags if flag in critical]


@transaction.atomic
def administration_record(
    *,
    actor: Actor,
    client: Client,
    instrument: Instrument,
    answers: Sequence[int | None],
    administered_at: datetime | None = None,
    mode: str = AdministrationMode.IN_SESSION,
    notes: str = "",
    unscored_answers: Mapping[str, int] | None = None,
) -> Administration:
    """Score the answers exactly as the manual says and keep both; refuse what can't score,
    unless it holds a positive critical answer: that is recorded without a total (and
    alerts), so a risk answer is never lost to a blank item elsewhere. Answers to the
    questions outside the score (the PHQ-9's difficulty question) are kept beside them."""
    when = administered_at or timezone.now()
    _check_when(client, when)
    extra = _checked_unscored(instrument, unscored_answers or {})
    given = list(answers)
    respondent = respondent_for(client, when)
    try:
        result = score(instrument, given, respondent)
    except AnswerError as error:
        critical = _critical_answers(instrument, given)
        if not critical:
            raise ValidationError({"answers": str(error)}) from error
        fields = _unscored_fields(critical, str(error))
    else:
        fields = scored_fields(instrument, result)
    administration = Administration.objects.create(
        client=client,
        instrument_id=instrument.id,
        instrument_name=instrument.name,
        answers=given,
        scored_for={"sex_at_birth": respondent.sex, "age": respondent.age},
        mode=mode,
        administered_at=when,
        administered_by=actor.user,
        notes=notes,
        unscored_answers=extra,
        **fields,
    )
    detail: dict[str, object] = {"instrument": instrument.id, "mode": mode}
    if administration.total is None:
        detail["scored"] = False
    record(actor, AuditAction.CREATE, client=client, obj=administration, detail=detail)
    return administration


@transaction.atomic
def administration_record_total(
    *,
    actor: Actor,
    client: Client,
    instrument: Instrument,
    total: float,
    administered_at: datetime,
    notes: str,
) -> Administration:
    """Keep a historical score whose answers are not known (an old chart, a referral
    letter). It counts as a score for charts, change and targets, is marked "total only"
    wherever it is shown, and says that no critical item could be checked."""
    _check_when(client, administered_at)
    if not notes.strip():
        raise ValidationError({"notes": "Say where the score comes from."})
    respondent = respondent_for(client, administered_at)
    try:
        result = score_total(instrument, total, respondent)
    except AnswerError as error:
        raise ValidationError({"total": str(error)}) from error
    administration = Administration.objects.create(
        client=client,
        instrument_id=instrument.id,
        instrument_name=instrument.name,
        answers=[None] * len(instrument.items),
        scored_for={"sex_at_birth": respondent.sex, "age": respondent.age},
        mode=AdministrationMode.PAPER,
        total_only=True,
        administered_at=administered_at,
        administered_by=actor.user,
        notes=notes.strip(),
        **scored_fields(instrument, result),
    )
    detail = {"instrument": instrument.id, "mode": AdministrationMode.PAPER, "total_only": True}
    record(actor, AuditAction.CREATE, client=client, obj=administration, detail=detail)
    return administration


def _checked_unscored(instrument: Instrument, given: Mapping[str, int]) -> dict[str, int]:
    """Each answer to a question outside the score must be one of that question's options."""
    questions = {q.id: q for q in instrument.unscored}
    for key, value in given.items():
        question = questions.get(key)
        if question is None:
            known = ", ".join(questions) or "none"
            raise ValidationError(
                {"unscored_answers": f"{instrument.id} has no question {key!r} (has: {known})."}
            )
        if isinstance(value, bool) or not isinstance(value, int) or question.option(value) is None:
            values = ", ".join(str(o.value) for o in question.options)
            raise ValidationError(
                {"unscored_answers": f"{key}: {value!r} is not one of its options ({values})."}
            )
    return dict(given)


def _critical_answers(instrument: Instrument, answers: list[int | None]) -> tuple[str, ...]:
    try:
        return critical_answers(instrument, answers)
    except AnswerError as error:  # a value that is no option: refused whatever it says
        raise ValidationError({"answers": str(error)}) from error


def scored_fields(instrument: Instrument, result: ScoreResult) -> dict[str, object]:
    """The columns a scored administration stores; the bench's bulk rows use the same."""
    return {
        "total": result.total,
        "subscales": dict(result.subscales),
        "severity": result.severity or "",
        "subscale_severity": {k: v or "" for k, v in result.subscale_severity.items()},
        "flags": list(result.flags),
        "is_critical": bool(critical_flags(instrument, result.flags)),
        "prorated": list(result.prorated),
        "score_notes": list(result.notes),
    }


def _unscored_fields(critical: tuple[str, ...], reason: str) -> dict[str, object]:
    return {
        "total": None,
        "unscored_reason": reason[:300],
        "flags": list(critical),
        "is_critical": True,
    }


@transaction.atomic
def critical_response_record(
    *,
    actor: Actor,
    administration: Administration,
    note: str,
    actions: Sequence[str] = (),
    action: str = "",
) -> CriticalResponse:
    """A clinician says what was done about a positive critical item (one or several
    actions: safety plan reviewed, crisis line given, supervisor consulted...); the flag
    then clears. ``action`` is the one-action form older callers use."""
    if not administration.is_critical:
        raise ValidationError("This administration raised no critical item.")
    chosen = [*actions, *([action] if action else [])]
    unknown = [code for code in chosen if code not in CriticalAction.values]
    if unknown or not chosen:
        field = "actions" if actions or not action else "action"
        raise ValidationError({field: "Tick at least one of the listed actions."})
    ordered = [code for code in CriticalAction.values if code in chosen]
    if not note.strip():
        raise ValidationError({"note": "Say what was done and what was decided."})
    try:
        with transaction.atomic():
            response = CriticalResponse.objects.create(
                administration=administration,
                action=ordered[0],
                actions=ordered,
                note=note.strip(),
                responded_by=actor.user,
            )
    except IntegrityError:
        raise ValidationError("A response to this critical item was already recorded.") from None
    record(
        actor,
        AuditAction.UPDATE,
        client=administration.client,
        obj=response,
        detail={"administration": str(administration.pk), "actions": ordered},
    )
    return response


@transaction.atomic
def administration_void(*, actor: Actor, administration: Administration, reason: str) -> None:
    """Mark an administration entered in error: kept for the record, left out of every score."""
    if administration.voided_at is not None:
        raise ValidationError("This administration is already marked as entered in error.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why it was entered in error."})
    if (
        administration.is_critical
        and not CriticalResponse.objects.filter(administration=administration).exists()
    ):
        # Voiding would take the alert off every caseload with nobody having acted on it.
        raise ValidationError(
            "This administration has an open critical item: record the clinical response "
            "first, then mark it entered in error."
        )
    updated = Administration.objects.filter(pk=administration.pk, voided_at=None).update(
        voided_at=timezone.now(), voided_by=actor.user, void_reason=reason.strip()[:300]
    )
    if not updated:
        raise ValidationError("This administration is already marked as entered in error.")
    record(
        actor,
        AuditAction.UPDATE,
        client=administration.client,
        obj=administration,
        detail={"fields": ["voided_at", "void_reason"]},
    )


def _format(source: str) -> str:
    try:
        data = decode_json(source)
    except DecodeError:
        return CustomInstrument.Format.YAML
    if isinstance(data, dict) and data.get("resourceType") == "Questionnaire":
        return CustomInstrument.Format.FHIR
    return CustomInstrument.Format.YAML


@transaction.atomic
def custom_instrument_add(*, actor: Actor, file_name: str, source: str) -> CustomInstrument:
    """A practice admin adds an instrument file; it is validated exactly as shipped ones are."""
    require(actor, Permission.ADD_PRACTICE_INSTRUMENT)
    practice_id = actor.practice_id
    try:
        instrument = parse_cached(source, file_name)
    except InstrumentFileError as error:
        raise ValidationError({"file": str(error)}) from error
    unsafe = missing_critical_items(instrument, builtin_instruments().values())
    if unsafe is not None:
        raise ValidationError({"file": f"{file_name}: critical: {unsafe}"})
    clash = find_instrument(instruments_for(practice_id), instrument.id)
    if clash is not None:
        taken = f"{instrument.id!r} is already an instrument here ({clash.id})."
        raise ValidationError({"file": f"{file_name}: id: {taken}"})
    row = CustomInstrument.objects.create(
        practice_id=practice_id,
        instrument_id=instrument.id,
        name=instrument.name,
        file_name=file_name,
        format=_format(source),
        source=source,
        added_by=actor.user,
    )
    record(actor, AuditAction.CREATE, obj=row, detail={"instrument": instrument.id})
    return row


@transaction.atomic
def schedule_set(
    *, actor: Actor, plan: TreatmentPlan, instrument: Instrument, every_weeks: int
) -> MeasureSchedule:
    """Give ``instrument`` every N weeks under this plan (replaces any earlier interval)."""
    if not 1 <= every_weeks <= 52:
        raise ValidationError({"every_weeks": "Choose every 1 to 52 weeks."})
    row, _ = MeasureSchedule.objects.update_or_create(
        plan=plan, instrument_id=instrument.id, defaults={"every_weeks": every_weeks}
    )
    record(
        actor,
        AuditAction.UPDATE,
        client=plan.client,
        obj=row,
        detail={"plan": str(plan.pk), "instrument": instrument.id, "every_weeks": every_weeks},
    )
    return row


@transaction.atomic
def schedule_remove(*, actor: Actor, row: MeasureSchedule) -> None:
    record(
        actor,
        AuditAction.DELETE,
        client=row.plan.client,
        obj=row,
        detail={"plan": str(row.plan_id), "instrument": row.instrument_id},
    )
    row.delete()
