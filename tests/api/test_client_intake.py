"""The intake fields, client number and age over the API: created, read, patched with an
audit naming the fields, and refused with the field named when a value is not a choice."""

from __future__ import annotations

from tests.api.helpers import Api, errors_by_field
from tests.audit_helpers import events_since, last_id
from tests.factories import Personas
from trellis.clients.models import Client

NEW = {"first_name": "Robin", "last_name": "Okafor", "date_of_birth": "1985-06-01"}


def test_create_read_and_patch_the_intake(cast: Personas, api: Api) -> None:
    body = api.post(
        "/clients",
        {
            **NEW,
            "referral_source": "Self",
            "suicidal_ideation": "active_no_plan",
            "education": "graduate",
            "first_session_date": "2026-11-30",
        },
    ).json()
    assert body["number"] == 2 and body["age"] >= 41
    assert (body["suicidal_ideation"], body["homicidal_ideation"]) == (
        "active_no_plan",
        "not_assessed",
    )
    assert body["first_session_date"] == "2026-11-30"
    mark = last_id()
    patched = api.patch(
        f"/clients/{body['id']}",
        {"version": body["version"], "prescriber": "Dr Lee", "first_session_date": None},
    )
    assert patched.status_code == 200
    client = Client.objects.get(pk=body["id"])
    assert (client.prescriber, client.first_session_date) == ("Dr Lee", None)
    updates = [e for e in events_since(mark) if e.action == "update"]
    assert [sorted(e.detail["fields"]) for e in updates] == [["first_session_date", "prescriber"]]
    assert api.get(f"/clients/{body['id']}").json()["number"] == 2


def test_a_value_that_is_not_a_choice_is_refused_on_its_field(cast: Personas, api: Api) -> None:
    response = api.patch(
        f"/clients/{cast.client.pk}", {"version": 1, "self_harm_history": "sometimes"}
    )
    assert response.status_code == 422
    assert "self_harm_history" in errors_by_field(response)
    assert api.post("/clients", {**NEW, "number": 5}).status_code == 422  # never typed
