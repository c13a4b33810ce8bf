"""A clinician searches the library for "panic", applies the template without one goal,
removes another in the editor, and the plan is saved as they left it."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import screenshot
from tests.browser.test_write_a_plan import sign_in
from tests.factories import make_diagnosis, make_personas
from trellis.core.library import builtin_templates
from trellis.plans.models import Goal, TreatmentPlan

pytestmark = pytest.mark.browser


def _panic_template():  # type: ignore[no-untyped-def]
    return next(t for _, t in sorted(builtin_templates().items()) if "F41.0" in t.icd10)


def test_apply_the_panic_template_and_trim_it(page) -> None:  # type: ignore[no-untyped-def]
    cast = make_personas()
    make_diagnosis(cast.clinician, cast.client, "F41.0")
    template = _panic_template()
    goals_in_template = sum(len(p.goals) for p in template.problems)
    sign_in(page, cast.clinician.email)

    page.goto(f"{page.base_url}/clients/{cast.client.pk}/")
    page.get_by_role("link", name="Start from a template").click()
    page.get_by_label("Search").fill("panic")
    page.get_by_role("button", name="Search").click()
    row = page.locator("table.templates tr", has_text=template.title)
    row.get_by_role("link", name=re.compile("^Use for")).click()

    page.wait_for_selector("form.apply-form")
    page.locator("input[name=keep][value='p0.g0']").uncheck()
    page.get_by_role("button", name="Make the draft plan").click()
    page.wait_for_selector("text=The draft plan was made from the template")

    plan = TreatmentPlan.objects.filter(client=cast.client).latest("created_at")
    assert Goal.objects.filter(problem__plan=plan).count() == goals_in_template - 1
    assert page.locator(".target").count() >= 1 or "Measure-linked" in page.content()

    goal = Goal.objects.filter(problem__plan=plan).order_by("problem__position", "position").last()
    page.on("dialog", lambda dialog: dialog.accept())
    page.locator(f"#goal-{goal.pk} > .item-body").get_by_role("button", name="Remove goal").click()
    page.locator(f"#goal-{goal.pk}").wait_for(state="detached")
    screenshot(page, "template-applied")

    assert Goal.objects.filter(problem__plan=plan).count() == goals_in_template - 2
    page.reload()
    assert page.locator("li.item-goal").count() == goals_in_template - 2
