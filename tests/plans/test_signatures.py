"""Signing a plan version: who signs in which role, the hash of exactly what was signed,
and a signed version that never changes — refused by the services, the models and the
database (raw SQL, on SQLite and PostgreSQL alike)."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, InternalError, OperationalError, connection, transaction
from django.db.models import UUIDField
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.audit_helpers import events_since, last_id, summary
from tests.factories import PASSWORD, SIGN, actor, grow_plan, make_plan, make_user
from trellis.accounts.models import Role
from trellis.plans import services, triggers
from trellis.plans.items import GOAL, INTERVENTION, OBJECTIVE, PROBLEM
from trellis.plans.models import (
    Goal,
    Intervention,
    MeasureTarget,
    Objective,
    PlanSignature,
    PlanStatus,
    Problem,
    SignedPlanError,
    TreatmentPlan,
)
from trellis.plans.signing.content import canonical_json, content_hash, plan_hash
from trellis.plans.signing.selectors import (
    cosign_required_for,
    plans_awaiting_cosign,
    signature_state,
)
from trellis.plans.signing.services import cosign_requirement_set, plan_sign
from trellis.plans.versions.selectors import plan_tree
from trellis.plans.versions.services import plan_revise

pytestmark = pytest.mark.django_db
DATABASE_REFUSES = (IntegrityError, InternalError, OperationalError)


def _hash(plan: TreatmentPlan) -> str:
    return plan_hash(plan_tree(plan))


def _sign(user: Any, plan: TreatmentPlan, role: str = "clinician", **extra: Any) -> PlanSignature:
    return plan_sign(
        **SIGN, actor=actor(user), plan=plan, role=role, expected_hash=_hash(plan), **extra
    )


def _fresh(plan: TreatmentPlan) -> TreatmentPlan:
    return TreatmentPlan.objects.get(pk=plan.pk)


def _goal(plan: TreatmentPlan) -> Goal:
    return Goal.objects.filter(problem__plan=plan).first()  # type: ignore[return-value]


def _objective(plan: TreatmentPlan) -> Objective:
    return Objective.objects.filter(goal__problem__plan=plan).first()  # type: ignore[return-value]


def _add_target(cast: Any, plan: TreatmentPlan) -> MeasureTarget:
    return services.target_add(
        actor=actor(cast.clinician),
        owner=_goal(plan),
        data={"instrument_id": "PHQ-9", "kind": "at_or_below", "value": 9.0},
    )


@pytest.fixture
def signed(cast: Any) -> TreatmentPlan:
    """The cast's plan, with a target, signed by its clinician."""
    _add_target(cast, cast.plan)
    _sign(cast.clinician, cast.plan)
    return _fresh(cast.plan)


# --- The hash ---------------------------------------------------------------------------


def test_the_same_content_gives_the_same_hash(cast) -> None:
    first, second = _hash(cast.plan), _hash(cast.plan)
    assert first == second
    assert len(first) == 64 and int(first, 16) >= 0


def test_bookkeeping_does_not_change_the_hash(cast) -> None:
    before = _hash(cast.plan)
    who = actor(cast.clinician)
    services.plan_update(
        actor=who,
        plan=cast.plan,
        data={"review_date": cast.plan.start_date + timedelta(days=30)},
        expected_version=1,
    )
    services.plan_activate(actor=who, plan=cast.plan, expected_version=2)
    assert _hash(cast.plan) == before


def _edit_plan_field(cast: Any) -> None:
    services.plan_update(
        actor=actor(cast.clinician),
        plan=cast.plan,
        data={"warning_signs": "Isolating"},
        expected_version=1,
    )


def _edit_item(kind: str, **data: Any) -> Callable[[Any], None]:
    def edit(cast: Any) -> None:
        model = {"problem": Problem, "goal": Goal, "objective": Objective}.get(kind, Intervention)
        path = {
            "problem": "plan",
            "goal": "problem__plan",
            "objective": "goal__problem__plan",
        }.get(kind, "objective__goal__problem__plan")
        item = model.objects.filter(**{path: cast.plan}).first()
        services.plan_item_update(
            actor=actor(cast.clinician), item=item, data=data, expected_version=item.version
        )

    return edit


def _edit_target(cast: Any) -> None:
    target = _add_target(cast, cast.plan)
    before = _hash(cast.plan)
    services.target_update(
        actor=actor(cast.clinician), target=target, data={"value": 8.0}, expected_version=1
    )
    assert _hash(cast.plan) != before


