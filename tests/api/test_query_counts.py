"""Reads cost a fixed number of queries whatever the size of what they return."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.helpers import Api
from tests.factories import Personas, grow_plan, make_client, make_diagnosis, make_plan


def queries(call) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        response = call()
    assert response.status_code == 200, response.content
    return len(captured)


def test_a_plan_of_40_objectives_costs_what_a_plan_of_1_does(cast: Personas, api: Api) -> None:
    small = grow_plan(cast.clinician, make_plan(cast.clinician, cast.client), objectives=1)
    large = grow_plan(cast.clinician, make_plan(cast.clinician, cast.client), objectives=40)
    grow_plan(cast.clinician, large, objectives=5)  # a second problem and goal
    small_count = queries(lambda: api.get(f"/plans/{small.pk}"))
    large_count = queries(lambda: api.get(f"/plans/{large.pk}"))
    assert large_count == small_count
    # throttle, token and its last use, plan, 4 tree levels, 2 target reads, audit row: 11
    assert small_count <= 11
    tree = api.get(f"/plans/{large.pk}").json()["problems"]
    assert sum(len(g["objectives"]) for p in tree for g in p["goals"]) == 45


def test_editing_a_plan_costs_the_same_whatever_its_size(cast: Personas, api: Api) -> None:
    small = grow_plan(cast.clinician, make_plan(cast.clinician, cast.client), objectives=1)
    large = grow_plan(cast.clinician, make_plan(cast.clinician, cast.client), objectives=40)

    def edit(plan_id: object) -> int:
        return queries(lambda: api.patch(f"/plans/{plan_id}", {"version": 1, "referrals": "PCP"}))

    assert edit(large.pk) == edit(small.pk)


def test_the_client_list_costs_the_same_for_1_client_or_10(cast: Personas, api: Api) -> None:
    one = queries(lambda: api.get("/clients"))
    for n in range(9):
        client = make_client(cast.clinician, first_name=f"Client{n}", last_name="Test")
        make_diagnosis(cast.clinician, client, "F41.1")
    ten = queries(lambda: api.get("/clients"))
    assert len(api.get("/clients").json()) == 10
    assert ten == one


def test_a_clients_diagnoses_cost_the_same_for_1_or_5(cast: Personas, api: Api) -> None:
    url = f"/clients/{cast.client.pk}/diagnoses"
    one = queries(lambda: api.get(url))
    for code in ("F41.1", "F43.10", "F40.10", "Z63.0"):
        make_diagnosis(cast.clinician, cast.client, code)
    assert queries(lambda: api.get(url)) == one
