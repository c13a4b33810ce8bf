"""Adding, reading, listing and editing clients over the API."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.api.helpers import Api, errors_by_field, snapshot
from tests.factories import Personas, make_client, make_user
from trellis.clients.models import Client

NEW = {
    "first_name": "Robin",
    "last_name": "Okafor",
    "date_of_birth": "1985-06-01",
    "pronouns": "she/her",
    "preferred_language": "Yoruba",
    "interpreter_needed": True,
    "email": "robin@example.test",
    "presenting_problem": "Panic attacks on the commute.",
}


def test_create_answers_201_with_the_record(cast: Personas, api: Api) -> None:
    response = api.post("/clients", NEW)
    assert response.status_code == 201
    body = response.json()
    client = Client.objects.get(pk=body["id"])
    assert client.practice == cast.practice
    assert (body["first_name"], body["last_name"], body["date_of_birth"]) == (
        "Robin",
        "Okafor",
        "1985-06-01",
    )
    assert body["interpreter_needed"] is True
    assert body["status"] == "active"
    assert body["version"] == 1


def test_create_puts_the_caller_on_the_care_team_by_default(cast: Personas, api: Api) -> None:
    body = api.post("/clients", NEW).json()
    assert body["care_team"] == [
        {"id": str(cast.clinician.pk), "full_name": cast.clinician.full_name, "is_primary": True}
    ]
    assert api.get(f"/clients/{body['id']}").status_code == 200


def test_create_with_a_care_team_keeps_its_order_first_is_primary(
    cast: Personas, api_as: Callable[[str], Api]
) -> None:
    team = [str(cast.colleague.pk), str(cast.clinician.pk)]
    body = api_as("admin").post("/clients", {**NEW, "care_team": team}).json()
    assert [(m["id"], m["is_primary"]) for m in body["care_team"]] == [
        (team[0], True),
        (team[1], False),
    ]
    assert api_as("colleague").get(f"/clients/{body['id']}").status_code == 200


@pytest.mark.parametrize("who", ["outsider", "unknown", "empty"])
def test_care_team_outside_the_practice_is_422_on_care_team(
    cast: Personas, api: Api, who: str
) -> None:
    team = {
        "outsider": [str(cast.clinician.pk), str(cast.outsider.pk)],
        "unknown": ["00000000-0000-4000-8000-000000000000"],
        "empty": [],
    }[who]
    before = snapshot()
    response = api.post("/clients", {**NEW, "care_team": team})
    assert response.status_code == 422
    assert list(errors_by_field(response)) == ["care_team"]
    assert snapshot() == before


def test_care_team_with_an_inactive_colleague_is_422(cast: Personas, api: Api) -> None:
    gone = make_user("gone@test.test", cast.practice, is_active=False)
    before = snapshot()
    response = api.post("/clients", {**NEW, "care_team": [str(gone.pk)]})
    assert response.status_code == 422
    assert "care_team" in errors_by_field(response)
    assert snapshot() == before


def test_future_birth_date_is_422(api: Api) -> None:
    tomorrow = timezone.localdate() + timedelta(days=1)
    before = snapshot()
    response = api.post("/clients", {**NEW, "date_of_birth": tomorrow.isoformat()})
    assert response.status_code == 422
    assert "future" in errors_by_field(response)["date_of_birth"]
    assert snapshot() == before


def test_get_client(cast: Personas, api: Api) -> None:
    body = api.get(f"/clients/{cast.client.pk}").json()
    assert body["id"] == str(cast.client.pk)
    assert body["presenting_problem"] == cast.client.presenting_problem
    assert body["care_team"][0]["id"] == str(cast.clinician.pk)


def test_list_filters_by_status(cast: Personas, api: Api) -> None:
    gone = make_client(cast.clinician, first_name="Sky", last_name="Moreno")
    Client.objects.filter(pk=gone.pk).update(status="discharged")

    def ids(status: str) -> set[str]:
        return {c["id"] for c in api.get("/clients", status=status).json()}

    assert ids("active") == {str(cast.client.pk)}
    assert ids("discharged") == {str(gone.pk)}
    assert ids("all") == {str(cast.client.pk), str(gone.pk)}


def test_list_with_an_unknown_status_is_422_on_the_query(api: Api) -> None:
    response = api.get("/clients", status="asleep")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "status"]


def test_patch_with_the_current_version(cast: Personas, api: Api) -> None:
    response = api.patch(
        f"/clients/{cast.client.pk}",
        {"version": 1, "pronouns": "they/them", "strengths": "Runs every morning."},
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["pronouns"], body["strengths"], body["version"]) == (
        "they/them",
        "Runs every morning.",
        2,
    )
    cast.client.refresh_from_db()
    assert (cast.client.pronouns, cast.client.version) == ("they/them", 2)
    assert body["first_name"] == cast.client.first_name  # untouched fields kept


def test_patch_with_a_stale_version_is_409_and_changes_nothing(cast: Personas, api: Api) -> None:
    api.patch(f"/clients/{cast.client.pk}", {"version": 1, "pronouns": "she/her"})
    before = snapshot()
    response = api.patch(f"/clients/{cast.client.pk}", {"version": 1, "pronouns": "he/him"})
    assert response.status_code == 409
    assert response.json()["current_version"] == 2
    assert "changed" in response.json()["detail"]
    assert snapshot() == before


def test_patch_that_changes_nothing_keeps_the_version(cast: Personas, api: Api) -> None:
    same = {"version": 1, "first_name": cast.client.first_name}
    response = api.patch(f"/clients/{cast.client.pk}", same)
    assert response.status_code == 200
    assert response.json()["version"] == 1


def test_discharge_and_reactivate(cast: Personas, api: Api) -> None:
    body = api.patch(f"/clients/{cast.client.pk}", {"version": 1, "status": "discharged"}).json()
    assert body["status"] == "discharged"
    assert body["discharged_on"] == timezone.localdate().isoformat()
    body = api.patch(f"/clients/{cast.client.pk}", {"version": 2, "status": "active"}).json()
    assert (body["status"], body["discharged_on"]) == ("active", None)


@pytest.mark.parametrize("field", ["first_name", "date_of_birth", "status", "email"])
def test_patch_refuses_null_for_a_required_field(cast: Personas, api: Api, field: str) -> None:
    before = snapshot()
    response = api.patch(f"/clients/{cast.client.pk}", {"version": 1, field: None})
    assert response.status_code == 422
    assert field in errors_by_field(response)
    assert snapshot() == before


def test_patch_cannot_move_a_birth_date_into_the_future(cast: Personas, api: Api) -> None:
    tomorrow = timezone.localdate() + timedelta(days=1)
    before = snapshot()
    response = api.patch(
        f"/clients/{cast.client.pk}", {"version": 1, "date_of_birth": tomorrow.isoformat()}
    )
    assert response.status_code == 422
    assert "date_of_birth" in errors_by_field(response)
    assert snapshot() == before
