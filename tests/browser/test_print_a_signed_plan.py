"""Issue 12: the printed plan carries the practice's name, address and phone, the electronic
signatures (name with credentials, role, date and time), and on every page the client's
name, date of birth and the page number. Printed to PDF by Chromium and read back with
pdftotext, so what is checked is what comes out of the printer."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from tests.browser.conftest import ARTIFACTS
from tests.browser.test_write_a_plan import sign_in
from tests.factories import SIGN, actor, grow_plan, make_client, make_personas, make_plan
from trellis.accounts.models import Practice, User
from trellis.plans.signing.content import plan_hash
from trellis.plans.signing.services import plan_sign
from trellis.plans.versions.selectors import plan_tree

pytestmark = pytest.mark.django_db(transaction=True)


def _signed_plan():  # type: ignore[no-untyped-def]
    cast = make_personas()
    User.objects.filter(pk=cast.clinician.pk).update(credentials="LCSW")
    cast.clinician.refresh_from_db()
    Practice.objects.filter(pk=cast.practice.pk).update(
        address="12 Orchard Lane\nSpringfield 01101", phone="555-0142"
    )
    client = make_client(
        cast.clinician, first_name="Jordan", last_name="Okafor", date_of_birth=date(1999, 3, 4)
    )
    # Enough objectives to run over several pages.
    plan = grow_plan(cast.clinician, make_plan(cast.clinician, client), objectives=30)
    plan_sign(
        **SIGN,
        actor=actor(cast.clinician),
        plan=plan,
        role="clinician",
        expected_hash=plan_hash(plan_tree(plan)),
    )
    return cast, plan


def _pdf_pages(path: Path) -> list[str]:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.fail("pdftotext is missing: run 'make browser' (installs poppler-utils)")
    text = subprocess.run(  # noqa: S603 (a fixed command on our own file)
        [tool, "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return [p for p in text.split("\f") if p.strip()]


def test_every_printed_page_says_whose_plan_and_which_page(page) -> None:
    cast, plan = _signed_plan()
    sign_in(page, cast.clinician.email)
    page.goto(f"{page.base_url}/plans/{plan.pk}/print/")
    main = page.locator("main")
    text = main.inner_text()
    assert "Test Practice" in text and "12 Orchard Lane" in text and "555-0142" in text
    row = page.locator("table.e-signatures tbody tr").first.inner_text()
    assert "Clinician" in row and "Casey Clinician, LCSW" in row
    assert page.locator("nav").count() == 1 and page.locator("main").count() == 1

    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / "plan-print.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), format="Letter", prefer_css_page_size=True)
    pages = _pdf_pages(pdf)
    assert len(pages) >= 2
    for number, content in enumerate(pages, start=1):
        assert "Jordan Okafor · born 1999-03-04" in content, f"page {number}"
        assert f"Page {number} of {len(pages)}" in content, f"page {number}"
    assert "Casey Clinician, LCSW" in "".join(pages)
