"""The plan editor over HTTP: inline edits, stale saves that keep the text, query bounds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import PASSWORD, actor, grow_plan, make_client, make_plan
from trellis.plans import services
from trellis.plans.models import Goal, Objective, Problem

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def signed_in(client, cast):
    client.login(username=cast.clinician.email, password=PASSWORD)
    return client


def test_add_goal_inline_returns_the_new_item_and_a_fresh_button(signed_in, cast) -> None:
    problem = Problem.objects.get(plan=cast.plan)
    url = reverse("plans:item_add", args=["goal", problem.pk])
    response = signed_in.post(url, {"statement": "Return to part-time work"}, **HTMX)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Return to part-time work" in body
    assert f'hx-swap-oob="beforeend:#problem-{problem.pk}-children"' in body
    assert problem.goals.count() == 2


def test_invalid_add_keeps_the_typed_text(signed_in, cast) -> None:
    goal = Goal.objects.get(problem__plan=cast.plan)
    url = reverse("plans:item_add", args=["objective", goal.pk])
    response = signed_in.post(
        url, {"statement": "Walk 20 minutes", "target_date": "2025-13-40"}, **HTMX
    )
    assert response.status_code == 422
    assert "Walk 20 minutes" in response.content.decode()
    assert "Enter a valid date" in response.content.decode()
    assert goal.objectives.count() == 1


def test_stale_save_is_told_and_keeps_the_input(signed_in, cast) -> None:
    objective = Objective.objects.get(goal__problem__plan=cast.plan)
    services.plan_item_update(
        actor=actor(cast.supervisor),
        item=objective,
        data={"statement": "Theirs"},
        expected_version=1,
    )
    url = reverse("plans:item_edit", args=["objective", objective.pk])
    response = signed_in.post(
        url, {"statement": "Mine, typed with care", "status": "in_progress", "version": 1}, **HTMX
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "changed by someone else" in body
    assert "Mine, typed with care" in body
    assert Objective.objects.get(pk=objective.pk).statement == "Theirs"


def test_section_edit_round_trip(signed_in, cast) -> None:
    url = reverse("plans:section", args=[cast.plan.pk, "safety"])
    form = signed_in.get(url, **HTMX)
    fingerprint = form.context["s"]["form"]["fingerprint"].value()
    response = signed_in.post(
        url, {"warning_signs": "Stops answering texts", "fingerprint": fingerprint}, **HTMX
    )
    assert response.status_code == 200
    cast.plan.refresh_from_db()
    assert cast.plan.warning_signs == "Stops answering texts"


def test_without_javascript_posts_redirect_back_to_the_plan(signed_in, cast) -> None:
    problem = Problem.objects.get(plan=cast.plan)
    url = reverse("plans:item_add", args=["goal", problem.pk])
    response = signed_in.post(url, {"statement": "Sleep 7 hours"})
    assert response.status_code == 302
    added = Goal.objects.get(statement="Sleep 7 hours")
    assert (
        response["Location"] == reverse("plans:detail", args=[cast.plan.pk]) + f"#goal-{added.pk}"
    )


def test_move_answers_moved(signed_in, cast) -> None:
    grow_plan(cast.clinician, cast.plan)
    first = Problem.objects.filter(plan=cast.plan).first()
    url = reverse("plans:item_move", args=["problem", first.pk, "down"])
    assert signed_in.post(url, **HTMX).content == b"moved"
    assert Problem.objects.filter(plan=cast.plan).last() == first


def test_remove_inline_with_a_stale_version_is_refused(signed_in, cast) -> None:
    goal = Goal.objects.get(problem__plan=cast.plan)
    url = reverse("plans:item_remove", args=["goal", goal.pk])
    response = signed_in.post(url, {"version": 7}, **HTMX)
    assert response.status_code == 409
    assert Goal.objects.filter(pk=goal.pk).exists()


def test_remove_without_a_version_is_refused(signed_in, cast) -> None:
    """Issue 13: a removal that named no version deleted a colleague's newer edit."""
    goal = Goal.objects.get(problem__plan=cast.plan)
    url = reverse("plans:item_remove", args=["goal", goal.pk])
    response = signed_in.post(url, {}, **HTMX)
    assert response.status_code == 400
    assert b"version" in response.content
    assert Goal.objects.filter(pk=goal.pk).exists()


def test_removing_a_target_without_a_version_is_refused(signed_in, cast) -> None:
    from trellis.concurrency import MissingVersionError
    from trellis.plans.models import MeasureTarget
    from trellis.plans.services import target_remove

    goal = Goal.objects.get(problem__plan=cast.plan)
    target = MeasureTarget(goal=goal)
    with pytest.raises(MissingVersionError):
        target_remove(actor=actor(cast.clinician), target=target, expected_version=None)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["plans:detail", "pages:plan_print"])
def test_plan_pages_issue_a_bounded_number_of_queries(signed_in, cast, page) -> None:
    small = cast.plan
    large = grow_plan(cast.clinician, make_plan(cast.clinician, cast.client), objectives=40)
    grow_plan(cast.clinician, large, objectives=0)  # a second problem and goal
    small_count = _queries(signed_in, reverse(page, args=[small.pk]))
    large_count = _queries(signed_in, reverse(page, args=[large.pk]))
    assert large_count == small_count
    assert (
        small_count <= 18
    )  # the print view reads the signatures, the plan page the safety plan's last review


def test_client_pages_issue_a_bounded_number_of_queries(signed_in, cast) -> None:
    for n in range(5):
        make_plan(cast.clinician, cast.client, title=f"Plan {n}")
    url = reverse("pages:client", args=[cast.client.pk])
    one = _queries(signed_in, url)
    for _ in range(20):
        from tests.factories import make_diagnosis

        make_diagnosis(cast.clinician, cast.client, "F41.1")
    assert _queries(signed_in, url) == one
    list_url = reverse("clients:list")
    few = _queries(signed_in, list_url)
    for n in range(25):
        make_client(cast.clinician, first_name=f"Client{n}", last_name="Test")
    assert _queries(signed_in, list_url) == few


def test_activating_without_the_version_seen_is_400_and_changes_nothing(client, cast) -> None:
    """A status change names the version it saw, or a colleague's newer edit is lost."""
    from trellis.plans.models import TreatmentPlan

    client.login(username=cast.clinician.email, password=PASSWORD)
    before = TreatmentPlan.objects.get(pk=cast.plan.pk)
    response = client.post(reverse("plans:activate", args=[cast.plan.pk]))
    assert response.status_code == 400
    assert "version you saw is missing" in response.content.decode()
    after = TreatmentPlan.objects.get(pk=cast.plan.pk)
    assert (after.status, after.version) == (before.status, before.version)