def _move(cast: Any) -> None:
    goal = _goal(cast.plan)
    extra = services.plan_item_add(
        actor=actor(cast.clinician), kind=OBJECTIVE, parent=goal, data={"statement": "B"}
    )
    before = _hash(cast.plan)
    services.plan_item_move(actor=actor(cast.clinician), item=extra, direction="up")
    assert _hash(cast.plan) != before


def _add(cast: Any) -> None:
    services.plan_item_add(
        actor=actor(cast.clinician), kind=PROBLEM, parent=cast.plan, data={"title": "Sleep"}
    )


def _remove(cast: Any) -> None:
    item = Intervention.objects.filter(objective__goal__problem__plan=cast.plan).first()
    services.plan_item_remove(actor=actor(cast.clinician), item=item, expected_version=1)


CONTENT_CHANGES: dict[str, Callable[[Any], None]] = {
    "plan field": _edit_plan_field,
    "problem title": _edit_item("problem", title="Depressed mood most days"),
    "goal statement (one space)": _edit_item("goal", statement="Mood lifts enough to work. "),
    "objective status": _edit_item("objective", status="in_progress"),
    "intervention frequency": _edit_item("intervention", frequency="Twice weekly"),
    "target value": _edit_target,
    "order": _move,
    "an added item": _add,
    "a removed item": _remove,
}


@pytest.mark.parametrize("change", sorted(CONTENT_CHANGES))
def test_any_content_change_changes_the_hash(cast, change: str) -> None:
    before = _hash(cast.plan)
    CONTENT_CHANGES[change](cast)
    assert _hash(cast.plan) != before


def test_the_hash_is_the_sha256_of_the_canonical_content_kept_with_the_signature(signed) -> None:
    signature = PlanSignature.objects.get(plan=signed)
    text = canonical_json(signature.content)
    assert hashlib.sha256(text.encode()).hexdigest() == signature.content_hash
    assert signature.content["hash_version"] == signature.hash_version == "plan-v2"
    assert signature.content["problems"][0]["goals"][0]["targets"][0]["value"] == 9.0


def test_canonical_json_is_key_order_free_and_keeps_text_exactly() -> None:
    assert canonical_json({"b": 1, "a": "é "}) == '{"a":"é ","b":1}'
    assert content_hash({"a": 1, "b": 2}) == content_hash({"b": 2, "a": 1})


# --- Signing ----------------------------------------------------------------------------


def test_the_clinician_signs_and_it_is_audited(cast) -> None:
    mark = last_id()
    digest = _hash(cast.plan)
    signature = _sign(cast.clinician, cast.plan)
    events = events_since(mark)
    assert summary(events) == [("create", "plansignature", cast.client.pk)]
    assert events[0].detail == {
        "plan": str(cast.plan.pk),
        "role": "clinician",
        "content_hash": digest,
    }
    assert (signature.signer, signature.signed_name, signature.ip) == (
        cast.clinician,
        cast.clinician.display_name,
        "127.0.0.1",
    )
    assert signature.content_hash == digest
    assert _fresh(cast.plan).signed_at == signature.signed_at
    assert _fresh(cast.plan).is_signed and not _fresh(cast.plan).is_editable


def test_a_page_opened_before_an_edit_cannot_sign(cast) -> None:
    seen = _hash(cast.plan)
    _edit_plan_field(cast)
    with pytest.raises(ValidationError, match="changed since"):
        plan_sign(
            **SIGN,
            actor=actor(cast.clinician),
            plan=cast.plan,
            role="clinician",
            expected_hash=seen,
        )
    assert not PlanSignature.objects.exists()


def test_each_role_signs_a_version_once(signed, cast) -> None:
    with pytest.raises(ValidationError, match="already"):
        _sign(cast.clinician, signed)


def test_only_the_care_team_signs_as_clinician_or_witnesses_the_client(cast) -> None:
    for who in (cast.admin, cast.supervisor):
        with pytest.raises(PermissionDenied):
            _sign(who, cast.plan)
        with pytest.raises(PermissionDenied):
            _sign(who, cast.plan, "client", signed_name="Alex Rivera", in_person=True)


def test_the_client_signs_in_person_with_their_typed_name(cast) -> None:
    signature = _sign(
        cast.clinician, cast.plan, "client", signed_name="  alex   RIVERA ", in_person=True
    )
    assert (signature.role, signature.signed_name, signature.in_person) == (
        "client",
        "alex RIVERA",
        True,
    )
    assert signature.signer == cast.clinician  # the witness


