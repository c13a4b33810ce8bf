"""Who may do what: one table from role to permission, read the same way everywhere.

Services call ``require(actor, Permission.X)`` before they change anything, so a rule holds
whatever the caller (page, API, command). Pages and templates ask ``has(user, ...)`` (in a
template, ``user|can:"x"``) only to decide which buttons to show. Seeing a client is not a
permission here: it is the care-team scope of ``clients.selectors.visible_clients``, which
reads ``SEE_WHOLE_PRACTICE`` and ``SEE_SUPERVISEES_CLIENTS`` from this table.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from django.core.exceptions import PermissionDenied
from django.db import models

if TYPE_CHECKING:
    from trellis.audit.actor import Actor


class Role(models.TextChoices):
    CLINICIAN = "clinician", "Clinician"
    SUPERVISOR = "supervisor", "Supervisor"
    ADMIN = "admin", "Practice admin"


class Permission(StrEnum):
    SEE_WHOLE_PRACTICE = "see_whole_practice"
    SEE_SUPERVISEES_CLIENTS = "see_supervisees_clients"
    FILTER_CASELOAD_BY_CLINICIAN = "filter_caseload_by_clinician"
    COSIGN_PLANS = "cosign_plans"
    READ_ACCESS_LOG = "read_access_log"
    CHANGE_PRACTICE_SETTINGS = "change_practice_settings"
    SET_COSIGN_REQUIREMENTS = "set_cosign_requirements"
    ADD_PRACTICE_INSTRUMENT = "add_practice_instrument"
    MANAGE_JOBS = "manage_jobs"


ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    Role.CLINICIAN: frozenset(),
    Role.SUPERVISOR: frozenset(
        {
            Permission.SEE_SUPERVISEES_CLIENTS,
            Permission.FILTER_CASELOAD_BY_CLINICIAN,
            Permission.COSIGN_PLANS,
        }
    ),
    Role.ADMIN: frozenset(
        {
            Permission.SEE_WHOLE_PRACTICE,
            Permission.FILTER_CASELOAD_BY_CLINICIAN,
            Permission.COSIGN_PLANS,
            Permission.READ_ACCESS_LOG,
            Permission.CHANGE_PRACTICE_SETTINGS,
            Permission.SET_COSIGN_REQUIREMENTS,
            Permission.ADD_PRACTICE_INSTRUMENT,
            Permission.MANAGE_JOBS,
        }
    ),
}

# What the refusal says, in the words of the page the person was on.
REFUSALS: dict[Permission, str] = {
    Permission.SEE_WHOLE_PRACTICE: "Only a practice admin sees every client of the practice.",
    Permission.SEE_SUPERVISEES_CLIENTS: "Only a supervisor sees their supervisees' clients.",
    Permission.FILTER_CASELOAD_BY_CLINICIAN: (
        "Only a supervisor or a practice admin looks at another clinician's caseload."
    ),
    Permission.COSIGN_PLANS: "Only a supervisor or a practice admin co-signs plans.",
    Permission.READ_ACCESS_LOG: "Only practice admins read the access log.",
    Permission.CHANGE_PRACTICE_SETTINGS: "Only a practice admin changes the practice settings.",
    Permission.SET_COSIGN_REQUIREMENTS: "Only a practice admin sets co-signature requirements.",
    Permission.ADD_PRACTICE_INSTRUMENT: "Only a practice admin adds instruments.",
    Permission.MANAGE_JOBS: "Only a practice admin sees and restarts the background jobs.",
}


class _Staff(Protocol):
    """What the table needs to know of a person (a ``User``, or the anonymous user)."""

    @property
    def is_authenticated(self) -> bool: ...
    @property
    def practice_id(self) -> object: ...
    @property
    def role(self) -> str: ...


def has(user: _Staff, permission: Permission) -> bool:
    """Whether a signed-in member of a practice holds ``permission`` by their role."""
    if not user.is_authenticated or getattr(user, "practice_id", None) is None:
        return False
    return permission in ROLE_PERMISSIONS.get(getattr(user, "role", ""), frozenset())


def require(actor: Actor, permission: Permission) -> None:
    """Refuse (PermissionDenied, a 403 on a page) unless the actor holds ``permission``."""
    if not has(actor.user, permission):
        raise PermissionDenied(REFUSALS[permission])
