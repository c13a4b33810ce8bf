"""Signing a version of a plan: who may sign in which role, and the hash of exactly what
was signed.

The signed content is a canonical JSON document of the plan's own fields and its whole
tree in plan order (problems, goals, objectives, interventions, measure-linked targets),
without the bookkeeping that may still change on a signed version (status, review date,
row versions, times). Its SHA-256 is the ``content_hash``. The document layout is
``HASH_VERSION``: change what it covers only together with a new version name, so old
signatures can still be checked.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

from trellis.accounts.models import Role, User
from trellis.accounts.permissions import Permission, require
from trellis.audit.actor import Actor
from trellis.audit.models import AuditAction
from trellis.audit.services import record
from trellis.clients.models import CareTeamMember, Client
from trellis.clients.selectors import visible_clients
from trellis.plans.models import (
    PlanSignature,
    PlanStatus,
    SignatureRole,
    SupervisionRequirement,
    TreatmentPlan,
)
from trellis.plans.services import PLAN_FIELDS
from trellis.plans.versions import plan_tree

HASH_VERSION = "plan-v2"  # v2: a goal's target date and status, the means-safety fields
# The plan's own fields a signature covers: all but the review date, which a review must
# still be able to move. The order is part of the hash layout (HASH_VERSION).
PLAN_CONTENT = tuple(name for name in PLAN_FIELDS if name != "review_date")
SIGNABLE = {PlanStatus.DRAFT, PlanStatus.ACTIVE}


# --- What is signed ---------------------------------------------------------------------


def _value(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return value
    return value if value is None or isinstance(value, (int, str, bool)) else str(value)


def _fields(item: Any, names: Iterable[str]) -> dict[str, Any]:
    return {name: _value(getattr(item, name)) for name in names}


def _target(target: Any) -> dict[str, Any]:
    values = _fields(target, ("instrument_id", "subscale", "kind", "deadline"))
    values["value"] = None if target.value is None else float(target.value)
    values["baseline"] = _value(target.baseline_id)
    return values


def _objective(objective: Any) -> dict[str, Any]:
    return {
        **_fields(objective, ("statement", "target_date", "status")),
        "targets": [_target(t) for t in objective.targets.all()],
        "interventions": [
            _fields(i, ("modality", "description", "frequency", "delivered_by"))
            for i in objective.interventions.all()
        ],
    }


def _goal(goal: Any) -> dict[str, Any]:
    return {
        **_fields(goal, ("statement", "target_date", "status")),
        "targets": [_target(t) for t in goal.targets.all()],
        "objectives": [_objective(o) for o in goal.objectives.all()],
    }


def plan_content(plan: TreatmentPlan) -> dict[str, Any]:
    """The document a signature covers, from a plan fetched with its tree."""
    return {
        "hash_version": HASH_VERSION,
        "plan": str(plan.pk),
        "client": str(plan.client_id),
        "version_number": plan.version_number,
        "fields": _fields(plan, PLAN_CONTENT),
        "problems": [
            {
                **_fields(problem, ("title", "behavioral_definition")),
                "diagnosis": _value(problem.diagnosis_id),
                "goals": [_goal(g) for g in problem.goals.all()],
            }
            for problem in plan.problems.all()
        ],
    }


def canonical_json(content: dict[str, Any]) -> str:
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_hash(content: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(content).encode()).hexdigest()


def plan_hash(plan: TreatmentPlan) -> str:
    """The hash of the plan as it is now, from a plan fetched with its tree."""
    return content_hash(plan_content(plan))


# --- Who may sign -----------------------------------------------------------------------


def _on_care_team(user: User, client_id: object) -> bool:
    return CareTeamMember.objects.filter(client_id=client_id, user=user).exists()


def _name_key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _client_names(client: Client) -> set[str]:
    firsts = {client.first_name, client.preferred_name} - {""}
    return {_name_key(f"{first} {client.last_name}") for first in firsts}


def _check_role(
    actor: Actor,
    plan: TreatmentPlan,
    role: str,
    signed: dict[str, PlanSignature],
    signed_name: str,
    in_person: bool,
) -> str:
    """Refuse a signature the actor may not give; return the name to record."""
    user = actor.user
    if role in signed:
        raise ValidationError(f"This version already has a {role} signature.")
    if role == SignatureRole.SUPERVISOR:
        clinician = signed.get(SignatureRole.CLINICIAN)
        if clinician is None:
            raise ValidationError("The clinician signs first; the supervisor co-signs after.")
        if not user.supervisees.filter(pk=clinician.signer_id).exists():
            raise PermissionDenied("Only the clinician's supervisor co-signs their plans.")
        return user.display_name
    if not _on_care_team(user, plan.client_id):
        raise PermissionDenied("Only a member of the client's care team signs this plan.")
    if role == SignatureRole.CLINICIAN:
        return user.display_name
    if not in_person:
        raise ValidationError({"in_person": "Confirm that the client signed on this screen."})
    if _name_key(signed_name) not in _client_names(plan.client):
        raise ValidationError(
            {"signed_name": "Type the client's first and last name as on their record."}
        )
    return " ".join(signed_name.split())


@transaction.atomic
def plan_sign(
    *,
    actor: Actor,
    plan: TreatmentPlan,
    role: str,
    expected_hash: str,
    signed_name: str = "",
    in_person: bool = False,
) -> PlanSignature:
    """Sign this version as shown to the signer (``expected_hash``). The first signature
    freezes the version: from then on nothing of its content can change."""
    if role not in SignatureRole.values:
        raise ValidationError("Sign as the clinician, the client or the supervisor.")
    plan.check_signed(lock=True)
    fresh = plan_tree(plan)
    if fresh.status not in SIGNABLE:
        raise ValidationError("Only a draft or the plan in force is signed.")
    content = plan_content(fresh)
    digest = content_hash(content)
    if digest != expected_hash:
        raise ValidationError(
            "The plan changed since this page was opened: read it again before signing."
        )
    signed = {s.role: s for s in PlanSignature.objects.filter(plan=fresh)}
    name = _check_role(actor, fresh, role, signed, signed_name, in_person)
    now = timezone.now()
    if not signed:
        TreatmentPlan.objects.filter(pk=fresh.pk, signed_at__isnull=True).update(signed_at=now)
        plan.signed_at = now
    signature = PlanSignature(
        plan=fresh,
        role=role,
        signer=actor.user,
        signed_name=name,
        in_person=role == SignatureRole.CLIENT,
        signed_at=now,
        hash_version=HASH_VERSION,
        content_hash=digest,
        content=content,
        ip=actor.ip,
    )
    signature.save()
    record(
        actor,
        AuditAction.CREATE,
        client=fresh.client,
        obj=signature,
        detail={"plan": str(fresh.pk), "role": role, "content_hash": digest},
    )
    return signature


# --- Reading signatures -----------------------------------------------------------------


@dataclass(frozen=True)
class SignatureState:
    """A version's signatures and what is still missing."""

    signatures: list[PlanSignature]
    cosign_required: bool

    def by_role(self, role: str) -> PlanSignature | None:
        return next((s for s in self.signatures if s.role == role), None)

    @property
    def clinician(self) -> PlanSignature | None:
        return self.by_role(SignatureRole.CLINICIAN)

    @property
    def client(self) -> PlanSignature | None:
        return self.by_role(SignatureRole.CLIENT)

    @property
    def supervisor(self) -> PlanSignature | None:
        return self.by_role(SignatureRole.SUPERVISOR)

    @property
    def awaiting_cosign(self) -> bool:
        return self.cosign_required and self.clinician is not None and self.supervisor is None

    @property
    def missing(self) -> list[str]:
        roles = [SignatureRole.CLINICIAN, SignatureRole.CLIENT]
        if self.cosign_required:
            roles.append(SignatureRole.SUPERVISOR)
        return [str(r.label) for r in roles if self.by_role(r) is None]


