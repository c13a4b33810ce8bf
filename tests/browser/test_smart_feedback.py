"""Live SMART feedback beside a goal as it is typed, then the one-click target."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot
from tests.browser.test_write_a_plan import sign_in
from tests.factories import make_personas
from trellis.plans.models import Goal, MeasureTarget

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
