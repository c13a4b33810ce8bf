"""Issue 12: a note records when the session ran, its service code (CPT) and its place of
service (CMS); the length comes from the times, must fit a time-based code's band, and bad
input says what and where and changes nothing."""

from __future__ import annotations

from datetime import time

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.audit_helpers import events_since, last_id
from tests.factories import PASSWORD, SIGN, actor, make_note
from trellis.plans.models import Goal
from trellis.progress import services
from trellis.progress.models import ProgressNote

pytestmark = pytest.mark.django_db


def _note(cast, **fields):
    return make_note(cast.clinician, cast.client, **fields)


def test_times_give_the_length_and_the_code_fits_it(active) -> None:
    note = _note(
        active,
        start_time=time(9, 0),
        end_time=time(9, 53),
        duration_minutes=None,
        service_code="90837",
        place_of_service="10",
        session_type="telehealth_video",
    )
    assert note.duration_minutes == 53
    services.note_sign(**SIGN, actor=actor(active.clinician), note=note, expected_version=1)
    session = ProgressNote.objects.get(pk=note.pk).signed_content["session"]
    assert (session["start"], session["end"], session["minutes"]) == ("09:00", "09:53", 53)
    assert session["service_code"] == "90837" and session["place_of_service"] == "10"
    assert "60 minutes" in session["service_label"]
    assert "Telehealth" in session["place_label"]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"start_time": time(10, 0), "end_time": time(9, 30)}, "end_time", "ends after it starts"),
        ({"start_time": time(10, 0)}, "end_time", "both the start and the end"),
        ({"duration_minutes": 45, "service_code": "90837"}, "service_code", "53 minutes or more"),
        ({"duration_minutes": 30, "service_code": "90834"}, "service_code", "38 to 52 minutes"),
        ({"duration_minutes": None, "service_code": "90832"}, "service_code", "give the session"),
        ({"service_code": "99999"}, "service_code", "listed service codes"),
        ({"place_of_service": "99"}, "place_of_service", "listed places"),
        (
            {"session_type": "telehealth_video", "place_of_service": "11"},
            "place_of_service",
            "02 or 10",
        ),
    ],
)
def test_bad_times_or_codes_are_refused_where_they_are(active, fields, field, message) -> None:
    mark = last_id()
    with pytest.raises(ValidationError) as caught:
        _note(active, **fields)
    assert message in " ".join(caught.value.message_dict[field])
    assert not ProgressNote.objects.exists() and events_since(mark) == []


def test_codes_without_a_time_band_take_any_length(active) -> None:
    note = _note(active, duration_minutes=90, service_code="90791", place_of_service="11")
    assert note.service_code == "90791"


def test_the_form_offers_the_codes_and_keeps_what_was_typed(client, active) -> None:
    client.login(username=active.clinician.email, password=PASSWORD)
    url = reverse("progress:create", args=[active.client.pk])
    body = client.get(url).content.decode()
    assert "90834 · Individual psychotherapy, about 45 minutes (38 to 52 minutes)" in body
    assert "10 · Telehealth, client at home" in body
    goal = Goal.objects.get(problem__plan=active.plan)
    response = client.post(
        url,
        {
            "note_format": "dap",
            "session_date": "2026-01-05",
            "session_type": "individual",
            "start_time": "09:00",
            "end_time": "09:40",
            "service_code": "90837",
            "place_of_service": "11",
            "section_data": "My careful words",
            f"rating_{goal.pk}": "3",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "90837 is for 53 minutes or more; this session lasted 40 minutes." in body
    assert "My careful words" in body and 'value="09:40"' in body
    assert not ProgressNote.objects.exists()


def test_the_form_heads_goals_with_their_problem_and_never_cuts_a_label(client, active) -> None:
    from trellis.plans.models import Intervention

    long = "Activity scheduling with a weekly review of the log, planned together in session"
    Intervention.objects.filter(objective__goal__problem__plan=active.plan).update(description=long)
    client.login(username=active.clinician.email, password=PASSWORD)
    body = client.get(reverse("progress:create", args=[active.client.pk])).content.decode()
    assert "Problem: Depressed mood" in body
    assert body.index("Problem: Depressed mood") < body.index("Mood lifts enough to work.")
    assert long in body
