"""The access log rows each API call writes (zulip's exact-rows style).

A read writes one row per thing shown: `view` of the object, or `list` rows for a list.
A write writes the `view` of the record it opened (as the pages do) and then its own
rows. A refused write writes nothing. Every row says who, which client, and via "api".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client as HttpClient

from tests.api.helpers import BASE, Api, goal_of, intervention_of, objective_of, problem_of
from tests.audit_helpers import events_since, last_id
from tests.factories import PASSWORD, Personas, make_client
from trellis.accounts.models import User
from trellis.audit.models import AuditEvent
from trellis.clients.models import Client

Row = tuple[str, str, str]  # action, object_type, object_id


def audited(who: User, call: Callable[[], Any], *, client: Client | None) -> tuple[Any, list[Row]]:
    """Run one call; check what all its rows share (who, from where, via the API, which
    client) and return each row's own parts."""
    mark = last_id()
    response = call()
    events = events_since(mark)
    for event in events:
        assert (event.actor_id, event.actor_email, event.practice_id) == (
            who.pk,
            who.email,
            who.practice_id,
        )
        assert (event.via, event.ip_address) == ("api", "127.0.0.1")
        if client is not None:
            assert event.client_id == client.pk
    return response, [(e.action, e.object_type, e.object_id) for e in events]


def clinician_rows(cast: Personas, api: Api, call: Callable[[Api], Any]) -> list[Row]:
    """The rows of a call by the care-team clinician about the cast's client."""
    response, rows = audited(cast.clinician, lambda: call(api), client=cast.client)
    assert response.status_code < 400, response.content
    return rows


# Reads


def test_list_clients_writes_one_list_row_per_client_shown(cast: Personas, api: Api) -> None:
    second = make_client(cast.clinician, first_name="Jamie", last_name="Chen")
    _, rows = audited(cast.clinician, lambda: api.get("/clients"), client=None)
    assert sorted(rows) == sorted(
        [("list", "client", str(cast.client.pk)), ("list", "client", str(second.pk))]
    )


def test_an_empty_list_writes_nothing(cast: Personas, api_as: Callable[[str], Api]) -> None:
    colleague = api_as("colleague")
    _, rows = audited(cast.colleague, lambda: colleague.get("/clients"), client=None)
    assert rows == []


def test_reads(cast: Personas, api: Api) -> None:
    c, d, p = str(cast.client.pk), str(cast.diagnosis.pk), str(cast.plan.pk)
    assert clinician_rows(cast, api, lambda a: a.get(f"/clients/{c}")) == [("view", "client", c)]
    assert clinician_rows(cast, api, lambda a: a.get(f"/diagnoses/{d}")) == [
        ("view", "diagnosis", d)
    ]
    assert clinician_rows(cast, api, lambda a: a.get(f"/clients/{c}/diagnoses")) == [
        ("list", "diagnosis", c)
    ]
    assert clinician_rows(cast, api, lambda a: a.get(f"/clients/{c}/plans")) == [
        ("list", "treatmentplan", c)
    ]
    assert clinician_rows(cast, api, lambda a: a.get(f"/plans/{p}")) == [
        ("view", "treatmentplan", p)
    ]


def test_supervisor_and_admin_reads_are_recorded_as_theirs(
    cast: Personas, api_as: Callable[[str], Api]
) -> None:
    url = f"/plans/{cast.plan.pk}"
    for persona in ("supervisor", "admin"):
        caller = api_as(persona)
        _, rows = audited(getattr(cast, persona), lambda: caller.get(url), client=cast.client)  # noqa: B023
        assert rows == [("view", "treatmentplan", str(cast.plan.pk))]


def test_a_browser_session_is_recorded_via_api_too(cast: Personas) -> None:
    browser = HttpClient()
    browser.login(username=cast.clinician.email, password=PASSWORD)
    url = f"{BASE}/clients/{cast.client.pk}"
    _, rows = audited(cast.clinician, lambda: browser.get(url), client=cast.client)
    assert rows == [("view", "client", str(cast.client.pk))]