def signature_state(plan: TreatmentPlan) -> SignatureState:
    """One query: the signatures, with whether the signing clinician needs a co-signature."""
    signatures = list(plan.signatures.select_related("signer", "signer__supervision_requirement"))
    clinician = next((s for s in signatures if s.role == SignatureRole.CLINICIAN), None)
    requirement = getattr(clinician.signer, "supervision_requirement", None) if clinician else None
    return SignatureState(signatures, bool(requirement and requirement.requires_cosign))


def roles_open_to(user: User, plan: TreatmentPlan, state: SignatureState) -> list[str]:
    """The signatures this person could give on this version now (for the sign page; the
    service checks again)."""
    if plan.status not in SIGNABLE:
        return []
    roles = []
    if _on_care_team(user, plan.client_id):
        team_roles = (SignatureRole.CLINICIAN, SignatureRole.CLIENT)
        roles += [r for r in team_roles if state.by_role(r) is None]
    clinician = state.clinician
    if (
        clinician is not None
        and state.supervisor is None
        and user.supervisees.filter(pk=clinician.signer_id).exists()
    ):
        roles.append(SignatureRole.SUPERVISOR)
    return [str(r) for r in roles]


def cosign_required_for(clinician_id: object) -> bool:
    return SupervisionRequirement.objects.filter(
        clinician_id=clinician_id, requires_cosign=True
    ).exists()