@pytest.mark.parametrize(
    ("name", "in_person", "field"),
    [
        ("Alex Rivera", False, "in_person"),
        ("Sam Rivera", True, "signed_name"),
        ("", True, "signed_name"),
    ],
)
def test_a_client_signature_needs_the_screen_and_their_name(cast, name, in_person, field) -> None:
    with pytest.raises(ValidationError) as error:
        _sign(cast.clinician, cast.plan, "client", signed_name=name, in_person=in_person)
    assert field in error.value.message_dict
    assert not PlanSignature.objects.exists()


def test_the_supervisor_cosigns_only_after_their_supervisee(cast) -> None:
    with pytest.raises(ValidationError, match="signs first"):
        _sign(cast.supervisor, cast.plan, "supervisor")
    _sign(cast.clinician, cast.plan)
    other_supervisor = make_user("super2@test.test", cast.practice, Role.SUPERVISOR)
    for who in (cast.colleague, cast.admin, other_supervisor):
        with pytest.raises(PermissionDenied):
            _sign(who, cast.plan, "supervisor")
    signature = _sign(cast.supervisor, cast.plan, "supervisor")
    assert signature.signed_name == cast.supervisor.display_name


def test_superseded_and_closed_versions_are_not_signed(cast) -> None:
    services.plan_close(actor=actor(cast.clinician), plan=cast.plan, expected_version=1)
    with pytest.raises(ValidationError, match="draft or the plan in force"):
        _sign(cast.clinician, _fresh(cast.plan))


# --- Co-signature requirements ----------------------------------------------------------


def test_only_a_practice_admin_sets_a_cosign_requirement_and_it_is_audited(cast) -> None:
    for who in (cast.clinician, cast.supervisor, cast.outsider):
        with pytest.raises(PermissionDenied):
            cosign_requirement_set(actor=actor(who), clinician=cast.clinician, requires_cosign=True)
    mark = last_id()
    cosign_requirement_set(actor=actor(cast.admin), clinician=cast.clinician, requires_cosign=True)
    events = events_since(mark)
    assert summary(events) == [("update", "supervisionrequirement", None)]
    assert events[0].detail == {"clinician": str(cast.clinician.pk), "requires_cosign": True}
    assert cosign_required_for(cast.clinician.pk)


def test_plans_awaiting_cosign_in_one_query(cast, django_assert_num_queries) -> None:
    cosign_requirement_set(actor=actor(cast.admin), clinician=cast.clinician, requires_cosign=True)
    unsigned = grow_plan(cast.clinician, make_plan(cast.clinician, cast.client, title="Other"))
    _sign(cast.clinician, cast.plan)
    with django_assert_num_queries(1):
        waiting = plans_awaiting_cosign(cast.supervisor)
    assert [p.pk for p in waiting] == [cast.plan.pk]
    assert waiting[0].clinician_name == cast.clinician.display_name
    assert waiting[0].client.pk == cast.client.pk
    assert unsigned.pk not in {p.pk for p in waiting}
    other_supervisor = make_user("super2@test.test", cast.practice, Role.SUPERVISOR)
    assert plans_awaiting_cosign(other_supervisor) == []
    state = signature_state(cast.plan)
    assert state.awaiting_cosign and state.missing == ["Client", "Supervisor"]
    _sign(cast.supervisor, cast.plan, "supervisor")
    assert plans_awaiting_cosign(cast.supervisor) == []


def test_without_a_requirement_nothing_awaits_cosign(cast) -> None:
    _sign(cast.clinician, cast.plan)
    assert plans_awaiting_cosign(cast.supervisor) == []
    state = signature_state(cast.plan)
    assert not state.awaiting_cosign and state.missing == ["Client"]


# --- A signed version never changes: services -------------------------------------------


