"""The dashboard says what the plan says: one status (``evaluate_target``'s) for both, so a
target the plan calls "on track" is never "not improving" on the caseload, and a reliable
improvement shows there as good news."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD, actor, make_administration, make_note, phq9_answers
from trellis.plans import services as plan_services
from trellis.plans.models import Goal, TreatmentPlan

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, cast):
    start = timezone.localdate() - timedelta(weeks=10)
    TreatmentPlan.objects.filter(pk=cast.plan.pk).update(start_date=start)
    cast.plan.refresh_from_db()
    plan_services.plan_activate(
        actor=actor(cast.clinician), plan=cast.plan, expected_version=cast.plan.version
    )
    goal = Goal.objects.get(problem__plan=cast.plan)
    plan_services.target_add(
        actor=actor(cast.clinician),
        owner=goal,
        data={"instrument_id": "PHQ-9", "kind": "down_by_points", "value": 8.0},
    )
    make_administration(cast.clinician, cast.client, phq9_answers(18), on=start)
    client.login(username=cast.clinician.email, password=PASSWORD)
    return client


def _pages(http, cast) -> tuple[str, str]:
    plan = http.get(reverse("plans:detail", args=[cast.plan.pk])).content.decode()
    dashboard = http.get(reverse("dashboard")).content.decode()
    return plan, dashboard


def test_on_track_on_the_plan_is_not_unimproved_on_the_dashboard(signed_in, cast) -> None:
    # 18 -> 15 after ten weeks: 3 points, short of the PHQ-9's reliable 6, one follow-up.
    make_administration(cast.clinician, cast.client, phq9_answers(15), on=timezone.localdate())
    plan, dashboard = _pages(signed_in, cast)
    assert "On track" in plan
    assert "Not improving" not in dashboard.split("<tbody>")[1]
    assert "No reliable improvement" not in dashboard


def test_not_improving_on_the_plan_is_not_improving_on_the_dashboard(signed_in, cast) -> None:
    today = timezone.localdate()
    for total, weeks_ago in ((16, 6), (16, 3), (16, 0)):
        on = today - timedelta(weeks=weeks_ago)
        make_administration(cast.clinician, cast.client, phq9_answers(total), on=on)
    plan, dashboard = _pages(signed_in, cast)
    assert "Not improving" in plan
    assert "Not improving after 10 weeks" in dashboard


def test_a_reliable_improvement_shows_as_good_news(signed_in, cast) -> None:
    make_administration(cast.clinician, cast.client, phq9_answers(11), on=timezone.localdate())
    make_note(cast.clinician, cast.client, signed=True)  # seen this week: nothing else to say
    plan, dashboard = _pages(signed_in, cast)
    assert "On track" in plan
    assert "Reliable improvement since baseline" in dashboard
    assert "0 need attention" in dashboard  # good news is shown, never counted as a call
    page = signed_in.get(reverse("pages:client", args=[cast.client.pk])).content.decode()
    assert "Going well" in page and "Needs attention" not in page
