"""Recording, editing and removing a client's diagnoses over the API."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.api.helpers import Api, errors_by_field, snapshot
from tests.factories import SIGN, Personas, make_diagnosis
from trellis.clients.models import Diagnosis
from trellis.plans.signing.content import plan_hash
from trellis.plans.signing.services import plan_sign
from trellis.plans.versions.selectors import plan_tree


def test_add_answers_201_with_the_code_and_its_description(cast: Personas, api: Api) -> None:
    response = api.post(
        f"/clients/{cast.client.pk}/diagnoses",
        {"code": "F41.1", "onset_date": "2023-09-01", "notes": "Worry most days."},
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["code"], body["description"]) == ("F41.1", "Generalized anxiety disorder")
    assert (body["status"], body["is_primary"]) == ("active", False)
    assert body["client_id"] == str(cast.client.pk)
    assert body["diagnosed_by_id"] == str(cast.clinician.pk)
    assert body["diagnosed_on"] == timezone.localdate().isoformat()
    assert Diagnosis.objects.filter(pk=body["id"], client=cast.client).exists()


def test_add_accepts_a_code_as_typed(cast: Personas, api: Api) -> None:
    response = api.post(f"/clients/{cast.client.pk}/diagnoses", {"code": " f411 "})
    assert response.status_code == 201
    assert response.json()["code"] == "F41.1"


def test_a_new_primary_replaces_the_old_one(cast: Personas, api: Api) -> None:
    api.post(f"/clients/{cast.client.pk}/diagnoses", {"code": "F41.1", "is_primary": True})
    primaries = Diagnosis.objects.filter(client=cast.client, is_primary=True)
    assert [d.code for d in primaries] == ["F41.1"]


@pytest.mark.parametrize(
    ("code", "says"),
    [("A00.0", "not an ICD-10-CM code"), ("F32", "category"), ("F", "at least 3")],
)
def test_unknown_code_or_category_heading_is_422_on_code(
    cast: Personas, api: Api, code: str, says: str
) -> None:
    before = snapshot()
    response = api.post(f"/clients/{cast.client.pk}/diagnoses", {"code": code})
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"][-1] == "code"
    assert says in error["msg"]
    assert snapshot() == before


def test_future_onset_is_422(cast: Personas, api: Api) -> None:
    tomorrow = timezone.localdate() + timedelta(days=1)
    before = snapshot()
    response = api.post(
        f"/clients/{cast.client.pk}/diagnoses", {"code": "F41.1", "onset_date": str(tomorrow)}
    )
    assert response.status_code == 422
    assert "onset_date" in errors_by_field(response)
    assert snapshot() == before


def test_list_and_get(cast: Personas, api: Api) -> None:
    make_diagnosis(cast.clinician, cast.client, "F41.1")
    listed = api.get(f"/clients/{cast.client.pk}/diagnoses").json()
    assert [d["code"] for d in listed] == ["F32.1", "F41.1"]  # the primary first
    one = api.get(f"/diagnoses/{cast.diagnosis.pk}").json()
    assert (one["code"], one["is_primary"], one["version"]) == ("F32.1", True, 1)


def test_patch_with_the_current_version(cast: Personas, api: Api) -> None:
    response = api.patch(
        f"/diagnoses/{cast.diagnosis.pk}",
        {"version": 1, "status": "resolved", "notes": "Remitted after 16 sessions."},
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["notes"], body["version"]) == (
        "resolved",
        "Remitted after 16 sessions.",
        2,
    )
    cast.diagnosis.refresh_from_db()
    assert (cast.diagnosis.status, cast.diagnosis.version) == ("resolved", 2)


def test_patch_null_onset_clears_it(cast: Personas, api: Api) -> None:
    Diagnosis.objects.filter(pk=cast.diagnosis.pk).update(onset_date="2022-01-01")
    body = api.patch(f"/diagnoses/{cast.diagnosis.pk}", {"version": 1, "onset_date": None}).json()
    assert body["onset_date"] is None


def test_patch_with_a_stale_version_is_409_and_changes_nothing(cast: Personas, api: Api) -> None:
    api.patch(f"/diagnoses/{cast.diagnosis.pk}", {"version": 1, "notes": "First"})
    before = snapshot()
    response = api.patch(f"/diagnoses/{cast.diagnosis.pk}", {"version": 1, "notes": "Second"})
    assert response.status_code == 409
    assert response.json()["current_version"] == 2
    assert snapshot() == before


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"status": "cured"}, "status"),
        ({"notes": None}, "notes"),
        ({"is_primary": None}, "is_primary"),
        ({"code": "F41.1"}, "code"),  # the code is not edited: remove and add instead
    ],
)
def test_patch_with_a_bad_field_is_422_and_changes_nothing(
    cast: Personas, api: Api, change: dict[str, object], field: str
) -> None:
    before = snapshot()
    response = api.patch(f"/diagnoses/{cast.diagnosis.pk}", {"version": 1, **change})
    assert response.status_code == 422
    assert field in errors_by_field(response)
    assert snapshot() == before


def test_delete(cast: Personas, api: Api) -> None:
    response = api.delete(f"/diagnoses/{cast.diagnosis.pk}", version=1)
    assert response.status_code == 204
    assert response.content == b""
    assert not Diagnosis.objects.filter(pk=cast.diagnosis.pk).exists()
    assert api.get(f"/diagnoses/{cast.diagnosis.pk}").status_code == 404


def test_delete_without_a_version_is_422_and_removes_nothing(cast: Personas, api: Api) -> None:
    before = snapshot()
    response = api.delete(f"/diagnoses/{cast.diagnosis.pk}")
    assert response.status_code == 422
    assert "version" in errors_by_field(response)
    assert snapshot() == before


def test_delete_with_a_stale_version_is_409_and_changes_nothing(cast: Personas, api: Api) -> None:
    api.patch(f"/diagnoses/{cast.diagnosis.pk}", {"version": 1, "notes": "Reviewed"})
    before = snapshot()
    response = api.delete(f"/diagnoses/{cast.diagnosis.pk}", version=1)
    assert response.status_code == 409
    assert response.json()["current_version"] == 2
    assert snapshot() == before


def test_delete_unlinks_the_problems_that_named_it(cast: Personas, api: Api) -> None:
    problem = cast.plan.problems.get()
    api.patch(f"/problems/{problem.pk}", {"version": 1, "diagnosis_id": str(cast.diagnosis.pk)})
    api.delete(f"/diagnoses/{cast.diagnosis.pk}", version=1)
    problem.refresh_from_db()
    assert problem.diagnosis_id is None


def test_delete_of_a_diagnosis_a_signed_plan_names_is_409(cast: Personas, api: Api) -> None:
    from tests.factories import actor

    problem = cast.plan.problems.get()
    api.patch(f"/problems/{problem.pk}", {"version": 1, "diagnosis_id": str(cast.diagnosis.pk)})
    plan_sign(
        **SIGN,
        actor=actor(cast.clinician),
        plan=cast.plan,
        role="clinician",
        expected_hash=plan_hash(plan_tree(cast.plan)),
    )
    before = snapshot()
    response = api.delete(f"/diagnoses/{cast.diagnosis.pk}", version=1)
    assert response.status_code == 409
    assert response.json() == {
        "detail": "This diagnosis is used by a signed plan: resolve it or rule it out instead."
    }
    assert snapshot() == before


def test_onset_as_known_is_kept_with_its_precision(cast: Personas, api: Api) -> None:
    response = api.post(
        f"/clients/{cast.client.pk}/diagnoses", {"code": "F41.1", "onset": "March 2021"}
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["onset_text"], body["onset_precision"]) == ("March 2021", "month")
    assert body["onset_date"] == "2021-03-01"
    patched = api.patch(f"/diagnoses/{body['id']}", {"version": 1, "onset": "childhood"}).json()
    assert (patched["onset_text"], patched["onset_precision"]) == ("childhood", "described")
    assert patched["onset_date"] is None


def test_impossible_onset_is_422_on_onset(cast: Personas, api: Api) -> None:
    response = api.post(
        f"/clients/{cast.client.pk}/diagnoses", {"code": "F41.1", "onset": "2021-02-30"}
    )
    assert response.status_code == 422
    assert "onset" in errors_by_field(response)
