"""Administrations over the API: scored as the manual says, refused with field errors,
scoped and audited like the pages."""

from __future__ import annotations

import pytest

from tests.api.helpers import Api
from tests.audit_helpers import events_since, last_id, summary
from tests.factories import PHQ9_ITEM9, actor, make_administration
from trellis.measures import services
from trellis.measures.models import Administration

pytestmark = pytest.mark.django_db


def _url(cast) -> str:
    return f"/clients/{cast.client.pk}/administrations"


def test_record_and_read_back(cast) -> None:
    http = Api(cast.clinician)
    mark = last_id()
    response = http.post(_url(cast), {"instrument": "phq9", "answers": [2, 2, 2, 2, 1, 1, 2, 2, 1]})
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["instrument"], body["total"], body["severity"]) == (
        "PHQ-9",
        15,
        "moderately severe",
    )
    assert body["flags"] == ["item9_positive"] and body["critical"] is True
    assert summary(events_since(mark)) == [
        ("view", "client", cast.client.pk),
        ("create", "administration", cast.client.pk),
    ]
    listed = http.get(_url(cast)).json()
    assert [a["id"] for a in listed] == [body["id"]]
    assert http.get(f"/administrations/{body['id']}").json()["total"] == 15


@pytest.mark.parametrize(
    ("payload", "where"),
    [
        ({"instrument": "PHQ-9", "answers": [1, 1]}, ["body", "answers"]),
        ({"instrument": "PHQ-9", "answers": [1] * 8 + [7]}, ["body", "answers"]),
        ({"instrument": "PHQ-9", "answers": "1,2"}, ["body", "answers"]),
        ({"instrument": "PHQ-9", "answers": [1] * 9, "mode": "fax"}, ["body", "mode"]),
        ({"instrument": "PHQ-9", "answers": [1] * 9, "extra": 1}, ["body", "extra"]),
    ],
)
def test_bad_payloads_are_refused_field_by_field(cast, payload, where) -> None:
    response = Api(cast.clinician).post(_url(cast), payload)
    assert response.status_code == 422
    assert where in [e["loc"] for e in response.json()["detail"]]
    assert not Administration.objects.exists()


def test_an_unknown_instrument_is_named_and_nothing_is_written(cast) -> None:
    api = Api(cast.clinician)
    mark = last_id()
    response = api.post(_url(cast), {"instrument": "XYZ", "answers": [1]})
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"] == ["body", "instrument"] and "PHQ-9" in error["msg"]
    assert events_since(mark) == []


def test_outsiders_see_nothing(cast) -> None:
    response = Api(cast.outsider).get(_url(cast))
    assert response.status_code == 404


def test_the_list_costs_the_same_for_1_or_30_scores(cast) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import PHQ9_ITEM9, make_administration

    http = Api(cast.clinician)
    make_administration(cast.clinician, cast.client)
    with CaptureQueriesContext(connection) as one:
        http.get(_url(cast))
    for _ in range(29):
        make_administration(cast.clinician, cast.client, PHQ9_ITEM9)
    with CaptureQueriesContext(connection) as thirty:
        assert len(http.get(_url(cast)).json()) == 30
    assert len(thirty) == len(one)


def test_a_time_without_a_time_zone_is_a_422_naming_the_field(cast) -> None:
    """Issue 13: a naive administered_at answered 500."""
    from trellis.measures.models import Administration

    response = Api(cast.clinician).post(
        _url(cast),
        {"instrument": "PHQ-9", "answers": [0] * 9, "administered_at": "2026-01-05T10:00:00"},
    )
    assert response.status_code == 422, response.content
    assert response.json()["detail"][0]["loc"] == ["body", "administered_at"]
    assert not Administration.objects.exists()


def test_the_difficulty_answer_goes_in_and_comes_back_outside_the_total(cast) -> None:
    http = Api(cast.clinician)
    payload = {"instrument": "GAD-7", "answers": [1] * 7, "unscored_answers": {"difficulty": 1}}
    body = http.post(_url(cast), payload).json()
    assert body["total"] == 7 and body["unscored_answers"] == {"difficulty": 1}
    assert body["total_only"] is False
    refused = http.post(_url(cast), {**payload, "unscored_answers": {"difficulty": 9}})
    assert refused.status_code == 422
    assert "difficulty: 9 is not one of its options" in str(refused.json())
    assert Administration.objects.count() == 1


def test_the_actions_taken_on_a_critical_item_are_listed(cast) -> None:
    administration = make_administration(cast.clinician, cast.client, PHQ9_ITEM9)
    http = Api(cast.clinician)
    assert http.get(f"/administrations/{administration.pk}").json()["critical_actions"] == []
    services.critical_response_record(
        actor=actor(cast.clinician),
        administration=administration,
        actions=["crisis_line", "safety_plan"],
        note="Plan reviewed, 988 given.",
    )
    body = http.get(f"/administrations/{administration.pk}").json()
    assert body["critical_response"] is True
    assert body["critical_actions"] == ["safety_plan", "crisis_line"]
