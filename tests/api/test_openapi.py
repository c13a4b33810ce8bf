"""The OpenAPI document: public (it describes shapes, never a client's data) and valid."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client as HttpClient

from tests.api.helpers import BASE
from tests.factories import Personas

OPERATIONS = {
    ("get", "/clients"),
    ("post", "/clients"),
    ("get", "/clients/{client_id}"),
    ("patch", "/clients/{client_id}"),
    ("get", "/clients/{client_id}/diagnoses"),
    ("post", "/clients/{client_id}/diagnoses"),
    ("get", "/diagnoses/{diagnosis_id}"),
    ("patch", "/diagnoses/{diagnosis_id}"),
    ("delete", "/diagnoses/{diagnosis_id}"),
    ("get", "/clients/{client_id}/plans"),
    ("post", "/clients/{client_id}/plans"),
    ("get", "/plans/{plan_id}"),
    ("patch", "/plans/{plan_id}"),
    ("post", "/plans/{plan_id}/{action}"),
    ("post", "/plans/{plan_id}/safety-plan/reviewed"),
    ("post", "/plans/{plan_id}/problems"),
    ("patch", "/problems/{item_id}"),
    ("delete", "/problems/{item_id}"),
    ("post", "/problems/{problem_id}/goals"),
    ("patch", "/goals/{item_id}"),
    ("delete", "/goals/{item_id}"),
    ("post", "/goals/{goal_id}/objectives"),
    ("patch", "/objectives/{item_id}"),
    ("delete", "/objectives/{item_id}"),
    ("post", "/objectives/{objective_id}/interventions"),
    ("patch", "/interventions/{item_id}"),
    ("delete", "/interventions/{item_id}"),
    ("get", "/clients/{client_id}/administrations"),
    ("post", "/clients/{client_id}/administrations"),
    ("get", "/administrations/{administration_id}"),
}
METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


@pytest.fixture
def document(db: None) -> dict[str, Any]:
    response = HttpClient().get(f"{BASE}/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return response.json()  # type: ignore[no-any-return]


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [r for value in node.values() for r in _refs(value)]
    if isinstance(node, list):
        return [r for value in node for r in _refs(value)]
    return []


def _resolve(document: dict[str, Any], ref: str) -> Any:
    assert ref.startswith("#/"), ref
    node: Any = document
    for part in ref[2:].split("/"):
        node = node[part]
    return node


def test_is_public_and_openapi_3(document: dict[str, Any]) -> None:
    assert re.fullmatch(r"3\.\d+\.\d+", document["openapi"])
    assert document["info"]["title"] == "Trellis API"
    assert document["info"]["version"]


def test_lists_every_operation(document: dict[str, Any]) -> None:
    listed = {
        (method, path.removeprefix(BASE))
        for path, item in document["paths"].items()
        for method in item
        if method in METHODS
    }
    assert listed == OPERATIONS


def test_every_operation_is_well_formed(document: dict[str, Any]) -> None:
    ids = []
    for path, item in document["paths"].items():
        assert path.startswith(f"{BASE}/")
        in_path = set(re.findall(r"{(\w+)}", path))
        for method, operation in item.items():
            ids.append(operation["operationId"])
            assert operation["summary"], (method, path)
            assert operation["responses"], (method, path)
            assert all(re.fullmatch(r"[1-5]\d\d", code) for code in operation["responses"])
            declared = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
            assert declared == in_path, (method, path)
            assert all(p["required"] for p in operation.get("parameters", []) if p["in"] == "path")
            if method in {"post", "patch"}:
                body = operation["requestBody"]["content"]["application/json"]["schema"]
                assert "$ref" in body, (method, path)
    assert len(ids) == len(set(ids))


def test_every_reference_resolves(document: dict[str, Any]) -> None:
    refs = _refs(document)
    assert refs
    for ref in refs:
        assert isinstance(_resolve(document, ref), dict), ref


def test_every_operation_requires_a_token_or_a_session(document: dict[str, Any]) -> None:
    schemes = document["components"]["securitySchemes"]
    assert schemes["BearerToken"] == {"type": "http", "scheme": "bearer"}
    assert schemes["PracticeSession"]["in"] == "cookie"
    for item in document["paths"].values():
        for operation in item.values():
            assert operation["security"] == [{"BearerToken": []}, {"PracticeSession": []}]


def test_inputs_refuse_unknown_fields_and_say_what_is_required(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    assert schemas["ClientIn"]["additionalProperties"] is False
    assert set(schemas["ClientIn"]["required"]) == {"first_name", "last_name", "date_of_birth"}
    assert schemas["PlanPatch"]["required"] == ["version"]
    sessions = schemas["PlanIn"]["properties"]["expected_sessions"]
    bounds = next(s for s in sessions.get("anyOf", [sessions]) if s.get("type") == "integer")
    assert (bounds["minimum"], bounds["maximum"]) == (1, 500)
    modality = schemas["InterventionIn"]["properties"]["modality"]
    assert "cbt" in modality["enum"]


def test_holds_no_client_data(cast: Personas) -> None:
    text = HttpClient().get(f"{BASE}/openapi.json").content.decode()
    assert cast.client.last_name not in text
    assert str(cast.client.pk) not in text