def _signed_edits(cast: Any, plan: TreatmentPlan) -> dict[str, Callable[[], Any]]:
    who = actor(cast.clinician)
    goal, objective = _goal(plan), _objective(plan)
    target = MeasureTarget.objects.get(goal=goal)
    return {
        "plan_update": lambda: services.plan_update(
            actor=who, plan=plan, data={"referrals": "PCP"}, expected_version=plan.version
        ),
        "plan_item_add": lambda: services.plan_item_add(
            actor=who, kind=GOAL, parent=goal.problem, data={"statement": "More"}
        ),
        "plan_item_update": lambda: services.plan_item_update(
            actor=who, item=objective, data={"status": "met"}, expected_version=1
        ),
        "plan_item_remove": lambda: services.plan_item_remove(
            actor=who, item=goal, expected_version=1
        ),
        "plan_item_move": lambda: services.plan_item_move(
            actor=who, item=objective, direction="up"
        ),
        "target_add": lambda: services.target_add(
            actor=who, owner=objective, data={"instrument_id": "PHQ-9", "kind": "recovery"}
        ),
        "target_update": lambda: services.target_update(
            actor=who, target=target, data={"value": 5.0}, expected_version=1
        ),
        "target_remove": lambda: services.target_remove(
            actor=who, target=target, expected_version=1
        ),
        "intervention add": lambda: services.plan_item_add(
            actor=who, kind=INTERVENTION, parent=objective, data={"description": "More"}
        ),
    }


@pytest.mark.parametrize(
    "edit",
    [
        "plan_update",
        "plan_item_add",
        "plan_item_update",
        "plan_item_remove",
        "plan_item_move",
        "target_add",
        "target_update",
        "target_remove",
        "intervention add",
    ],
)
def test_services_refuse_every_edit_of_a_signed_version(signed, cast, edit) -> None:
    before = _hash(signed)
    mark = last_id()
    with pytest.raises(services.PlanLockedError, match="signed"):
        _signed_edits(cast, signed)[edit]()
    assert _hash(signed) == before
    assert events_since(mark) == []


def test_a_signed_version_still_moves_through_its_lifecycle(signed, cast) -> None:
    who = actor(cast.clinician)
    services.plan_activate(actor=who, plan=signed, expected_version=signed.version)
    active = _fresh(signed)
    draft = plan_revise(actor=who, plan=active)
    services.plan_activate(actor=who, plan=draft, expected_version=draft.version)
    old = _fresh(signed)
    assert old.status == PlanStatus.SUPERSEDED and old.closed_at is not None
    assert _hash(old) == PlanSignature.objects.get(plan=old).content_hash


# --- ... the models ---------------------------------------------------------------------


def test_the_model_refuses_to_save_changed_content_of_a_signed_plan(signed) -> None:
    signed.title = "Changed"
    with pytest.raises(SignedPlanError):
        signed.save()
    plan = _fresh(signed)
    plan.status = PlanStatus.CLOSED
    plan.save()  # the lifecycle may move on
    assert _fresh(signed).status == PlanStatus.CLOSED
    with pytest.raises(SignedPlanError):
        plan.delete()


@pytest.mark.parametrize("model", [Problem, Goal, Objective, Intervention, MeasureTarget])
def test_the_model_refuses_to_save_or_delete_items_of_a_signed_plan(signed, model) -> None:
    item = model.objects.filter(model.in_signed_plan()).first()
    with pytest.raises(SignedPlanError):
        item.save()
    with pytest.raises(SignedPlanError):
        item.delete()


def test_the_model_refuses_new_items_in_a_signed_plan(signed) -> None:
    with pytest.raises(SignedPlanError):
        Problem(plan=signed, title="Sneaked in").save()
    with pytest.raises(SignedPlanError):
        Objective.objects.create(goal=_goal(signed), statement="Sneaked in")


def test_bulk_writes_to_a_signed_plan_are_refused(signed) -> None:
    with pytest.raises(SignedPlanError):
        Goal.objects.filter(problem__plan=signed).update(statement="x")
    with pytest.raises(SignedPlanError):
        Intervention.objects.filter(objective__goal__problem__plan=signed).delete()
    with pytest.raises(SignedPlanError):
        TreatmentPlan.objects.filter(pk=signed.pk).update(title="x")
    with pytest.raises(SignedPlanError):
        MeasureTarget.objects.filter(goal__problem__plan=signed).update(value=1.0)
    new_date = signed.review_date + timedelta(days=7)
    TreatmentPlan.objects.filter(pk=signed.pk).update(review_date=new_date)
    assert _fresh(signed).review_date == new_date


def test_signatures_are_append_only_in_the_model(signed) -> None:
    signature = PlanSignature.objects.get(plan=signed)
    signature.signed_name = "Someone else"
    with pytest.raises(ValidationError):
        signature.save()
    with pytest.raises(ValidationError):
        signature.delete()


