"""A clinician gives a PHQ-9 in session, sees it on the chart, and the goal's target moves."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser.conftest import screenshot
from tests.browser.test_write_a_plan import sign_in
from tests.factories import actor, make_administration, make_personas, phq9_answers
from trellis.measures.models import Administration
from trellis.plans import services as plan_services
from trellis.plans.items import OBJECTIVE
from trellis.plans.models import Goal, TreatmentPlan

pytestmark = pytest.mark.browser


def test_giving_a_phq9_updates_the_chart_and_the_goal(page) -> None:  # type: ignore[no-untyped-def]
    cast = make_personas()
    start = timezone.localdate() - timedelta(days=42)
    TreatmentPlan.objects.filter(pk=cast.plan.pk).update(start_date=start)
    make_administration(cast.clinician, cast.client, phq9_answers(18), on=start)
    goal = Goal.objects.get(problem__plan=cast.plan)
    plan_services.target_add(
        actor=actor(cast.clinician),
        owner=goal,
        data={"instrument_id": "PHQ-9", "kind": "at_or_below", "value": 9.0},
    )
    sign_in(page, cast.clinician.email)

    page.goto(f"{page.base_url}/plans/{cast.plan.pk}/")
    target = page.locator(f"#goal-{goal.pk}-targets .target")
    assert "Not yet measured" in target.inner_text()

    page.goto(f"{page.base_url}/clients/{cast.client.pk}/measures/")
    page.get_by_role("link", name="Give the PHQ-9 again").click()
    page.wait_for_selector("h1:has-text('Patient Health Questionnaire-9')")
    for number, value in enumerate([1, 1, 1, 1, 1, 1, 1, 1, 0], start=1):
        page.locator(f"input[name=item_{number}][value='{value}']").check()
    page.get_by_role("group", name="how difficult have these problems").get_by_label(
        "Somewhat difficult"
    ).check()
    page.get_by_role("button", name="Score and save").click()
    page.wait_for_selector("text=PHQ-9 recorded: 8 (mild).")

    chart = page.locator("#measure-phq-9 svg[role=img]")
    assert chart.locator("circle").count() >= 2
    assert "18" in chart.locator("desc").text_content()
    assert "reliable improvement" in page.locator("#measure-phq-9 .summary").inner_text()
    screenshot(page, "measures-phq9")

    page.goto(f"{page.base_url}/plans/{cast.plan.pk}/")
    assert "Met" in page.locator(f"#goal-{goal.pk}-targets .target-status").inner_text()
    assert Administration.objects.filter(client=cast.client).count() == 2


def test_a_stack_of_paper_forms_and_a_target_on_the_named_measure(page) -> None:  # type: ignore[no-untyped-def]
    """Paper forms entered one after another with only their day; then the target form
    opens on the instrument the objective names, and its lists follow a change of measure."""
    cast = make_personas()
    start = timezone.localdate() - timedelta(days=42)
    TreatmentPlan.objects.filter(pk=cast.plan.pk).update(start_date=start)
    goal = Goal.objects.get(problem__plan=cast.plan)
    objective = plan_services.plan_item_add(
        actor=actor(cast.clinician),
        kind=OBJECTIVE,
        parent=goal,
        data={
            "statement": "GAD-7 below 8 within 12 weeks.",
            "target_date": start + timedelta(weeks=12),
        },
    )
    sign_in(page, cast.clinician.email)

    page.goto(f"{page.base_url}/clients/{cast.client.pk}/measures/")
    page.get_by_role("link", name="Paper form for the GAD-7").click()
    for day, answers in (
        (start - timedelta(days=3), [2] * 7),
        (start + timedelta(days=14), [1] * 7),
    ):
        page.get_by_label("Day it was filled in").fill(day.isoformat())
        for number, value in enumerate(answers, start=1):
            page.locator(f"input[name=item_{number}][value='{value}']").check()
        page.get_by_role("button", name="Score, save and enter another").click()
        page.wait_for_selector(f"text=GAD-7 recorded: {sum(answers)}")
    assert page.get_by_label("Day it was filled in").input_value() == ""
    assert Administration.objects.filter(mode="paper").count() == 2

    page.goto(f"{page.base_url}/plan-items/objective/{objective.pk}/targets/add/")
    measure = page.get_by_label("Measure")
    assert (
        measure.locator("option:checked").inner_text() == "GAD-7 — Generalized Anxiety Disorder-7"
    )
    assert page.get_by_label("Deadline").input_value() == (start + timedelta(weeks=12)).isoformat()
    baseline = page.get_by_label("Baseline")
    assert baseline.locator("option").count() == 3  # the rule and the two GAD-7 scores
    measure.select_option("DASS-21")
    page.wait_for_function("document.querySelectorAll('#id_subscale option').length === 4")
    assert page.get_by_label("Baseline").locator("option").count() == 1  # no DASS-21 score
    screenshot(page, "target-form-follows-measure")
