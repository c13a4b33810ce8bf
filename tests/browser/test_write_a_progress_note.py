"""A clinician opens a new note from the client's page, finds the plan's goal and today's
PHQ-9 already there, rates the goal, saves the draft and signs it."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot
from tests.browser.test_write_a_plan import sign_in
from tests.factories import PASSWORD, actor, make_administration, make_personas, phq9_answers
from trellis.plans import services as plan_services
from trellis.plans.models import Goal
from trellis.progress.models import ProgressNote

pytestmark = pytest.mark.browser


def test_write_and_sign_a_note_against_a_goal(page) -> None:  # type: ignore[no-untyped-def]
    cast = make_personas()
    plan_services.plan_activate(
        actor=actor(cast.clinician), plan=cast.plan, expected_version=cast.plan.version
    )
    make_administration(cast.clinician, cast.client, phq9_answers(12))
    goal = Goal.objects.get(problem__plan=cast.plan)
    sign_in(page, cast.clinician.email)

    page.goto(f"{page.base_url}/clients/{cast.client.pk}/")
    page.get_by_role("link", name="Notes").click()
    page.get_by_role("link", name="New note").click()
    page.wait_for_selector("h1:has-text('New progress note')")
    assert "Mood lifts enough to work." in page.inner_text("form.note-form")
    assert page.locator("input[name=administrations]").first.is_checked()  # given today

    page.fill("input[name=duration_minutes]", "50")
    page.fill("textarea[name=section_data]", "Walked on three mornings.")
    page.fill("textarea[name=section_assessment]", "Activity up; mood a little brighter.")
    page.fill("textarea[name=section_plan]", "Add one social activity.")
    page.select_option(f"select[name=rating_{goal.pk}]", "4")
    page.select_option("select[name=risk_level]", "none")
    page.fill("textarea[name=risk_assessment]", "Denies ideation.")
    screenshot(page, "progress-note-form")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_selector("text=The draft was saved.")

    page.check("#id_attest")
    page.fill("#id_sign_password", PASSWORD)
    page.get_by_role("button", name="Sign note").click()
    page.wait_for_selector("text=The note is signed.")
    assert "4 · Good progress" in page.inner_text("main")
    assert "matches the signed content" in page.inner_text("main")
    screenshot(page, "progress-note-signed")
    note = ProgressNote.objects.get()
    assert note.is_signed and list(note.goals.all()) == [goal]
    assert note.administrations.count() == 1