# --- ... and the database ---------------------------------------------------------------


def _db_uuid(value: uuid.UUID) -> Any:
    return UUIDField().get_db_prep_value(value, connection)


def _problem_insert(plan: TreatmentPlan) -> tuple[str, list[Any]]:
    return (
        "INSERT INTO plans_problem (id, plan_id, position, title, behavioral_definition,"
        " version, lineage) VALUES (%s, %s, 9, 'Sneaked in', '', 1, %s)",
        [_db_uuid(uuid.uuid4()), _db_uuid(plan.pk), _db_uuid(uuid.uuid4())],
    )


RAW_CHANGES = {
    "plan content": "UPDATE plans_treatmentplan SET title = 'x' WHERE id = %s",
    "plan signed_at": "UPDATE plans_treatmentplan SET signed_at = NULL WHERE id = %s",
    "plan delete": "DELETE FROM plans_treatmentplan WHERE id = %s",
    "problem": "UPDATE plans_problem SET title = 'x' WHERE plan_id = %s",
    "problem delete": "DELETE FROM plans_problem WHERE plan_id = %s",
    "goal": "UPDATE plans_goal SET statement = 'x'"
    " WHERE problem_id IN (SELECT id FROM plans_problem WHERE plan_id = %s)",
    "goal moved into it": "UPDATE plans_goal SET problem_id = (SELECT id FROM plans_problem"
    " WHERE plan_id = %s)"
    " WHERE problem_id NOT IN (SELECT id FROM plans_problem WHERE plan_id = %s)",
    "objective": "UPDATE plans_objective SET status = 'met' WHERE goal_id IN (SELECT g.id"
    " FROM plans_goal g JOIN plans_problem p ON p.id = g.problem_id WHERE p.plan_id = %s)",
    "intervention delete": "DELETE FROM plans_intervention WHERE objective_id IN (SELECT o.id"
    " FROM plans_objective o JOIN plans_goal g ON g.id = o.goal_id"
    " JOIN plans_problem p ON p.id = g.problem_id WHERE p.plan_id = %s)",
    "target": "UPDATE plans_measuretarget SET value = 1 WHERE goal_id IN (SELECT g.id"
    " FROM plans_goal g JOIN plans_problem p ON p.id = g.problem_id WHERE p.plan_id = %s)",
    "signature": "UPDATE plans_plansignature SET signed_name = 'x' WHERE plan_id = %s",
    "signature delete": "DELETE FROM plans_plansignature WHERE plan_id = %s",
}


@pytest.mark.parametrize("change", [*sorted(RAW_CHANGES), "problem insert"])
def test_the_database_refuses_raw_changes_to_a_signed_version(signed, cast, change) -> None:
    triggers.install(connection)
    if change == "goal moved into it":
        grow_plan(cast.clinician, make_plan(cast.clinician, cast.client))  # goals elsewhere
    before = _hash(signed), signed.signed_at
    if change == "problem insert":
        sql, params = _problem_insert(signed)
    else:
        sql = RAW_CHANGES[change]
        params = [_db_uuid(signed.pk)] * sql.count("%s")
    with (
        pytest.raises(DATABASE_REFUSES),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, params)
    assert (_hash(signed), _fresh(signed).signed_at) == before
    assert PlanSignature.objects.filter(plan=signed).count() == 1


def test_the_database_lets_a_signed_version_move_through_its_lifecycle(signed) -> None:
    triggers.install(connection)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE plans_treatmentplan SET status = 'active', version = version + 1,"
            " review_date = start_date + 30 WHERE id = %s"
            if connection.vendor == "postgresql"
            else "UPDATE plans_treatmentplan SET status = 'active', version = version + 1,"
            " review_date = date(start_date, '+30 days') WHERE id = %s",
            [_db_uuid(signed.pk)],
        )
    plan = _fresh(signed)
    assert plan.status == PlanStatus.ACTIVE
    assert plan.review_date == plan.start_date + timedelta(days=30)


def test_the_database_still_lets_unsigned_plans_be_edited(signed, cast) -> None:
    triggers.install(connection)
    other = grow_plan(cast.clinician, make_plan(cast.clinician, cast.client, title="Draft"))
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE plans_goal SET statement = 'Edited' WHERE problem_id IN"
            " (SELECT id FROM plans_problem WHERE plan_id = %s)",
            [_db_uuid(other.pk)],
        )
        cursor.execute(*_problem_insert(other))
        cursor.execute(
            "UPDATE plans_treatmentplan SET title = 'T' WHERE id = %s", [_db_uuid(other.pk)]
        )
    assert _goal(other).statement == "Edited"
    assert other.problems.count() == 2


