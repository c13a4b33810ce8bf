"""Signing a version of a plan, in a role the signer may take, and the practice's rules on
whose plans need a supervisor's co-signature."""

from __future__ import annotations

import unicodedata

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from trellis.accounts.models import User
from trellis.accounts.permissions import Permission, require
from trellis.accounts.reauth import confirm_signature
from trellis.audit.actor import Actor
from trellis.audit.models import AuditAction
from trellis.audit.services import record
from trellis.clients.models import Client
from trellis.plans.models import (
    PlanSignature,
    SignatureRole,
    SupervisionRequirement,
    TreatmentPlan,
)
from trellis.plans.signing.content import HASH_VERSION, content_hash, plan_content
from trellis.plans.signing.selectors import SIGNABLE, on_care_team, practice_staff, requiring_cosign
from trellis.plans.versions.selectors import plan_tree


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
    if not on_care_team(user, plan.client_id):
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


def plan_sign(
    *,
    actor: Actor,
    plan: TreatmentPlan,
    role: str,
    expected_hash: str,
    password: str,
    attested: bool,
    signed_name: str = "",
    in_person: bool = False,
) -> PlanSignature:
    """Sign this version as shown to the signer (``expected_hash``), once they have ticked
    the attestation and typed their password again (for the client's signature, the
    witnessing staff member's). The first signature freezes the version: from then on
    nothing of its content can change. A refused password is counted by the sign-in
    throttle, outside the signing transaction, and nothing is signed."""
    confirm_signature(user=actor.user, password=password, attested=attested, ip=actor.ip)
    return _plan_sign(
        actor=actor,
        plan=plan,
        role=role,
        expected_hash=expected_hash,
        signed_name=signed_name,
        in_person=in_person,
    )


@transaction.atomic
def _plan_sign(
    *,
    actor: Actor,
    plan: TreatmentPlan,
    role: str,
    expected_hash: str,
    signed_name: str,
    in_person: bool,
) -> PlanSignature:
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


@transaction.atomic
def cosign_requirements_save(*, actor: Actor, requiring: set[str]) -> int:
    """Set, for every clinician and supervisor of the practice, whether their plans need a
    co-signature: those whose id is in ``requiring`` do. Returns how many changed."""
    require(actor, Permission.SET_COSIGN_REQUIREMENTS)
    staff = practice_staff(actor.practice_id)
    required = requiring_cosign(staff)
    changed = 0
    for person in staff:
        wanted = str(person.pk) in requiring
        if wanted != (person.pk in required):
            cosign_requirement_set(actor=actor, clinician=person, requires_cosign=wanted)
            changed += 1
    return changed


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
