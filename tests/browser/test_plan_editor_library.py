"""In Chromium: pick a goal from the library inside the editor, duplicate it, give the goal
a date and status, add an emergency contact to the safety plan in one click, mark it
reviewed; and on the apply page unticking a goal unticks its objectives."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot
from tests.browser.test_write_a_plan import sign_in
from tests.factories import actor, make_diagnosis, make_personas
from trellis.clients.models import EmergencyContact
from trellis.plans import services
from trellis.plans.items import PROBLEM
from trellis.plans.models import Goal, SafetyPlanReview

pytestmark = pytest.mark.browser


def test_pick_duplicate_date_and_safety_plan(page) -> None:  # type: ignore[no-untyped-def]
    cast = make_personas()
    gad = make_diagnosis(cast.clinician, cast.client, "F41.1")
    problem = services.plan_item_add(
        actor=actor(cast.clinician),
        kind=PROBLEM,
        parent=cast.plan,
        data={"title": "Worry", "behavioral_definition": "Worries all day.", "diagnosis": gad},
    )
    EmergencyContact.objects.create(
        client=cast.client, name="Jordan Reyes", relationship="sister", phone="555-0142"
    )
    sign_in(page, cast.clinician.email)
    page.goto(f"{page.base_url}/plans/{cast.plan.pk}/")

    scope = page.locator(f"#problem-{problem.pk}-add")
    scope.get_by_role("link", name="Pick a goal from the library").click()
    panel = page.locator(f"#pick-goal-{problem.pk}")
    panel.get_by_label("Search the library's goals").fill("worry")
    # Typing then picking at once: the search in flight must not swallow the pick.
    panel.locator(".picker-results li").first.wait_for()
    assert "for F41.1" in panel.locator(".picker-results li").first.inner_text()
    panel.locator(".picker-results li").first.get_by_role("button", name="Add").click()
    panel.wait_for(state="detached")
    goal = Goal.objects.get(problem=problem)
    page.locator(f"#goal-{goal.pk}").wait_for()
    assert page.locator(f"#goal-{goal.pk} li.item-objective").count() == goal.objectives.count()

    page.on("dialog", lambda dialog: dialog.accept())
    page.locator(f"#goal-{goal.pk} > .item-body").get_by_role(
        "button", name="Duplicate goal"
    ).click()
    page.wait_for_function(
        f"document.querySelectorAll('#problem-{problem.pk}-children > li.item-goal').length === 2"
    )
    ids = page.eval_on_selector_all(
        f"#problem-{problem.pk}-children > li.item-goal", "els => els.map(e => e.id)"
    )
    assert ids[0] == f"goal-{goal.pk}"

    body = page.locator(f"#goal-{goal.pk}-body")
    body.get_by_role("button", name="Edit goal").click()
    body.locator("[name=target_date]").fill("2027-06-30")
    body.locator("[name=status]").select_option("in_progress")
    body.get_by_role("button", name="Save goal").click()
    body.get_by_text("Target date: 2027-06-30 · In progress").wait_for()

    safety = page.locator("#section-safety")
    safety.get_by_role("link", name="Edit").click()
    crisis = safety.locator("[name=crisis_lines]")
    assert "988" in crisis.input_value()
    safety.locator("[name=warning_signs]").fill("Stops answering messages")
    safety.locator("[name=coping_strategies]").fill("Walk the dog")
    safety.get_by_role("button", name="Add Jordan Reyes (sister): 555-0142").click()
    assert safety.locator("[name=support_contacts]").input_value() == (
        "Jordan Reyes (sister): 555-0142"
    )
    safety.locator("[name=firearms_access]").select_option("no")
    safety.get_by_role("button", name="Save").click()
    safety.get_by_text("Not yet reviewed with the client.").wait_for()
    safety.get_by_role("button", name="Reviewed with the client today").click()
    safety.get_by_text("Last reviewed with the client on").wait_for()
    assert SafetyPlanReview.objects.filter(plan=cast.plan).count() == 1
    screenshot(page, "plan-editor-library")

    page.goto(f"{page.base_url}/clients/{cast.client.pk}/templates/gad-adult-cbt/apply/")
    goal_box = page.locator("input[name=keep][value='p0.g0']")
    objective_box = page.locator("input[name=keep][value='p0.g0.o0']")
    goal_box.uncheck()
    assert not objective_box.is_checked()
    objective_box.check()
    assert goal_box.is_checked()
