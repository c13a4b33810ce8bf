"""A clinician records a new client in Chromium: the required fields are marked and the
browser will not send the form without them; the intake's risk screening and the other
intake fields are saved; the client page shows the client number, the age beside the date
of birth and the risk reported; the caseload finds the client by number."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot
from tests.browser.test_write_a_plan import sign_in
from tests.factories import make_personas
from trellis.clients.models import Client

pytestmark = pytest.mark.browser


def test_a_clinician_records_an_intake(page) -> None:  # type: ignore[no-untyped-def]
    cast = make_personas()
    sign_in(page, cast.clinician.email)
    page.goto(page.base_url + "/clients/new/")
    assert page.locator("#required-legend").inner_text().strip() == "* required"
    first = page.get_by_label("First name")
    assert first.get_attribute("aria-required") == "true"
    assert first.evaluate("el => el.required") is True
    page.get_by_role("button", name="Add the client").click()
    assert first.evaluate("el => el.validity.valueMissing") is True  # nothing was sent
    assert page.url.endswith("/clients/new/")

    first.fill("Jordan")
    page.get_by_label("Last name").fill("Mbeki")
    page.get_by_label("Preferred name").fill("Jo")
    page.get_by_label("Date of birth").fill("1999-05-20")
    page.get_by_label("Occupation").fill("Barista")
    page.get_by_label("Relationship status").select_option("single")
    page.get_by_label("Referral source").fill("University counselling service")
    page.get_by_label("Current medications").fill("None")
    page.get_by_label("Suicidal ideation").select_option("passive")
    page.get_by_label("Risk screening notes").fill("Passive thoughts on bad nights; no plan.")
    screenshot(page, "client-intake-form")
    page.get_by_role("button", name="Add the client").click()
    page.wait_for_selector("text=Jo Mbeki was added.")

    client = Client.objects.get(last_name="Mbeki")
    assert (client.number, client.suicidal_ideation, client.occupation) == (2, "passive", "Barista")
    assert page.locator(".client-number").inner_text() == "Client no. 2"
    assert f"(age {client.age})" in page.locator("dl.facts").first.inner_text()
    assert "Risk reported at intake" in page.locator(".intake-risk").inner_text()
    screenshot(page, "client-page-intake")

    page.goto(page.base_url + "/dashboard/")
    page.get_by_label("Find a client").fill("2")
    page.get_by_role("button", name="Show").click()
    rows = page.locator("table.caseload tbody")
    rows.get_by_role("link", name="Jo Mbeki").wait_for()
    assert "Alex Rivera" not in rows.inner_text()
    assert "q=" not in page.url  # the search was POSTed