# Writes to clients and diagnoses


def test_create_client(cast: Personas, api: Api) -> None:
    body = {"first_name": "Robin", "last_name": "Okafor", "date_of_birth": "1985-06-01"}
    response, rows = audited(cast.clinician, lambda: api.post("/clients", body), client=None)
    new_id = response.json()["id"]
    assert rows == [("create", "client", new_id)]
    event = AuditEvent.objects.get(action="create", object_id=new_id)
    assert str(event.client_id) == new_id
    assert "Okafor" not in str(event.detail)  # field names, never values


def test_patch_client(cast: Personas, api: Api) -> None:
    c = str(cast.client.pk)
    change = {"version": 1, "presenting_problem": "Sleeps twelve hours a day."}
    rows = clinician_rows(cast, api, lambda a: a.patch(f"/clients/{c}", change))
    assert rows == [("view", "client", c), ("update", "client", c)]
    update = AuditEvent.objects.filter(action="update").latest("id")
    assert update.detail == {"fields": ["presenting_problem"]}


def test_patch_client_that_changes_nothing_is_only_a_view(cast: Personas, api: Api) -> None:
    c = str(cast.client.pk)
    same = {"version": 1, "last_name": cast.client.last_name}
    assert clinician_rows(cast, api, lambda a: a.patch(f"/clients/{c}", same)) == [
        ("view", "client", c)
    ]


def test_diagnosis_writes(cast: Personas, api: Api) -> None:
    c, d = str(cast.client.pk), str(cast.diagnosis.pk)
    response, rows = audited(
        cast.clinician,
        lambda: api.post(f"/clients/{c}/diagnoses", {"code": "F41.1"}),
        client=cast.client,
    )
    assert rows == [("view", "client", c), ("create", "diagnosis", response.json()["id"])]
    patch = {"version": 1, "status": "resolved"}
    assert clinician_rows(cast, api, lambda a: a.patch(f"/diagnoses/{d}", patch)) == [
        ("view", "diagnosis", d),
        ("update", "diagnosis", d),
    ]
    assert clinician_rows(cast, api, lambda a: a.delete(f"/diagnoses/{d}", version=2)) == [
        ("view", "diagnosis", d),
        ("delete", "diagnosis", d),
    ]


# Writes to plans


def test_plan_writes(cast: Personas, api: Api) -> None:
    c, p = str(cast.client.pk), str(cast.plan.pk)
    response, rows = audited(
        cast.clinician,
        lambda: api.post(f"/clients/{c}/plans", {"title": "Second"}),
        client=cast.client,
    )
    second = response.json()["id"]
    assert rows == [("view", "client", c), ("create", "treatmentplan", second)]
    patch = {"version": cast.plan.version, "referrals": "PCP"}
    assert clinician_rows(cast, api, lambda a: a.patch(f"/plans/{p}", patch)) == [
        ("view", "treatmentplan", p),
        ("update", "treatmentplan", p),
    ]
    version = {"version": cast.plan.version + 1}
    assert clinician_rows(cast, api, lambda a: a.post(f"/plans/{p}/activate", version)) == [
        ("view", "treatmentplan", p),
        ("update", "treatmentplan", p),
    ]
    version = {"version": cast.plan.version + 2}
    assert clinician_rows(cast, api, lambda a: a.post(f"/plans/{p}/close", version)) == [
        ("view", "treatmentplan", p),
        ("update", "treatmentplan", p),
    ]


