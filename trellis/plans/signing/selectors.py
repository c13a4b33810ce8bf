"""Who has signed a version and who still may; whose plans await a supervisor's co-signature."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.db.models import Exists, OuterRef, Subquery

from trellis.accounts.models import User
from trellis.accounts.permissions import Role
from trellis.clients.models import CareTeamMember
from trellis.clients.selectors import visible_clients
from trellis.plans.models import (
    PlanSignature,
    PlanStatus,
    SignatureRole,
    SupervisionRequirement,
    TreatmentPlan,
)

SIGNABLE = {PlanStatus.DRAFT, PlanStatus.ACTIVE}


def on_care_team(user: User, client_id: UUID) -> bool:
    return CareTeamMember.objects.filter(client_id=client_id, user=user).exists()


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
    if on_care_team(user, plan.client_id):
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


def cosign_required_for(clinician_id: UUID | None) -> bool:
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


def practice_staff(practice_id: UUID) -> list[User]:
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
