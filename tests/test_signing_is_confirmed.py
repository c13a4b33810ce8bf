"""Issue 12: a signature cannot be undone, so signing a plan or a note asks for the
attestation and the signer's password again, checked in the service. A wrong password
signs nothing, says so, and counts towards the account's sign-in lock-out."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.audit_helpers import events_since, last_id
from tests.factories import PASSWORD, actor, grow_plan, make_note, make_plan
from trellis.accounts import throttle
from trellis.plans.models import PlanSignature
from trellis.plans.signing.content import plan_hash
from trellis.plans.signing.services import plan_sign
from trellis.plans.versions.selectors import plan_tree
from trellis.progress import services as note_services
from trellis.progress.models import ProgressNote

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(cast):
    return grow_plan(cast.clinician, make_plan(cast.clinician, cast.client))


def _sign_plan(cast, plan, **confirm):
    return plan_sign(
        actor=actor(cast.clinician),
        plan=plan,
        role="clinician",
        expected_hash=plan_hash(plan_tree(plan)),
        **confirm,
    )


@pytest.mark.parametrize(
    ("confirm", "field", "message"),
    [
        ({"password": PASSWORD, "attested": False}, "attest", "Tick the statement"),
        ({"password": "", "attested": True}, "password", "Type your password"),
        ({"password": "guess-1234", "attested": True}, "password", "not your password"),
    ],
)
def test_a_plan_is_not_signed_without_attestation_and_password(
    cast, plan, confirm, field, message
) -> None:
    mark = last_id()
    with pytest.raises(ValidationError) as caught:
        _sign_plan(cast, plan, **confirm)
    assert message in " ".join(caught.value.message_dict[field])
    assert not PlanSignature.objects.exists()
    assert events_since(mark) == []


def test_a_note_is_not_signed_with_a_wrong_password(cast) -> None:
    note = make_note(cast.clinician, cast.client)
    with pytest.raises(ValidationError, match="not your password"):
        note_services.note_sign(
            actor=actor(cast.clinician),
            note=note,
            expected_version=1,
            password="guess-1234",
            attested=True,
        )
    assert not ProgressNote.objects.get(pk=note.pk).is_signed
    note_services.note_sign(
        actor=actor(cast.clinician), note=note, expected_version=1, password=PASSWORD, attested=True
    )
    assert ProgressNote.objects.get(pk=note.pk).is_signed


def test_wrong_passwords_lock_signing_and_signing_in(cast, plan, settings, client) -> None:
    settings.LOGIN_LOCKOUT_FAILURES = 2
    for _ in range(2):
        with pytest.raises(ValidationError, match="not your password"):
            _sign_plan(cast, plan, password="guess-1234", attested=True)
    with pytest.raises(ValidationError, match="locked"):
        _sign_plan(cast, plan, password=PASSWORD, attested=True)
    assert not PlanSignature.objects.exists()
    key = throttle.sign_in_keys(cast.clinician.email, None)[0]
    assert throttle.is_locked(key)
    assert not client.login(username=cast.clinician.email, password=PASSWORD)


def test_a_right_password_gives_its_throttle_slot_back(cast, plan, settings) -> None:
    settings.LOGIN_LOCKOUT_FAILURES = 1
    _sign_plan(cast, plan, password=PASSWORD, attested=True)
    assert not throttle.is_locked(throttle.sign_in_keys(cast.clinician.email, None)[0])
    assert PlanSignature.objects.get(plan=plan).signer == cast.clinician


def test_the_sign_page_says_what_is_missing_and_keeps_the_name(cast, plan, client) -> None:
    client.login(username=cast.clinician.email, password=PASSWORD)
    url = reverse("plans:sign", args=[plan.pk])
    body = client.get(url).content.decode()
    assert "cannot be withdrawn" in body and 'type="password"' in body
    response = client.post(
        url,
        {
            "role": "client",
            "content_hash": plan_hash(plan_tree(plan)),
            "signed_name": "Alex Rivera",
            "in_person": "on",
            "password": "guess-1234",
        },
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Tick the statement" in body and "Alex Rivera" in body
    assert not PlanSignature.objects.exists()


def test_the_note_page_refuses_a_wrong_password_and_says_so(cast, client) -> None:
    note = make_note(cast.clinician, cast.client)
    client.login(username=cast.clinician.email, password=PASSWORD)
    url = reverse("progress:sign", args=[note.pk])
    response = client.post(url, {"version": "1", "attest": "on", "password": "x"}, follow=True)
    assert "That is not your password: nothing was signed." in response.content.decode()
    assert not ProgressNote.objects.get(pk=note.pk).is_signed


def test_the_header_says_log_out_not_sign_out(cast, client) -> None:
    client.login(username=cast.clinician.email, password=PASSWORD)
    body = client.get(reverse("dashboard")).content.decode()
    assert "Log out" in body and "Sign out" not in body


def test_the_sign_page_shows_everything_the_signature_covers(cast, client) -> None:
    from trellis.plans import services as plan_services
    from trellis.plans.models import Goal

    plan = grow_plan(cast.clinician, make_plan(cast.clinician, cast.client))
    plan_services.plan_update(
        actor=actor(cast.clinician),
        plan=plan,
        data={"warning_signs": "Skipping meals and staying in bed."},
        expected_version=plan.version,
    )
    goal = Goal.objects.get(problem__plan=plan)
    plan_services.target_add(
        actor=actor(cast.clinician),
        owner=goal,
        data={"instrument_id": "PHQ-9", "kind": "at_or_below", "value": 9.0},
    )
    client.login(username=cast.clinician.email, password=PASSWORD)
    body = client.get(reverse("plans:sign", args=[plan.pk])).content.decode()
    assert "Activity scheduling" in body  # the intervention
    assert "Measured by:" in body and "PHQ-9" in body  # the target
    assert "Skipping meals and staying in bed." in body  # the safety plan
    assert reverse("pages:plan_print", args=[plan.pk]) in body
