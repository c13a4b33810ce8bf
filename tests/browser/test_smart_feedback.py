"""Live SMART feedback beside a goal as it is typed, then the one-click target."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.browser.conftest import screenshot
from tests.browser.test_write_a_plan import sign_in
from tests.factories import make_personas
from trellis.plans.models import Goal, MeasureTarget, Objective

pytestmark = pytest.mark.browser


def test_feedback_follows_the_typing(page) -> None:  # type: ignore[no-untyped-def]
    cast = make_personas()
    goal = Goal.objects.get(problem__plan=cast.plan)
    sign_in(page, cast.clinician.email)
    page.goto(f"{page.base_url}/plans/{cast.plan.pk}/")

    page.locator(f"#goal-{goal.pk}").get_by_role("button", name="+ Add objective").click()
    form = page.locator("form.add-form-objective")
    statement = form.locator("textarea[name=statement]")
    statement.press_sequentially("Feel better", delay=20)
    feedback = form.locator(".smart-feedback")
    feedback.locator("text=This reads as vague").wait_for()
    assert "✗" in feedback.inner_text()

    statement.fill("")
    statement.press_sequentially("Client will reduce GAD-7 score by 60% within 12 weeks", delay=5)
    feedback.locator("text=Can be tracked as a measure-linked target").wait_for()
    text = feedback.inner_text()
    assert "vague" not in text and "within 12 weeks" in text
    screenshot(page, "smart-live-feedback")

    form.get_by_role("button", name="Add objective").click()
    form.wait_for(state="detached")
    page.reload()
    page.get_by_role("button", name="Track GAD-7 down by 60%").click()
    page.locator("text=Now tracking GAD-7 down by 60%").wait_for()
    assert MeasureTarget.objects.filter(instrument_id="GAD-7", kind="down_by_percent").exists()
    assert "Not yet measured" in page.locator(".target-status").first.inner_text()


def test_use_this_wording_and_the_target_date_from_the_deadline(page) -> None:  # type: ignore[no-untyped-def]
    cast = make_personas()
    goal = Goal.objects.get(problem__plan=cast.plan)
    sign_in(page, cast.clinician.email)
    page.goto(f"{page.base_url}/plans/{cast.plan.pk}/")
    page.locator(f"#goal-{goal.pk}").get_by_role("button", name="+ Add objective").click()
    form = page.locator("form.add-form-objective")
    statement = form.locator("textarea[name=statement]")
    target_date = form.locator("input[name=target_date]")
    feedback = form.locator(".smart-feedback")

    statement.press_sequentially("Client will practice grounding.", delay=5)
    feedback.get_by_role("button", name="Use this wording").click()
    assert statement.input_value().startswith("Client will practice grounding, ")
    assert statement.input_value().endswith("within 12 weeks")

    twelve_weeks = (cast.plan.start_date + timedelta(weeks=12)).isoformat()
    feedback.locator(f"[data-smart-date='{twelve_weeks}']").first.wait_for()
    page.wait_for_function(
        "([el, day]) => el.value === day", arg=[target_date.element_handle(), twelve_weeks]
    )
    target_date.fill("2030-01-31")  # the clinician's own date is never overwritten
    statement.fill("Client will practice grounding twice a day within 8 weeks")
    eight_weeks = (cast.plan.start_date + timedelta(weeks=8)).isoformat()
    feedback.locator(f"[data-smart-date='{eight_weeks}']").first.wait_for()
    assert target_date.input_value() == "2030-01-31"
    feedback.get_by_role("button", name="as the target date").click()
    assert target_date.input_value() == eight_weeks
    screenshot(page, "smart-wording-and-date")


def test_the_target_button_appears_after_the_htmx_save(page) -> None:  # type: ignore[no-untyped-def]
    cast = make_personas()
    objective = Objective.objects.get(goal__problem__plan=cast.plan)
    sign_in(page, cast.clinician.email)
    page.goto(f"{page.base_url}/plans/{cast.plan.pk}/")
    item = page.locator(f"#objective-{objective.pk}")
    item.get_by_role("button", name="Edit").first.click()
    statement = item.locator("textarea[name=statement]")
    statement.fill("Client will show a 5-point decrease on the PHQ-9 by session 8.")
    item.get_by_role("button", name="Save objective").click()
    button = item.get_by_role("button", name="Track PHQ-9 down by 5 points")
    button.wait_for()
    assert "at or below" not in item.inner_text()
