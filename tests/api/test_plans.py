"""Writing a treatment plan over the API: the plan, its status, and every item of its tree."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from tests.api.helpers import (
    Api,
    errors_by_field,
    goal_of,
    intervention_of,
    objective_of,
    problem_of,
    snapshot,
)
from tests.factories import Personas, make_client, make_diagnosis, make_plan
from trellis.clients.models import Client
from trellis.plans.models import Goal, Intervention, Objective, Problem, TreatmentPlan


def new_plan(cast: Personas, api: Api, **fields: Any) -> dict[str, Any]:
    response = api.post(f"/clients/{cast.client.pk}/plans", fields)
    assert response.status_code == 201, response.content
    return response.json()


# The plan itself


def test_create_starts_a_draft_reviewed_in_90_days(cast: Personas, api: Api) -> None:
    body = new_plan(cast, api, title="Anxiety plan")
    today = timezone.localdate()
    assert (body["title"], body["status"], body["version"]) == ("Anxiety plan", "draft", 1)
    assert body["start_date"] == today.isoformat()
    assert body["review_date"] == (today + timedelta(days=90)).isoformat()
    assert body["strengths"] == cast.client.strengths  # carried from the intake
    assert body["problems"] == []
    assert TreatmentPlan.objects.get(pk=body["id"]).client == cast.client


def test_create_reviews_90_days_after_the_given_start(cast: Personas, api: Api) -> None:
    body = new_plan(cast, api, start_date="2025-03-01", expected_sessions=12)
    assert body["review_date"] == (date(2025, 3, 1) + timedelta(days=90)).isoformat()
    assert body["expected_sessions"] == 12


def test_create_with_a_review_before_the_start_is_422(cast: Personas, api: Api) -> None:
    before = snapshot()
    response = api.post(
        f"/clients/{cast.client.pk}/plans",
        {"start_date": "2025-03-01", "review_date": "2025-02-01"},
    )
    assert response.status_code == 422
    assert "review_date" in errors_by_field(response)
    assert snapshot() == before


def test_no_new_plan_for_a_discharged_client(cast: Personas, api: Api) -> None:
    Client.objects.filter(pk=cast.client.pk).update(status="discharged")
    before = snapshot()
    response = api.post(f"/clients/{cast.client.pk}/plans", {})
    assert response.status_code == 422
    assert "discharged" in response.json()["detail"][0]["msg"]
    assert snapshot() == before


def test_get_returns_the_whole_tree(cast: Personas, api: Api) -> None:
    body = api.get(f"/plans/{cast.plan.pk}").json()
    problem, goal = problem_of(cast.plan), goal_of(cast.plan)
    objective, intervention = objective_of(cast.plan), intervention_of(cast.plan)
    assert body["id"] == str(cast.plan.pk)
    assert body["client_id"] == str(cast.client.pk)
    (p,) = body["problems"]
    assert (p["id"], p["title"], p["position"]) == (str(problem.pk), problem.title, 1)
    (g,) = p["goals"]
    assert (g["id"], g["statement"]) == (str(goal.pk), goal.statement)
    (o,) = g["objectives"]
    assert (o["id"], o["target_date"]) == (str(objective.pk), objective.target_date.isoformat())
    (i,) = o["interventions"]
    assert (i["id"], i["modality"], i["frequency"]) == (str(intervention.pk), "ba", "Weekly")


def test_list_a_clients_plans(cast: Personas, api: Api) -> None:
    second = new_plan(cast, api, title="Second")
    listed = api.get(f"/clients/{cast.client.pk}/plans").json()
    assert {p["id"] for p in listed} == {str(cast.plan.pk), second["id"]}
    assert "problems" not in listed[0]


def test_patch_with_the_current_version(cast: Personas, api: Api) -> None:
    version = cast.plan.version
    response = api.patch(
        f"/plans/{cast.plan.pk}",
        {"version": version, "referrals": "Primary care for sleep.", "expected_sessions": 16},
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["referrals"], body["expected_sessions"]) == ("Primary care for sleep.", 16)
    assert body["version"] == version + 1
    assert len(body["problems"]) == 1  # still the whole plan
    cast.plan.refresh_from_db()
    assert (cast.plan.referrals, cast.plan.version) == ("Primary care for sleep.", version + 1)
    assert body["updated_at"] == api.get(f"/plans/{cast.plan.pk}").json()["updated_at"]


def test_patch_with_a_stale_version_is_409_and_changes_nothing(cast: Personas, api: Api) -> None:
    version = cast.plan.version
    api.patch(f"/plans/{cast.plan.pk}", {"version": version, "barriers": "Shift work."})
    before = snapshot()
    response = api.patch(f"/plans/{cast.plan.pk}", {"version": version, "barriers": "None."})
    assert response.status_code == 409
    assert response.json()["current_version"] == version + 1
    assert snapshot() == before


def test_patch_null_clears_expected_sessions_but_not_the_title(cast: Personas, api: Api) -> None:
    version = cast.plan.version
    api.patch(f"/plans/{cast.plan.pk}", {"version": version, "expected_sessions": 10})
    body = api.patch(f"/plans/{cast.plan.pk}", {"version": version + 1, "expected_sessions": None})
    assert body.json()["expected_sessions"] is None
    before = snapshot()
    response = api.patch(f"/plans/{cast.plan.pk}", {"version": version + 2, "title": None})
    assert response.status_code == 422
    assert "title" in errors_by_field(response)
    assert snapshot() == before


def test_patch_review_date_before_start_is_422(cast: Personas, api: Api) -> None:
    before = snapshot()
    yesterday = cast.plan.start_date - timedelta(days=1)
    response = api.patch(
        f"/plans/{cast.plan.pk}", {"version": cast.plan.version, "review_date": str(yesterday)}
    )
    assert response.status_code == 422
    assert "review_date" in errors_by_field(response)
    assert snapshot() == before


# Status


def test_activate_then_close(cast: Personas, api: Api) -> None:
    version = cast.plan.version
    body = api.post(f"/plans/{cast.plan.pk}/activate", {"version": version}).json()
    assert (body["status"], body["version"]) == ("active", version + 1)
    body = api.post(f"/plans/{cast.plan.pk}/close", {"version": version + 1}).json()
    assert (body["status"], body["version"]) == ("closed", version + 2)
    cast.plan.refresh_from_db()
    assert cast.plan.status == "closed"
    assert cast.plan.closed_at is not None


def test_activating_a_new_plan_supersedes_the_active_one(cast: Personas, api: Api) -> None:
    api.post(f"/plans/{cast.plan.pk}/activate", {"version": cast.plan.version})
    second = new_plan(cast, api, title="Revised plan")
    problem = api.post(f"/plans/{second['id']}/problems", {"title": "Sleep"}).json()
    goal = api.post(f"/problems/{problem['id']}/goals", {"statement": "Sleep 7 hours"}).json()
    api.post(f"/goals/{goal['id']}/objectives", {"statement": "Keep a sleep diary"})
    version = api.get(f"/plans/{second['id']}").json()["version"]
    response = api.post(f"/plans/{second['id']}/activate", {"version": version})
    assert response.status_code == 200
    cast.plan.refresh_from_db()
    assert cast.plan.status == "superseded"


def test_activating_an_empty_plan_is_422(cast: Personas, api: Api) -> None:
    empty = new_plan(cast, api)
    before = snapshot()
    response = api.post(f"/plans/{empty['id']}/activate", {"version": 1})
    assert response.status_code == 422
    assert "objective" in response.json()["detail"][0]["msg"]
    assert snapshot() == before


@pytest.mark.parametrize("action", ["activate", "close"])
def test_status_change_with_a_stale_version_is_409(cast: Personas, api: Api, action: str) -> None:
    version = cast.plan.version
    api.patch(f"/plans/{cast.plan.pk}", {"version": version, "referrals": "PCP"})
    before = snapshot()
    response = api.post(f"/plans/{cast.plan.pk}/{action}", {"version": version})
    assert response.status_code == 409
    assert response.json()["current_version"] == version + 1
    assert snapshot() == before


def test_an_unknown_status_action_is_not_a_route(cast: Personas, api: Api) -> None:
    response = api.post(f"/plans/{cast.plan.pk}/archive", {"version": cast.plan.version})
    assert response.status_code == 404


def test_a_closed_plan_is_locked_409(cast: Personas, api: Api) -> None:
    api.post(f"/plans/{cast.plan.pk}/close", {"version": cast.plan.version})
    cast.plan.refresh_from_db()
    before = snapshot()
    for response in (
        api.patch(f"/plans/{cast.plan.pk}", {"version": cast.plan.version, "title": "New"}),
        api.post(f"/plans/{cast.plan.pk}/problems", {"title": "Sleep"}),
        api.patch(f"/goals/{goal_of(cast.plan).pk}", {"version": 1, "statement": "Other"}),
        api.delete(f"/objectives/{objective_of(cast.plan).pk}", version=1),
    ):
        assert response.status_code == 409, response.content
        assert "closed" in response.json()["detail"]
    assert snapshot() == before


# Items


def test_build_a_plan_item_by_item(cast: Personas, api: Api) -> None:
    plan = new_plan(cast, api, title="Built over the API")
    diagnosis = str(cast.diagnosis.pk)
    problem = api.post(
        f"/plans/{plan['id']}/problems",
        {
            "title": "Worry",
            "behavioral_definition": "Checks the news hourly.",
            "diagnosis_id": diagnosis,
        },
    )
    assert problem.status_code == 201
    problem = problem.json()
    assert (problem["position"], problem["diagnosis_id"], problem["version"]) == (1, diagnosis, 1)
    goal = api.post(f"/problems/{problem['id']}/goals", {"statement": "Worry less."})
    assert goal.status_code == 201
    objective = api.post(
        f"/goals/{goal.json()['id']}/objectives",
        {"statement": "GAD-7 below 10 within 12 weeks.", "target_date": "2026-01-31"},
    )
    assert objective.status_code == 201
    assert objective.json()["status"] == "not_started"
    intervention = api.post(
        f"/objectives/{objective.json()['id']}/interventions",
        {"modality": "cbt", "description": "Worry postponement", "frequency": "Daily"},
    )
    assert intervention.status_code == 201
    assert intervention.json()["delivered_by"] == ""
    tree = api.get(f"/plans/{plan['id']}").json()["problems"]
    assert tree[0]["goals"][0]["objectives"][0]["interventions"][0]["description"] == (
        "Worry postponement"
    )


def test_new_items_go_last(cast: Personas, api: Api) -> None:
    second = api.post(f"/plans/{cast.plan.pk}/problems", {"title": "Sleep"}).json()
    third = api.post(f"/plans/{cast.plan.pk}/problems", {"title": "Work"}).json()
    assert (second["position"], third["position"]) == (2, 3)
    titles = [p["title"] for p in api.get(f"/plans/{cast.plan.pk}").json()["problems"]]
    assert titles == ["Depressed mood", "Sleep", "Work"]


ITEMS = {
    "problem": (problem_of, "/problems", {"title": "Low mood", "behavioral_definition": "Late."}),
    "goal": (goal_of, "/goals", {"statement": "Return to work part time."}),
    "objective": (
        objective_of,
        "/objectives",
        {"statement": "Walk 3 times a week.", "status": "in_progress", "target_date": None},
    ),
    "intervention": (
        intervention_of,
        "/interventions",
        {"modality": "mi", "description": "Change talk", "delivered_by": "Casey"},
    ),
}


@pytest.mark.parametrize("kind", sorted(ITEMS))
def test_patch_an_item(cast: Personas, api: Api, kind: str) -> None:
    find, prefix, change = ITEMS[kind]
    item = find(cast.plan)
    response = api.patch(f"{prefix}/{item.pk}", {"version": 1, **change})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["version"] == 2
    assert {k: body[k] for k in change} == change
    item.refresh_from_db()
    assert item.version == 2


@pytest.mark.parametrize("kind", sorted(ITEMS))
def test_patch_an_item_with_a_stale_version_is_409(cast: Personas, api: Api, kind: str) -> None:
    find, prefix, change = ITEMS[kind]
    item = find(cast.plan)
    api.patch(f"{prefix}/{item.pk}", {"version": 1, **change})
    before = snapshot()
    response = api.patch(f"{prefix}/{item.pk}", {"version": 1, **change})
    assert response.status_code == 409
    assert response.json()["current_version"] == 2
    assert snapshot() == before


@pytest.mark.parametrize(
    ("kind", "model", "gone"),
    [
        ("problem", Problem, (Goal, Objective, Intervention)),
        ("goal", Goal, (Objective, Intervention)),
        ("objective", Objective, (Intervention,)),
        ("intervention", Intervention, ()),
    ],
)
def test_delete_an_item_and_what_is_under_it(
    cast: Personas, api: Api, kind: str, model: type, gone: tuple[type, ...]
) -> None:
    find, prefix, _ = ITEMS[kind]
    item = find(cast.plan)
    response = api.delete(f"{prefix}/{item.pk}", version=1)
    assert response.status_code == 204
    assert not model.objects.filter(pk=item.pk).exists()
    for below in gone:
        assert not below.objects.exists()


def test_delete_an_item_with_a_stale_version_is_409(cast: Personas, api: Api) -> None:
    goal = goal_of(cast.plan)
    api.patch(f"/goals/{goal.pk}", {"version": 1, "statement": "Changed"})
    before = snapshot()
    response = api.delete(f"/goals/{goal.pk}", version=1)
    assert response.status_code == 409
    assert snapshot() == before


def test_objective_target_date_null_clears_it(cast: Personas, api: Api) -> None:
    objective = objective_of(cast.plan)
    body = api.patch(f"/objectives/{objective.pk}", {"version": 1, "target_date": None}).json()
    assert body["target_date"] is None


# Linking a problem to a diagnosis


def test_link_and_unlink_a_diagnosis(cast: Personas, api: Api) -> None:
    problem = problem_of(cast.plan)
    linked = api.patch(
        f"/problems/{problem.pk}", {"version": 1, "diagnosis_id": str(cast.diagnosis.pk)}
    ).json()
    assert linked["diagnosis_id"] == str(cast.diagnosis.pk)
    unlinked = api.patch(f"/problems/{problem.pk}", {"version": 2, "diagnosis_id": None}).json()
    assert unlinked["diagnosis_id"] is None


@pytest.mark.parametrize("whose", ["other client", "other practice", "nobody"])
def test_linking_a_diagnosis_of_another_client_is_422(cast: Personas, api: Api, whose: str) -> None:
    if whose == "other client":
        other = make_client(cast.clinician, first_name="Jamie", last_name="Chen")
        diagnosis_id = str(make_diagnosis(cast.clinician, other, "F41.1").pk)
    elif whose == "other practice":
        other = make_client(cast.outsider, first_name="Kim", last_name="Park")
        diagnosis_id = str(make_diagnosis(cast.outsider, other, "F41.1").pk)
    else:
        diagnosis_id = "00000000-0000-4000-8000-000000000000"
    problem = problem_of(cast.plan)
    before = snapshot()
    added = api.post(
        f"/plans/{cast.plan.pk}/problems", {"title": "Worry", "diagnosis_id": diagnosis_id}
    )
    patched = api.patch(f"/problems/{problem.pk}", {"version": 1, "diagnosis_id": diagnosis_id})
    for response in (added, patched):
        assert response.status_code == 422
        assert list(errors_by_field(response)) == ["diagnosis_id"]
    assert snapshot() == before


def test_items_of_another_plan_of_the_same_client_stay_apart(cast: Personas, api: Api) -> None:
    other = make_plan(cast.clinician, cast.client, title="Second")
    problem = api.post(f"/plans/{other.pk}/problems", {"title": "Sleep"}).json()
    assert Problem.objects.get(pk=problem["id"]).plan_id == other.pk
    assert len(api.get(f"/plans/{cast.plan.pk}").json()["problems"]) == 1


def test_delete_without_a_version_is_refused_and_removes_nothing(cast: Personas, api: Api) -> None:
    """Issue 13: a removal without its version deleted a colleague's edit saved just before."""
    goal = goal_of(cast.plan)
    before = snapshot()
    response = api.delete(f"/goals/{goal.pk}")
    assert response.status_code == 422, response.content
    assert "version" in response.content.decode()
    assert snapshot() == before