def test_activation_records_the_plan_it_supersedes(cast: Personas, api: Api) -> None:
    first, version = str(cast.plan.pk), cast.plan.version
    api.post(f"/plans/{first}/activate", {"version": version})
    second = api.post(f"/clients/{cast.client.pk}/plans", {}).json()["id"]
    problem = api.post(f"/plans/{second}/problems", {"title": "Sleep"}).json()["id"]
    goal = api.post(f"/problems/{problem}/goals", {"statement": "Sleep"}).json()["id"]
    api.post(f"/goals/{goal}/objectives", {"statement": "Diary"})
    rows = clinician_rows(cast, api, lambda a: a.post(f"/plans/{second}/activate", {"version": 1}))
    assert rows == [
        ("view", "treatmentplan", second),
        ("update", "treatmentplan", first),
        ("update", "treatmentplan", second),
    ]


@pytest.mark.parametrize(
    ("kind", "parent", "add_path", "body", "find"),
    [
        ("problem", "treatmentplan", "/plans/{}/problems", {"title": "Sleep"}, problem_of),
        ("goal", "problem", "/problems/{}/goals", {"statement": "Rest"}, goal_of),
        ("objective", "goal", "/goals/{}/objectives", {"statement": "Diary"}, objective_of),
        (
            "intervention",
            "objective",
            "/objectives/{}/interventions",
            {"description": "Sleep hygiene"},
            intervention_of,
        ),
    ],
)
def test_item_writes(
    cast: Personas,
    api: Api,
    kind: str,
    parent: str,
    add_path: str,
    body: dict[str, str],
    find: Callable[[Any], Any],
) -> None:
    parents = {
        "treatmentplan": cast.plan,
        "problem": problem_of(cast.plan),
        "goal": goal_of(cast.plan),
        "objective": objective_of(cast.plan),
    }
    parent_id, item = str(parents[parent].pk), str(find(cast.plan).pk)
    response, rows = audited(
        cast.clinician, lambda: api.post(add_path.format(parent_id), body), client=cast.client
    )
    assert rows == [("view", parent, parent_id), ("create", kind, response.json()["id"])]

    url = f"/{kind}s/{item}"
    assert clinician_rows(cast, api, lambda a: a.patch(url, {"version": 1, **body})) == [
        ("view", kind, item),
        ("update", kind, item),
    ]
    assert clinician_rows(cast, api, lambda a: a.delete(url, version=2)) == [
        ("view", kind, item),
        ("delete", kind, item),
    ]


# Refusals


@pytest.mark.parametrize(
    "call",
    [
        lambda c, a: a.patch(f"/clients/{c.client.pk}", {"version": 9, "pronouns": "x"}),
        lambda c, a: a.post(f"/clients/{c.client.pk}/diagnoses", {"code": "F32"}),
        lambda c, a: a.post(f"/clients/{c.client.pk}/diagnoses", "{broken"),
        lambda c, a: a.patch(f"/plans/{c.plan.pk}", {"version": 1, "expected_sessions": 0}),
        lambda c, a: a.post(
            f"/plans/{c.plan.pk}/problems", {"title": "S", "diagnosis_id": None, "x": 1}
        ),
        lambda c, a: a.post(f"/clients/{c.client.pk}/plans", {"review_date": "2000-01-01"}),
        lambda c, a: a.delete(f"/goals/{goal_of(c.plan).pk}", version=7),
    ],
    ids=[
        "stale",
        "category",
        "not json",
        "out of range",
        "extra field",
        "bad dates",
        "stale delete",
    ],
)
def test_a_refused_write_writes_no_row(
    cast: Personas, api: Api, call: Callable[[Personas, Api], Any]
) -> None:
    response, rows = audited(cast.clinician, lambda: call(cast, api), client=None)
    assert response.status_code in {400, 409, 422}
    assert rows == []


@pytest.mark.parametrize("persona", ["colleague", "outsider"])
def test_a_denied_call_writes_no_row(
    cast: Personas, api_as: Callable[[str], Api], persona: str
) -> None:
    caller = api_as(persona)
    url = f"/plans/{cast.plan.pk}"
    response, rows = audited(getattr(cast, persona), lambda: caller.get(url), client=None)
    assert response.status_code == 404
    assert rows == []
