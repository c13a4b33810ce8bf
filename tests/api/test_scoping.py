"""Each persona sees exactly what the pages would show them: care team, supervisees'
clients, the admin's practice; anything else is 404 and changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.api.helpers import (
    Api,
    goal_of,
    intervention_of,
    objective_of,
    problem_of,
    snapshot,
)
from tests.factories import Personas, make_client, make_plan

ALLOWED = ("clinician", "supervisor", "admin")
DENIED = ("colleague", "outsider")


@dataclass(frozen=True)
class Call:
    method: str
    path: Callable[[Personas], str]
    body: Callable[[Personas], Any] = lambda c: None


CLIENT = lambda c: f"/clients/{c.client.pk}"  # noqa: E731
PLAN = lambda c: f"/plans/{c.plan.pk}"  # noqa: E731

CALLS: dict[str, Call] = {
    "get client": Call("get", CLIENT),
    "patch client": Call("patch", CLIENT, lambda c: {"version": 1, "pronouns": "they/them"}),
    "list diagnoses": Call("get", lambda c: f"/clients/{c.client.pk}/diagnoses"),
    "add diagnosis": Call(
        "post", lambda c: f"/clients/{c.client.pk}/diagnoses", lambda c: {"code": "F41.1"}
    ),
    "get diagnosis": Call("get", lambda c: f"/diagnoses/{c.diagnosis.pk}"),
    "patch diagnosis": Call(
        "patch", lambda c: f"/diagnoses/{c.diagnosis.pk}", lambda c: {"version": 1, "notes": "x"}
    ),
    "delete diagnosis": Call("delete", lambda c: f"/diagnoses/{c.diagnosis.pk}"),
    "list plans": Call("get", lambda c: f"/clients/{c.client.pk}/plans"),
    "create plan": Call("post", lambda c: f"/clients/{c.client.pk}/plans", lambda c: {}),
    "get plan": Call("get", PLAN),
    "patch plan": Call("patch", PLAN, lambda c: {"version": c.plan.version, "referrals": "PCP"}),
    "activate plan": Call(
        "post", lambda c: f"/plans/{c.plan.pk}/activate", lambda c: {"version": c.plan.version}
    ),
    "close plan": Call(
        "post", lambda c: f"/plans/{c.plan.pk}/close", lambda c: {"version": c.plan.version}
    ),
    "add problem": Call("post", lambda c: f"/plans/{c.plan.pk}/problems", lambda c: {"title": "S"}),
    "patch problem": Call(
        "patch", lambda c: f"/problems/{problem_of(c.plan).pk}", lambda c: {"version": 1}
    ),
    "delete problem": Call("delete", lambda c: f"/problems/{problem_of(c.plan).pk}"),
    "add goal": Call(
        "post", lambda c: f"/problems/{problem_of(c.plan).pk}/goals", lambda c: {"statement": "G"}
    ),
    "patch goal": Call("patch", lambda c: f"/goals/{goal_of(c.plan).pk}", lambda c: {"version": 1}),
    "delete goal": Call("delete", lambda c: f"/goals/{goal_of(c.plan).pk}"),
    "add objective": Call(
        "post", lambda c: f"/goals/{goal_of(c.plan).pk}/objectives", lambda c: {"statement": "O"}
    ),
    "patch objective": Call(
        "patch", lambda c: f"/objectives/{objective_of(c.plan).pk}", lambda c: {"version": 1}
    ),
    "delete objective": Call("delete", lambda c: f"/objectives/{objective_of(c.plan).pk}"),
    "add intervention": Call(
        "post",
        lambda c: f"/objectives/{objective_of(c.plan).pk}/interventions",
        lambda c: {"description": "Thought records"},
    ),
    "patch intervention": Call(
        "patch", lambda c: f"/interventions/{intervention_of(c.plan).pk}", lambda c: {"version": 1}
    ),
    "delete intervention": Call("delete", lambda c: f"/interventions/{intervention_of(c.plan).pk}"),
}


def call(caller: Api, cast: Personas, spec: Call) -> Any:
    path, body = spec.path(cast), spec.body(cast)
    if spec.method == "delete":
        return caller.delete(path, version=1)  # removals name the version they saw
    if spec.method == "get":
        return caller.get(path)
    return getattr(caller, spec.method)(path, body)


@pytest.mark.parametrize("persona", DENIED)
@pytest.mark.parametrize("name", sorted(CALLS))
def test_off_team_and_other_practice_get_404_and_change_nothing(
    cast: Personas, api_as: Callable[[str], Api], persona: str, name: str
) -> None:
    caller = api_as(persona)
    before = snapshot()
    response = call(caller, cast, CALLS[name])
    assert response.status_code == 404, response.content
    assert response.json() == {"detail": "Not found"}
    assert snapshot() == before


@pytest.mark.parametrize("persona", ALLOWED)
@pytest.mark.parametrize("name", sorted(CALLS))
def test_care_team_supervisor_and_admin_may(
    cast: Personas, api_as: Callable[[str], Api], persona: str, name: str
) -> None:
    response = call(api_as(persona), cast, CALLS[name])
    assert response.status_code in {200, 201, 204}, response.content


def test_a_missing_id_is_the_same_404_as_a_hidden_one(api: Api) -> None:
    response = api.get("/clients/00000000-0000-4000-8000-000000000000")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found"}


def _listed_ids(caller: Api, **params: str) -> set[str]:
    response = caller.get("/clients", **params)
    assert response.status_code == 200
    return {c["id"] for c in response.json()}


@pytest.mark.parametrize("persona", ALLOWED)
def test_client_list_shows_the_client_to_those_who_may(
    cast: Personas, api_as: Callable[[str], Api], persona: str
) -> None:
    assert str(cast.client.pk) in _listed_ids(api_as(persona))


@pytest.mark.parametrize("persona", DENIED)
def test_client_list_omits_the_client_for_others(
    cast: Personas, api_as: Callable[[str], Api], persona: str
) -> None:
    assert str(cast.client.pk) not in _listed_ids(api_as(persona), status="all")


def test_each_list_holds_exactly_what_its_caller_may_see(
    cast: Personas, api_as: Callable[[str], Api]
) -> None:
    colleagues_client = make_client(cast.colleague, first_name="Jordan", last_name="Lee")
    elsewhere = make_client(cast.outsider, first_name="Kim", last_name="Park")
    ours, theirs = str(cast.client.pk), str(colleagues_client.pk)
    assert _listed_ids(api_as("clinician")) == {ours}
    assert _listed_ids(api_as("colleague")) == {theirs}
    assert _listed_ids(api_as("supervisor")) == {ours}  # supervises the clinician only
    assert _listed_ids(api_as("admin")) == {ours, theirs}
    assert _listed_ids(api_as("outsider")) == {str(elsewhere.pk)}


def test_supervisor_does_not_see_a_non_supervisees_client(
    cast: Personas, api_as: Callable[[str], Api]
) -> None:
    colleagues_client = make_client(cast.colleague, first_name="Jordan", last_name="Lee")
    plan = make_plan(cast.colleague, colleagues_client)
    supervisor = api_as("supervisor")
    assert supervisor.get(f"/clients/{colleagues_client.pk}").status_code == 404
    assert supervisor.get(f"/plans/{plan.pk}").status_code == 404


def test_plan_lists_are_scoped_through_the_client(
    cast: Personas, api_as: Callable[[str], Api]
) -> None:
    elsewhere = make_client(cast.outsider, first_name="Kim", last_name="Park")
    make_plan(cast.outsider, elsewhere)
    assert api_as("clinician").get(f"/clients/{elsewhere.pk}/plans").status_code == 404
    plans = api_as("outsider").get(f"/clients/{elsewhere.pk}/plans").json()
    assert len(plans) == 1