def plans_awaiting_cosign(supervisor: User) -> list[TreatmentPlan]:
    """Plans signed by one of the supervisor's supervisees whose plans need co-signing,
    not yet co-signed, and still open: one query, for the dashboard (which audits what it
    shows). Each carries ``clinician_signed_at`` and ``clinician_name``."""
    clinician_signature = PlanSignature.objects.filter(
        plan=OuterRef("pk"),
        role=SignatureRole.CLINICIAN,
        signer__supervisors=supervisor,
        signer__supervision_requirement__requires_cosign=True,
    )
    cosigned = PlanSignature.objects.filter(plan=OuterRef("pk"), role=SignatureRole.SUPERVISOR)
    return list(
        TreatmentPlan.objects.filter(
            client__in=visible_clients(supervisor), status__in=list(SIGNABLE)
        )
        .filter(Exists(clinician_signature), ~Exists(cosigned))
        .annotate(
            clinician_signed_at=Subquery(clinician_signature.values("signed_at")[:1]),
            clinician_name=Subquery(clinician_signature.values("signed_name")[:1]),
        )
        .select_related("client")
        .order_by("signed_at")
    )


@transaction.atomic
def cosign_requirements_save(*, actor: Actor, requiring: set[str]) -> int:
    """Set, for every clinician and supervisor of the practice, whether their plans need a
    co-signature: those whose id is in ``requiring`` do. Returns how many changed."""
    require(actor, Permission.SET_COSIGN_REQUIREMENTS)
    staff = practice_staff(actor.user.practice_id)
    required = requiring_cosign(staff)
    changed = 0
    for person in staff:
        wanted = str(person.pk) in requiring
        if wanted != (person.pk in required):
            cosign_requirement_set(actor=actor, clinician=person, requires_cosign=wanted)
            changed += 1
    return changed


def practice_staff(practice_id: object) -> list[User]:
    """The practice's active clinicians and supervisors, with their supervisors."""
    return list(
        User.objects.filter(practice_id=practice_id, is_active=True)
        .exclude(role=Role.ADMIN)
        .prefetch_related("supervisors")
        .order_by("full_name")
    )


def requiring_cosign(staff: list[User]) -> set[object]:
    """The ids of those among ``staff`` whose plans need a co-signature."""
    return set(
        SupervisionRequirement.objects.filter(
            clinician__in=staff, requires_cosign=True
        ).values_list("clinician_id", flat=True)
    )


@transaction.atomic
def cosign_requirement_set(
    *, actor: Actor, clinician: User, requires_cosign: bool
) -> SupervisionRequirement:
    """A practice admin says whether a clinician's plans need a supervisor's co-signature."""
    user = actor.user
    require(actor, Permission.SET_COSIGN_REQUIREMENTS)
    if clinician.practice_id != user.practice_id:
        raise PermissionDenied("That clinician is not in your practice.")
    requirement, _ = SupervisionRequirement.objects.update_or_create(
        clinician=clinician,
        defaults={"requires_cosign": requires_cosign, "set_by": user, "updated_at": timezone.now()},
    )
    record(
        actor,
        AuditAction.UPDATE,
        obj=requirement,
        detail={"clinician": str(clinician.pk), "requires_cosign": requires_cosign},
    )
    return requirement
