"""A clinician adds a diagnosis by keyboard alone: types a complaint, hears how many codes
matched, moves through the list with the arrow keys, picks with Enter, saves and adds
another, and Escape closes the list without losing what was typed."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot
from tests.browser.test_write_a_plan import sign_in
from tests.factories import make_personas
from trellis.clients.models import Diagnosis

pytestmark = pytest.mark.browser


def test_pick_a_diagnosis_by_keyboard(page) -> None:  # type: ignore[no-untyped-def]
    cast = make_personas()
    sign_in(page, cast.clinician.email)
    page.goto(f"{page.base_url}/clients/{cast.client.pk}/diagnoses/add/")

    box = page.get_by_role("combobox", name="Diagnosis")
    box.focus()
    page.keyboard.type("worry")
    listbox = page.get_by_role("listbox")
    listbox.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    assert page.locator("#icd10-count").inner_text() == "1 code found."
    page.keyboard.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    assert (
        active and page.locator(f"#{active}").inner_text() == "F41.1 Generalized anxiety disorder"
    )
    assert page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    page.keyboard.press("Enter")
    assert box.input_value() == "F41.1 Generalized anxiety disorder"
    assert box.get_attribute("aria-expanded") == "false"
    assert Diagnosis.objects.filter(client=cast.client, code="F41.1").count() == 0  # not sent

    page.get_by_label("Onset").fill("about 2019")
    page.get_by_role("button", name="Save and add another").click()
    page.wait_for_selector("text=F41.1 Generalized anxiety disorder was recorded.")
    saved = Diagnosis.objects.get(client=cast.client, code="F41.1")
    assert saved.onset_label == "about 2019"

    box = page.get_by_role("combobox", name="Diagnosis")
    box.focus()
    page.keyboard.type("anxiety")
    page.get_by_role("listbox").wait_for()
    count = page.locator("#icd10-count").inner_text()
    assert count.startswith("25 of ") and "refine" in count
    options = page.locator("#icd10-listbox").get_by_role("option")
    assert options.first.inner_text().startswith("F41.1")
    page.keyboard.press("ArrowDown")
    screenshot(page, "diagnosis-combobox-open")
    page.keyboard.press("ArrowUp")  # from the first, wraps to the last
    assert box.get_attribute("aria-activedescendant") == "icd10-option-25"
    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    assert box.input_value() == "anxiety"

    page.keyboard.press("Control+A")
    page.keyboard.type("zzqx")
    page.wait_for_function(
        "document.querySelector('#icd10-count').textContent.startsWith('No match')"
    )
    assert page.locator("#icd10-listbox").get_by_role("option").count() == 0
    screenshot(page, "diagnosis-combobox")