def test_migrations_install_the_triggers() -> None:
    """Installed by migration 0007 and after every migrate or test flush (apps.py)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
            expected = {"plans_signed_plan_guard", "plans_signed_goal_guard"}
            expected |= {"plans_signature_no_change", "plans_signature_no_truncate"}
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            expected = {"plans_signed_plan_update", "plans_signed_plan_delete"}
            expected |= {"plans_signed_measuretarget_insert", "plans_signature_no_delete"}
        names = {row[0] for row in cursor.fetchall()}
    assert expected <= names


def test_a_transactional_test_can_still_empty_a_database_with_signed_plans(
    audit_flushable, cast
) -> None:
    """The flush after this test must not trip over the triggers (audit_flushable)."""
    _sign(cast.clinician, cast.plan)
    assert PlanSignature.objects.count() == 1


# --- Pages ------------------------------------------------------------------------------


# What the signing forms post besides the role: the attestation ticked, the password typed.
SIGNED = {"attest": "on", "password": PASSWORD}


@pytest.fixture
def signed_in(client, cast):
    client.login(username=cast.clinician.email, password=PASSWORD)
    return client


def test_the_sign_page_shows_the_hash_and_signs(signed_in, cast) -> None:
    url = reverse("plans:sign", args=[cast.plan.pk])
    page = signed_in.get(url)
    digest = _hash(cast.plan)
    assert digest in page.content.decode()
    response = signed_in.post(url, {"role": "clinician", "content_hash": digest, **SIGNED})
    assert response.status_code == 302
    assert PlanSignature.objects.get(plan=cast.plan).signer == cast.clinician
    body = signed_in.get(url).content.decode()
    assert "matches the content above" in body


def test_the_client_signs_on_the_clinicians_screen(signed_in, cast) -> None:
    url = reverse("plans:sign", args=[cast.plan.pk])
    digest = _hash(cast.plan)
    refused = signed_in.post(
        url, {"role": "client", "content_hash": digest, "signed_name": "Alex Rivera"}
    )
    assert refused.status_code == 422
    assert "Alex Rivera" in refused.content.decode()  # what was typed stays
    response = signed_in.post(
        url,
        {
            "role": "client",
            "content_hash": digest,
            "signed_name": "Alex Rivera",
            "in_person": "on",
            **SIGNED,
        },
    )
    assert response.status_code == 302
    signature = PlanSignature.objects.get(plan=cast.plan)
    assert (signature.role, signature.signer) == ("client", cast.clinician)


def test_a_signed_plan_page_offers_no_edits(signed_in, signed) -> None:
    body = signed_in.get(reverse("plans:detail", args=[signed.pk])).content.decode()
    assert "can no longer be changed" in body
    problem = Problem.objects.get(plan=signed)
    assert reverse("plans:item_edit", args=["problem", problem.pk]) not in body
    assert reverse("plans:item_add", args=["goal", problem.pk]) not in body
    assert reverse("plans:revise", args=[signed.pk]) in body


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_sign_page_issues_a_bounded_number_of_queries(signed_in, cast) -> None:
    large = grow_plan(cast.clinician, make_plan(cast.clinician, cast.client), objectives=40)
    small_count = _queries(signed_in, reverse("plans:sign", args=[cast.plan.pk]))
    large_count = _queries(signed_in, reverse("plans:sign", args=[large.pk]))
    assert small_count == large_count


def test_an_admin_sets_whose_plans_need_cosigning(client, cast) -> None:
    from django.urls import reverse

    from tests.factories import PASSWORD

    url = reverse("plans:cosign_rules")
    client.login(username=cast.supervisor.email, password=PASSWORD)
    assert client.get(url).status_code == 403
    client.login(username=cast.admin.email, password=PASSWORD)
    page = client.get(url).content.decode()
    assert cast.clinician.display_name in page and cast.supervisor.display_name in page
    assert client.post(url, {"requires_cosign": [str(cast.clinician.pk)]}).status_code == 302
    assert cosign_required_for(cast.clinician.pk) is True
    assert cosign_required_for(cast.colleague.pk) is False
    client.post(url, {})
    assert cosign_required_for(cast.clinician.pk) is False
