"""The plan editor by keyboard alone: the skip link, opening a form, typing, saving, Escape,
adding and removing, with the focus always on something that makes sense (never <body>) and
each change said in the live region."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.axe import PHONE, check_page
from tests.browser.test_write_a_plan import sign_in
from tests.factories import make_personas
from trellis.plans.models import Goal, Objective

pytestmark = pytest.mark.browser


def focused(page: Any) -> dict[str, str]:
    """What has the focus, once htmx is done: a request, swap or settle in flight (or the
    moment between a swap and the script that moves the focus) would leave it on <body>."""
    page.wait_for_function(
        """() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')
            && document.activeElement && document.activeElement !== document.body"""
    )
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {tag: el.tagName.toLowerCase(), id: el.id || "", name: el.name || "",
                    label: el.getAttribute("aria-label") || el.textContent.trim().slice(0, 80)};
        }"""
    )


def tab_to(page: Any, wanted: str, limit: int = 80) -> int:
    """Press Tab until the focus is on the control whose name starts with `wanted`; returns
    how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if focused(page)["label"].startswith(wanted):
            return presses
    raise AssertionError(f"Tab never reached {wanted!r}; focus is on {focused(page)}")


def live_says(page: Any, words: str) -> None:
    page.wait_for_function(
        "words => document.getElementById('live').textContent.includes(words)", arg=words
    )


def test_the_plan_editor_by_keyboard_alone(page) -> None:  # type: ignore[no-untyped-def]
    cast = make_personas()
    goal = Goal.objects.get(problem__plan=cast.plan)
    page.on("dialog", lambda dialog: dialog.accept())
    sign_in(page, cast.clinician.email)
    page.goto(page.base_url + f"/plans/{cast.plan.pk}/")

    # The first Tab reaches the skip link; following it puts the focus on the main content.
    page.keyboard.press("Tab")
    assert focused(page)["label"] == "Skip to main content"
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"

    # Open the goal's form: the focus is in its statement.
    tab_to(page, "Edit goal: Mood lifts enough to work.")
    page.keyboard.press("Enter")
    page.locator(f"#goal-{goal.pk}-body form").wait_for()
    assert focused(page)["name"] == "statement"

    # Type and save: the focus comes back to the goal's Edit button, and the save is said.
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("Mood lifts enough to return to work three days a week.")
    tab_to(page, "Save goal")
    page.keyboard.press("Enter")
    page.locator(f"#goal-{goal.pk}-body form").wait_for(state="detached")
    assert (
        focused(page)["label"]
        == "Edit goal: Mood lifts enough to return to work three days a week."
    )
    live_says(page, "Goal saved.")
    goal.refresh_from_db()
    assert goal.statement == "Mood lifts enough to return to work three days a week."

    # Escape cancels an open form (asking first, since it holds typed text): nothing saved,
    # the focus back on the Edit button.
    page.keyboard.press("Enter")
    page.locator(f"#goal-{goal.pk}-body form").wait_for()
    assert focused(page)["name"] == "statement"
    page.keyboard.type(" Never mind.")
    page.keyboard.press("Escape")
    page.locator(f"#goal-{goal.pk}-body form").wait_for(state="detached")
    assert focused(page)["label"].startswith("Edit goal: Mood lifts enough to return")
    goal.refresh_from_db()
    assert goal.statement == "Mood lifts enough to return to work three days a week."

    # Add an objective: the form's first field has the focus; once added, its Edit button.
    tab_to(page, "+ Add objective to the goal: Mood lifts")
    page.keyboard.press("Enter")
    page.locator("form.add-form-objective").wait_for()
    assert focused(page)["name"] == "statement"
    page.keyboard.type("Walk for twenty minutes on five days a week within 4 weeks.")
    tab_to(page, "Add objective")
    page.keyboard.press("Enter")
    page.locator("form.add-form-objective").wait_for(state="detached")
    added = Objective.objects.get(statement__startswith="Walk for twenty minutes")
    assert focused(page)["label"] == f"Edit objective: {added.statement}"
    live_says(page, "Objective added.")

    # Each item's buttons are one tab stop; the arrows move along them. Move the new
    # objective up, then remove it: the focus goes to the objective that is left.
    page.keyboard.press("ArrowLeft")
    assert focused(page)["label"].startswith("Move objective down: Walk for twenty")
    page.keyboard.press("ArrowLeft")
    assert focused(page)["label"].startswith("Move objective up: Walk for twenty")
    page.keyboard.press("Enter")
    live_says(page, "Objective moved up: now 1 of 2.")
    page.keyboard.press("End")
    assert focused(page)["label"].startswith("Remove objective: Walk for twenty")
    page.keyboard.press("Enter")
    page.locator(f"#objective-{added.pk}").wait_for(state="detached")
    assert focused(page)["label"].startswith("Edit objective: Schedule 2 valued activities")
    live_says(page, "Objective removed.")
    assert not Objective.objects.filter(pk=added.pk).exists()


def test_the_menu_button_on_a_phone(page) -> None:  # type: ignore[no-untyped-def]
    cast = make_personas()
    sign_in(page, cast.clinician.email)
    page.set_viewport_size(PHONE)
    page.goto(page.base_url + f"/plans/{cast.plan.pk}/")
    menu = page.get_by_role("button", name="Menu")
    clients = page.get_by_role("link", name="Clients", exact=True)
    assert menu.get_attribute("aria-expanded") == "false" and not clients.is_visible()

    menu.focus()
    page.keyboard.press("Enter")
    assert menu.get_attribute("aria-expanded") == "true" and clients.is_visible()
    assert check_page(page, "the plan with the menu open on a phone") == []
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false" and not clients.is_visible()
    assert focused(page)["label"] == "Menu"

    # The editor's item buttons stay on the screen.
    width = page.evaluate("document.documentElement.clientWidth")
    for button in page.locator(".item-tools button").all():
        box = button.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
