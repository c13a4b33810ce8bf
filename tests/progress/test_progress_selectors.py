"""Reads used by the caseload dashboard and the charts: one query each."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import make_client, make_note
from trellis.plans.models import Goal
from trellis.progress.selectors import goal_ratings, last_session_dates, visible_notes

pytestmark = pytest.mark.django_db


def test_last_session_dates_in_one_query(active) -> None:
    today = timezone.localdate()
    other = make_client(active.clinician, first_name="Sam", last_name="Okafor")
    never = make_client(active.clinician, first_name="Lee", last_name="Park")
    make_note(active.clinician, active.client, session_date=today - timedelta(days=14), signed=True)
    make_note(active.clinician, active.client, session_date=today - timedelta(days=7))
    make_note(active.clinician, other, session_date=today - timedelta(days=30), signed=True)
    ids = [active.client.pk, other.pk, never.pk]
    with CaptureQueriesContext(connection) as captured:
        found = last_session_dates(ids)
    assert len(captured) == 1
    assert found == {
        active.client.pk: today - timedelta(days=7),
        other.pk: today - timedelta(days=30),
    }
    assert last_session_dates(ids, signed_only=True)[active.client.pk] == today - timedelta(days=14)


def test_goal_ratings_over_sessions(active) -> None:
    goal = Goal.objects.get(problem__plan=active.plan)
    today = timezone.localdate()
    for days, rating in ((21, 2), (14, 3), (7, 4)):
        make_note(
            active.clinician,
            active.client,
            session_date=today - timedelta(days=days),
            ratings={goal: rating},
            signed=True,
        )
    make_note(active.clinician, active.client, ratings={goal: 5})  # a draft: not yet counted
    with CaptureQueriesContext(connection) as captured:
        found = goal_ratings(active.client)
    assert len(captured) == 1
    assert found == [
        (goal.pk, today - timedelta(days=21), 2),
        (goal.pk, today - timedelta(days=14), 3),
        (goal.pk, today - timedelta(days=7), 4),
    ]
    assert goal_ratings(active.client, signed_only=False)[-1] == (goal.pk, today, 5)


def test_visible_notes_follow_the_care_team(active) -> None:
    note = make_note(active.clinician, active.client)
    assert list(visible_notes(active.supervisor)) == [note]
    assert list(visible_notes(active.admin)) == [note]
    assert list(visible_notes(active.colleague)) == []
    assert list(visible_notes(active.outsider)) == []
