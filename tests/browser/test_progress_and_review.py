"""The review loop in the browser: a signed note against a goal clears the caseload's "no
session" signal; a plan is revised into a new version, compared with the old one, signed,
and then cannot be edited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser.conftest import screenshot
from tests.browser.test_write_a_plan import sign_in
from tests.factories import PASSWORD, actor, grow_plan, make_client, make_personas, make_plan
from trellis.plans import services as plan_services
from trellis.plans.models import Goal, Objective, PlanSignature, PlanStatus, TreatmentPlan
from trellis.progress.models import ProgressNote

pytestmark = pytest.mark.browser

OLD_OBJECTIVE = "Schedule 2 valued activities a week within 6 weeks."
NEW_OBJECTIVE = "Schedule 3 valued activities a week, one with a friend, within 6 weeks."


def caseload_row(page, name: str):  # type: ignore[no-untyped-def]
    return page.locator("table.caseload tbody tr", has_text=name)


def test_signed_note_clears_the_no_session_signal(page) -> None:  # type: ignore[no-untyped-def]
    cast = make_personas()
    started = timezone.localdate() - timedelta(weeks=5)
    client = make_client(cast.clinician, first_name="Jordan", last_name="Okafor")
    plan = grow_plan(cast.clinician, make_plan(cast.clinician, client, start_date=started))
    plan_services.plan_activate(
        actor=actor(cast.clinician), plan=plan, expected_version=plan.version
    )
    goal = Goal.objects.get(problem__plan=plan)
    sign_in(page, cast.clinician.email)

    page.get_by_role("link", name="Caseload").click()
    row = caseload_row(page, "Jordan Okafor")
    row.locator(".signal-no_session").wait_for()
    assert f"since the plan started on {started.isoformat()}" in row.inner_text()
    screenshot(page, "dashboard-no-session")

    row.get_by_role("link", name="Jordan Okafor").click()
    page.get_by_role("link", name="Notes").click()
    page.get_by_role("link", name="New note").click()
    page.wait_for_selector("h1:has-text('New progress note')")
    page.fill("input[name=duration_minutes]", "50")
    page.fill("textarea[name=section_data]", "Walked on three mornings.")
    page.fill("textarea[name=section_assessment]", "Activity up; mood a little brighter.")
    page.fill("textarea[name=section_plan]", "Add one social activity.")
    page.select_option(f"select[name=rating_{goal.pk}]", "4")
    page.select_option("select[name=risk_level]", "none")
    page.fill("textarea[name=risk_assessment]", "Denies ideation.")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_selector("text=The draft was saved.")
    page.check("#id_attest")
    page.fill("#id_sign_password", PASSWORD)
    page.get_by_role("button", name="Sign note").click()
    page.wait_for_selector("text=The note is signed.")
    main = page.inner_text("main")
    assert "4 · Good progress" in main
    assert "matches the signed content" in main
    note = ProgressNote.objects.get(client=client)
    assert note.is_signed and list(note.goals.all()) == [goal]
    assert note.content_hash[:16] in main

    page.get_by_role("link", name="Caseload").click()
    row = caseload_row(page, "Jordan Okafor")
    row.wait_for()
    assert row.locator(".signal-no_session").count() == 0
    screenshot(page, "dashboard-after-note")


def test_revise_compare_and_sign_a_plan(page) -> None:  # type: ignore[no-untyped-def]
    cast = make_personas()
    plan_services.plan_activate(
        actor=actor(cast.clinician), plan=cast.plan, expected_version=cast.plan.version
    )
    sign_in(page, cast.clinician.email)
    page.goto(f"{page.base_url}/plans/{cast.plan.pk}/")

    page.get_by_role("button", name="Revise (new version)").click()
    page.wait_for_selector("text=Version 2 is a draft copy of version 1")
    draft = TreatmentPlan.objects.get(lineage=cast.plan.lineage, version_number=2)
    assert page.url.endswith(f"/plans/{draft.pk}/")

    objective = Objective.objects.get(goal__problem__plan=draft)
    body = page.locator(f"#objective-{objective.pk}-body")
    body.get_by_role("button", name="Edit objective").click()
    body.locator("textarea[name=statement]").fill(NEW_OBJECTIVE)
    body.get_by_role("button", name="Save objective").click()
    body.locator("form.editing").wait_for(state="detached")
    assert NEW_OBJECTIVE in body.inner_text()
    objective.refresh_from_db()
    assert objective.statement == NEW_OBJECTIVE

    page.get_by_role("link", name="Compare versions").click()
    page.wait_for_selector("h1:has-text('Compare versions')")
    changed = page.locator("table.compare-tree tr[data-kind=objective][data-state=changed]")
    changed.wait_for()
    inserted = " ".join(changed.locator("td.new ins").all_inner_texts())
    deleted = " ".join(changed.locator("td.old del").all_inner_texts())
    assert "3" in inserted and "friend" in inserted
    assert "2" in deleted and "friend" not in deleted
    assert OLD_OBJECTIVE in changed.locator("td.old").inner_text()
    screenshot(page, "plan-compare-versions")

    page.get_by_role("link", name="Plan for Alex").click()
    page.get_by_role("link", name="Sign", exact=True).click()
    page.wait_for_selector("h1:has-text('Signatures')")
    page.check("#id_attest_clinician")
    page.fill("#id_password_clinician", PASSWORD)
    page.get_by_role("button", name="Sign as Casey Clinician").click()
    page.wait_for_selector("text=Signed. This version can no longer be changed.")
    page.fill("#id_signed_name", "Alex Rivera")
    page.check("#id_in_person")
    page.check("#id_attest_client")
    page.fill("#id_password_client", PASSWORD)
    page.get_by_role("button", name="Record the client's signature").click()
    page.wait_for_selector("text=witnessed by Casey Clinician")
    assert page.locator("text=matches the content above").count() == 2
    screenshot(page, "plan-signed")
    roles = set(PlanSignature.objects.filter(plan=draft).values_list("role", flat=True))
    assert roles == {"clinician", "client"}

    page.get_by_role("link", name="Plan for Alex · version 2").click()
    page.wait_for_selector("text=it can no longer be changed")
    assert page.locator("li.item-objective", has_text=NEW_OBJECTIVE).count() == 1
    assert page.get_by_role("button", name="Edit objective").count() == 0
    assert page.locator("main button:has-text('Edit'), main a:has-text('Edit')").count() == 0
    assert page.locator("main button:has-text('+ Add')").count() == 0
    screenshot(page, "plan-signed-read-only")

    page.get_by_role("link", name="Activate plan…").click()
    page.wait_for_selector("h1:has-text('Activate this plan?')")
    assert "becomes superseded" in page.inner_text("main")
    page.get_by_role("button", name="Activate the plan").click()
    page.wait_for_selector("h1 .badge.active")
    page.wait_for_selector("#history-heading")  # the panel's request is done before teardown
    assert TreatmentPlan.objects.get(pk=cast.plan.pk).status == PlanStatus.SUPERSEDED
