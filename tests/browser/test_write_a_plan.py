"""A clinician signs in, adds a client and a diagnosis, writes a plan inline, prints it."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot
from tests.factories import PASSWORD, make_personas
from trellis.clients.models import Client
from trellis.plans.models import Intervention, TreatmentPlan

pytestmark = pytest.mark.browser


def sign_in(page, email: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(page.base_url + "/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/dashboard/")


def add_item(page, scope: str, kind: str, fields: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    page.locator(scope).get_by_role("button", name=f"+ Add {kind}").last.click()
    form = page.locator(f"form.add-form-{kind}")
    for name, value in fields.items():
        control = form.locator(f"[name={name}]")
        if control.evaluate("el => el.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value)
    form.get_by_role("button", name=f"Add {kind}").click()
    form.wait_for(state="detached")


def test_clinician_writes_a_whole_plan_and_prints_it(page) -> None:  # type: ignore[no-untyped-def]
    make_personas()
    sign_in(page, "clinician@test.test")

    page.get_by_role("link", name="Clients", exact=True).click()
    page.click("text=Add a client")
    page.fill("#id_first_name", "Robin")
    page.fill("#id_last_name", "Achterberg")
    page.fill("#id_date_of_birth", "1985-07-19")
    page.fill("#id_pronouns", "they/them")
    page.fill("#id_presenting_problem", "Panic attacks on the commute for four months.")
    page.click("button:has-text('Add the client')")
    page.wait_for_selector("text=Robin Achterberg was added")

    page.click("text=Add a diagnosis")
    page.fill("#id_code", "F41.0")
    page.check("#id_is_primary")
    page.click("button:has-text('Save')")
    page.wait_for_selector("text=Panic disorder")

    page.click("text=New plan")
    page.fill("#id_title", "Panic plan")
    page.click("button:has-text('Create the draft')")
    page.wait_for_selector("h1:has-text('Panic plan')")

    add_item(
        page,
        "main",
        "problem",
        {"title": "Panic attacks", "behavioral_definition": "Leaves the train mid-journey."},
    )
    add_item(
        page,
        "li.item-problem",
        "goal",
        {"statement": "Travel to work by train without leaving early."},
    )
    add_item(
        page,
        "li.item-goal",
        "objective",
        {"statement": "Ride four stops twice a week within 6 weeks.", "target_date": "2030-01-15"},
    )
    add_item(
        page,
        "li.item-objective",
        "intervention",
        {
            "modality": "exposure",
            "description": "Graded interoceptive and in-vivo exposure",
            "frequency": "Weekly",
        },
    )
    page.wait_for_selector("text=Graded interoceptive")

    client = Client.objects.get(last_name="Achterberg")
    plan = TreatmentPlan.objects.get(client=client)
    assert Intervention.objects.filter(objective__goal__problem__plan=plan).count() == 1
    screenshot(page, "plan-editor")

    page.click("text=Print view")
    page.wait_for_selector("text=My safety plan")
    assert page.locator("text=Ride four stops twice a week").is_visible()
    screenshot(page, "plan-print")


def test_typed_text_survives_other_edits_and_moves(page) -> None:  # type: ignore[no-untyped-def]
    cast = make_personas()
    sign_in(page, "clinician@test.test")
    page.goto(page.base_url + f"/plans/{cast.plan.pk}/")

    add_item(page, "main", "problem", {"title": "Sleep"})
    first = page.locator("li.item-problem").first
    first.locator(".item-body").get_by_role("button", name="Edit problem").click()
    first.locator("textarea[name=behavioral_definition]").fill(
        "Half-typed thought that must not vanish"
    )

    add_item(page, "li.item-problem >> nth=1", "goal", {"statement": "Sleep seven hours"})
    page.locator("li.item-problem").nth(1).locator("> .item-body [data-move=up]").click()
    page.wait_for_function(
        "document.querySelector('li.item-problem strong').textContent === 'Sleep'"
    )

    kept = page.locator("textarea[name=behavioral_definition]").input_value()
    assert kept == "Half-typed thought that must not vanish"


def test_second_save_is_told_and_keeps_its_text(page, browser) -> None:  # type: ignore[no-untyped-def]
    cast = make_personas()
    sign_in(page, "clinician@test.test")
    url = page.base_url + f"/plans/{cast.plan.pk}/"
    page.goto(url)
    goal = page.locator("li.item-goal").first
    goal.locator(".item-body").get_by_role("button", name="Edit goal").first.click()
    goal.locator("textarea[name=statement]").fill("The clinician's careful wording")

    other = browser.new_context().new_page()
    other.base_url = page.base_url
    sign_in(other, "supervisor@test.test")
    other.goto(url)
    other_goal = other.locator("li.item-goal").first
    other_goal.locator(".item-body").get_by_role("button", name="Edit goal").first.click()
    other_goal.locator("textarea[name=statement]").fill("The supervisor's edit")
    other_goal.get_by_role("button", name="Save goal").click()
    other.wait_for_selector("text=The supervisor's edit")

    goal.get_by_role("button", name="Save goal").click()
    page.wait_for_selector("text=changed by someone else")
    assert (
        goal.locator("textarea[name=statement]").input_value() == "The clinician's careful wording"
    )
