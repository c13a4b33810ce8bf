"""The permission table (accounts/permissions.py), walked role by role, and the services
that enforce it whatever the caller."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.template import Context, Template

from tests.factories import actor
from trellis.accounts.models import PracticeSettings
from trellis.accounts.permissions import REFUSALS, ROLE_PERMISSIONS, Permission, Role, has
from trellis.accounts.services import practice_settings_save
from trellis.audit.models import AuditEvent
from trellis.measures.services import custom_instrument_add
from trellis.plans.signing.services import cosign_requirements_save

pytestmark = pytest.mark.django_db

# The table as the practice expects it; a change to who may do what changes this test.
EXPECTED = {
    Role.CLINICIAN: set(),
    Role.SUPERVISOR: {"see_supervisees_clients", "filter_caseload_by_clinician", "cosign_plans"},
    Role.ADMIN: {
        "see_whole_practice",
        "filter_caseload_by_clinician",
        "cosign_plans",
        "read_access_log",
        "change_practice_settings",
        "set_cosign_requirements",
        "add_practice_instrument",
        "manage_jobs",
    },
}


def test_every_role_has_exactly_its_permissions(cast) -> None:
    people = {
        Role.CLINICIAN: cast.clinician,
        Role.SUPERVISOR: cast.supervisor,
        Role.ADMIN: cast.admin,
    }
    assert set(ROLE_PERMISSIONS) == set(Role.values)
    for role, person in people.items():
        for permission in Permission:
            assert has(person, permission) == (permission in EXPECTED[role]), (role, permission)


def test_every_permission_says_why_it_is_refused() -> None:
    assert set(REFUSALS) == set(Permission)


def test_nobody_outside_a_practice_holds_anything(cast) -> None:
    cast.admin.practice_id = None
    assert not any(has(cast.admin, p) for p in Permission)
    assert not any(has(AnonymousUser(), p) for p in Permission)  # type: ignore[arg-type]


def test_the_template_filter_reads_the_same_table(cast) -> None:
    template = Template('{% load permissions %}{% if user|can:"read_access_log" %}yes{% endif %}')
    assert template.render(Context({"user": cast.admin})) == "yes"
    assert template.render(Context({"user": cast.supervisor})) == ""


def test_a_clinician_cannot_add_a_practice_instrument_from_any_caller(cast) -> None:
    """The check once lived only in the upload page; the service now refuses it itself."""
    with pytest.raises(PermissionDenied, match="Only a practice admin adds instruments"):
        custom_instrument_add(actor=actor(cast.clinician), file_name="x.yaml", source="id: X")


def test_practice_settings_are_an_audited_admin_service(cast) -> None:
    with pytest.raises(PermissionDenied, match="Only a practice admin changes"):
        practice_settings_save(actor=actor(cast.supervisor), data={"no_session_weeks": 2})
    assert not PracticeSettings.objects.exists()
    changed = practice_settings_save(
        actor=actor(cast.admin), data={"no_session_weeks": 2, "plan_review_days": 60}
    )
    assert changed == ["no_session_weeks", "plan_review_days"]
    event = AuditEvent.objects.get(object_type="practicesettings")
    assert event.detail == {"fields": ["no_session_weeks", "plan_review_days"]}
    assert practice_settings_save(actor=actor(cast.admin), data={"no_session_weeks": 2}) == []


def test_co_signature_requirements_are_an_admin_service(cast) -> None:
    with pytest.raises(PermissionDenied, match="Only a practice admin sets co-signature"):
        cosign_requirements_save(actor=actor(cast.supervisor), requiring=set())
    assert (
        cosign_requirements_save(actor=actor(cast.admin), requiring={str(cast.clinician.pk)}) >= 1
    )
