"""A practice admin finds Practice settings in the header, changes the review interval, and
a clinician sees no such link (issue 11: one home for the practice)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot
from tests.browser.test_write_a_plan import sign_in
from tests.factories import make_personas
from trellis.accounts.models import PracticeSettings

pytestmark = pytest.mark.browser


def test_an_admin_sets_the_practice_rules_from_one_page(page) -> None:  # type: ignore[no-untyped-def]
    cast = make_personas()
    sign_in(page, cast.admin.email)
    page.get_by_role("link", name="Practice settings", exact=True).click()
    page.wait_for_selector("h1:has-text('Practice settings')")
    for link in ("Co-signature requirements", "Instruments", "Template library", "Access log"):
        assert page.get_by_role("link", name=link).count() >= 1, link
    page.get_by_label("review a new plan this many days after its start").fill("60")
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector("text=The practice settings were saved.")
    screenshot(page, "practice-settings")
    assert PracticeSettings.objects.get(practice=cast.practice).plan_review_days == 60


def test_a_clinician_has_no_practice_settings(page) -> None:  # type: ignore[no-untyped-def]
    cast = make_personas()
    sign_in(page, cast.clinician.email)
    assert page.get_by_role("link", name="Practice settings", exact=True).count() == 0
    response = page.goto(f"{page.base_url}/practice/")
    assert response is not None and response.status == 403
