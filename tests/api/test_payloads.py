"""Malformed and out-of-range payloads: 400 for a body that is not JSON, 422 with one
entry per field otherwise (its `loc` names the field), and never a change."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.helpers import Api, errors_by_field, objective_of, problem_of, snapshot
from tests.factories import Personas

NEW_CLIENT = {"first_name": "Robin", "last_name": "Okafor", "date_of_birth": "1985-06-01"}


def writes(cast: Personas) -> list[tuple[str, str]]:
    """(method, path) of a write of each shape, for the checks every write must pass."""
    return [
        ("post", "/clients"),
        ("patch", f"/clients/{cast.client.pk}"),
        ("post", f"/clients/{cast.client.pk}/diagnoses"),
        ("patch", f"/diagnoses/{cast.diagnosis.pk}"),
        ("post", f"/clients/{cast.client.pk}/plans"),
        ("patch", f"/plans/{cast.plan.pk}"),
        ("post", f"/plans/{cast.plan.pk}/activate"),
        ("post", f"/plans/{cast.plan.pk}/problems"),
        ("patch", f"/problems/{problem_of(cast.plan).pk}"),
        ("post", f"/objectives/{objective_of(cast.plan).pk}/interventions"),
    ]


def send(api: Api, method: str, path: str, body: Any) -> Any:
    return getattr(api, method)(path, body)


@pytest.mark.parametrize("body", ["{not json", '{"first_name": "Robin",}', "", b"\xff\xfe{"])
def test_a_body_that_is_not_json_is_400_with_a_clear_message(
    cast: Personas, api: Api, body: str | bytes
) -> None:
    for method, path in writes(cast):
        if body == "":
            continue  # an empty body is a missing payload, below
        before = snapshot()
        response = send(api, method, path, body)
        assert response.status_code == 400, (path, response.content)
        assert "not valid JSON" in response.json()["detail"]
        assert snapshot() == before


@pytest.mark.parametrize(
    "body",
    [
        "[" * 100_000 + "]" * 100_000,  # past Python's stack: was a 500
        '{"first_name": ' + "[" * 40 + "]" * 40 + "}",  # parses, but no field is that deep
    ],
    ids=["past-the-stack", "too-deep"],
)
def test_a_deeply_nested_body_is_400_and_changes_nothing(cast: Personas, api: Api, body) -> None:
    for method, path in writes(cast):
        before = snapshot()
        response = send(api, method, path, body)
        assert response.status_code == 400, (path, response.content)
        assert response.json()["detail"] == (
            "The request body is nested more than 32 levels deep; no operation needs that."
        )
        assert snapshot() == before


def test_the_400_quotes_nothing_the_caller_sent(api: Api) -> None:
    response = api.post("/clients", '{"last_name": "Okafor" "first_name"}')
    assert response.status_code == 400
    assert "Okafor" not in response.content.decode()
    assert "line 1, column" in response.json()["detail"]


@pytest.mark.parametrize("body", ["[1, 2]", '"Robin"', "42", "null"])
def test_json_that_is_not_an_object_is_422_on_the_body(cast: Personas, api: Api, body: str) -> None:
    for method, path in writes(cast):
        before = snapshot()
        response = send(api, method, path, body)
        assert response.status_code == 422, (path, response.content)
        assert [e["loc"] for e in response.json()["detail"]] == [["body"]]
        assert snapshot() == before


def test_an_empty_body_is_422_asking_for_one(api: Api) -> None:
    response = api.post("/clients", "")
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"loc": ["body"], "msg": "A JSON object body is required.", "type": "missing"}
    ]


@pytest.mark.parametrize(
    ("path", "body", "fields"),
    [
        ("/clients", {"first_name": "Robin"}, {"last_name", "date_of_birth"}),
        ("/clients", {**NEW_CLIENT, "first_name": ""}, {"first_name"}),
        ("/clients", {**NEW_CLIENT, "first_name": "   "}, {"first_name"}),
        ("/clients", {**NEW_CLIENT, "first_name": 42}, {"first_name"}),
        ("/clients", {**NEW_CLIENT, "first_name": "R" * 101}, {"first_name"}),
        ("/clients", {**NEW_CLIENT, "date_of_birth": "2024-13-45"}, {"date_of_birth"}),
        ("/clients", {**NEW_CLIENT, "date_of_birth": "last spring"}, {"date_of_birth"}),
        ("/clients", {**NEW_CLIENT, "interpreter_needed": "maybe"}, {"interpreter_needed"}),
        ("/clients", {**NEW_CLIENT, "email": "not an address"}, {"email"}),
        ("/clients", {**NEW_CLIENT, "care_team": "everyone"}, {"care_team"}),
        ("/clients", {**NEW_CLIENT, "care_team": ["not-a-uuid"]}, {"care_team"}),
        ("/clients", {**NEW_CLIENT, "status": "discharged"}, {"status"}),
        ("/clients", {**NEW_CLIENT, "nickname": "Rob"}, {"nickname"}),
        ("/clients", {**NEW_CLIENT, "id": "00000000-0000-4000-8000-000000000000"}, {"id"}),
    ],
)
def test_create_client_with_bad_fields_is_422_naming_them(
    api: Api, path: str, body: dict[str, Any], fields: set[str]
) -> None:
    before = snapshot()
    response = api.post(path, body)
    assert response.status_code == 422
    assert set(errors_by_field(response)) == fields
    for entry in response.json()["detail"]:
        assert entry["loc"][0] == "body"
        assert set(entry) == {"loc", "msg", "type"}  # no echo of what was sent
    assert snapshot() == before


def test_every_bad_field_is_reported_at_once(cast: Personas, api: Api) -> None:
    before = snapshot()
    response = api.patch(
        f"/plans/{cast.plan.pk}",
        {
            "version": cast.plan.version,
            "expected_sessions": 0,
            "start_date": "2024-13-45",
            "review_date": "soon",
            "session_frequency": "x" * 101,
            "unknown_field": True,
        },
    )
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert {tuple(e["loc"]) for e in detail} == {
        ("body", "expected_sessions"),
        ("body", "start_date"),
        ("body", "review_date"),
        ("body", "session_frequency"),
        ("body", "unknown_field"),
    }
    assert {e["type"] for e in detail} >= {"greater_than_equal", "extra_forbidden"}
    assert snapshot() == before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"expected_sessions": 0}, "expected_sessions"),
        ({"expected_sessions": 501}, "expected_sessions"),
        ({"expected_sessions": -3}, "expected_sessions"),
        ({"expected_sessions": "many"}, "expected_sessions"),
        ({"expected_sessions": 2.5}, "expected_sessions"),
        ({"start_date": "2024-13-45"}, "start_date"),
        ({"review_date": "2024-02-30"}, "review_date"),
        ({"title": ""}, "title"),
        ({"title": "T" * 201}, "title"),
        ({"crisis_lines": "x" * 20001}, "crisis_lines"),
        ({"status": "active"}, "status"),
    ],
)
def test_create_plan_out_of_range_is_422_naming_the_field(
    cast: Personas, api: Api, body: dict[str, Any], field: str
) -> None:
    before = snapshot()
    response = api.post(f"/clients/{cast.client.pk}/plans", body)
    assert response.status_code == 422
    assert list(errors_by_field(response)) == [field]
    assert snapshot() == before


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("client", {"pronouns": "they/them"}, "version"),
        ("client", {"version": 0, "pronouns": "they/them"}, "version"),
        ("client", {"version": "one", "pronouns": "they/them"}, "version"),
        ("client", {"version": 1, "status": "archived"}, "status"),
        ("plan", {"referrals": "PCP"}, "version"),
        ("plan", {"version": 1, "start_date": None}, "start_date"),
        ("problem", {"version": 1, "title": ""}, "title"),
        ("problem", {"version": 1, "diagnosis_id": "F32.1"}, "diagnosis_id"),
        ("objective", {"version": 1, "status": "done"}, "status"),
        ("objective", {"version": 1, "statement": None}, "statement"),
        ("objective", {"version": 1, "target_date": "2024-13-45"}, "target_date"),
        ("intervention", {"version": 1, "modality": "hypnosis"}, "modality"),
        ("intervention", {"version": 1, "description": " "}, "description"),
        ("goal", {"version": 1, "position": 3}, "position"),
    ],
)
def test_patch_with_a_bad_field_is_422_naming_it(
    cast: Personas, api: Api, path: str, body: dict[str, Any], field: str
) -> None:
    objective = objective_of(cast.plan)
    urls = {
        "client": f"/clients/{cast.client.pk}",
        "plan": f"/plans/{cast.plan.pk}",
        "problem": f"/problems/{problem_of(cast.plan).pk}",
        "goal": f"/goals/{objective.goal_id}",
        "objective": f"/objectives/{objective.pk}",
        "intervention": f"/interventions/{objective.interventions.get().pk}",
    }
    before = snapshot()
    response = api.patch(urls[path], body)
    assert response.status_code == 422, response.content
    assert list(errors_by_field(response)) == [field]
    assert snapshot() == before


@pytest.mark.parametrize(
    ("suffix", "body", "field"),
    [
        ("problems", {}, "title"),
        ("problems", {"title": "Sleep", "goals": []}, "goals"),
        ("activate", {}, "version"),
        ("activate", {"version": "latest"}, "version"),
    ],
)
def test_plan_posts_with_bad_fields_are_422(
    cast: Personas, api: Api, suffix: str, body: dict[str, Any], field: str
) -> None:
    before = snapshot()
    response = api.post(f"/plans/{cast.plan.pk}/{suffix}", body)
    assert response.status_code == 422
    assert list(errors_by_field(response)) == [field]
    assert snapshot() == before


def test_a_malformed_id_in_the_path_is_422_naming_it(api: Api) -> None:
    response = api.get("/clients/not-a-uuid")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "client_id"]


def test_a_malformed_version_in_the_query_is_422_naming_it(cast: Personas, api: Api) -> None:
    before = snapshot()
    response = api.delete(f"/diagnoses/{cast.diagnosis.pk}", version="latest")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "version"]
    assert snapshot() == before
