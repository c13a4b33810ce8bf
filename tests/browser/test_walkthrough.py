"""Issue 12's walk-through, as a new therapist would take it, in one sitting: a 27-year-old
with generalized anxiety, low mood and poor sleep, from intake to the printed, signed plan.

intake → diagnoses → a template plan → a problem written from scratch with SMART goals →
measures → a measure-linked target → the first progress note → activation → signatures →
a review → print. Each step asserts what the clinician sees on the screen, and axe-core
checks every page on the way (a serious or critical violation fails the walk).
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from tests.browser.axe import check_page
from tests.browser.conftest import screenshot
from tests.browser.test_write_a_plan import sign_in
from tests.factories import PASSWORD, make_personas
from trellis.clients.models import Client, Diagnosis
from trellis.measures.models import Administration
from trellis.plans.models import Goal, MeasureTarget, Objective, PlanSignature, TreatmentPlan
from trellis.progress.models import ProgressNote

pytestmark = pytest.mark.browser


class Walk:
    """The page, and the axe findings of every page visited (reported together at the end,
    so one run shows them all)."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.problems: list[str] = []
        self.pages = 0

    def look(self, name: str) -> None:
        path = screenshot(self.page, f"walk-{name}")
        path.with_suffix(".txt").write_text(self.page.locator("main").inner_text())
        self.problems += check_page(self.page, name)
        self.pages += 1

    def go(self, path: str) -> None:
        self.page.goto(self.page.base_url + path)


def _intake(walk: Walk) -> Client:
    page = walk.page
    page.get_by_role("link", name="Clients", exact=True).click()
    page.get_by_role("link", name="Add a client").click()
    page.get_by_label("First name").fill("Maya")
    page.get_by_label("Last name").fill("Okonkwo")
    born = timezone.localdate().replace(year=timezone.localdate().year - 27) - timedelta(days=40)
    page.get_by_label("Date of birth").fill(born.isoformat())
    page.get_by_label("Pronouns").fill("she/her")
    page.get_by_label("Occupation").fill("Junior accountant")
    page.get_by_label("Presenting problem").fill(
        "Constant worry about work and family for a year, low mood for three months, "
        "takes over an hour to fall asleep most nights."
    )
    page.get_by_label("Referral source").fill("Primary care provider")
    page.get_by_label("Current medications").fill("None")
    page.get_by_label("Suicidal ideation").select_option("denied")
    page.get_by_label("Self-harm history").select_option("none")
    walk.look("intake-form")
    page.get_by_role("button", name="Add the client").click()
    page.wait_for_selector("text=Maya Okonkwo was added.")
    client = Client.objects.get(last_name="Okonkwo")
    facts = page.locator("dl.facts").first.inner_text()
    assert "(age 27)" in facts
    assert page.locator(".client-number").inner_text() == f"Client no. {client.number}"
    walk.look("client-page")
    return client


def _pick_diagnosis(walk: Walk, typed: str, wanted: str) -> None:
    page = walk.page
    box = page.get_by_role("combobox", name="Diagnosis")
    box.fill("")
    box.press_sequentially(typed, delay=10)
    option = page.locator("#icd10-listbox").get_by_role("option", name=re.compile("^" + wanted))
    option.first.click()
    assert box.input_value().startswith(wanted)


def _diagnoses(walk: Walk, client: Client) -> None:
    page = walk.page
    page.get_by_role("link", name="Add a diagnosis").click()
    _pick_diagnosis(walk, "worry", "F41.1")
    page.get_by_label("Primary diagnosis").check()
    page.get_by_label("Onset").fill("2025")
    walk.look("diagnosis-form")
    page.get_by_role("button", name="Save and add another").click()
    page.wait_for_selector("text=F41.1 Generalized anxiety disorder was recorded.")

    # Low mood for three months: a depressive episode is a working hypothesis, a rule-out.
    _pick_diagnosis(walk, "depression", "F32.")
    page.get_by_label("Status").select_option("rule_out")
    page.get_by_role("button", name="Save and add another").click()
    page.wait_for_selector("text=was recorded.")

    _pick_diagnosis(walk, "insomnia", "F51.0")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(f"**/clients/{client.pk}/")
    listed = page.locator("#diagnoses").inner_text()
    assert "F41.1" in listed and "R/O F32." in listed and "F51.0" in listed
    assert Diagnosis.objects.filter(client=client).count() == 3


def _template_plan(walk: Walk, client: Client) -> TreatmentPlan:
    page = walk.page
    page.get_by_role("link", name="Start from a template").click()
    page.get_by_label("Search").fill("generalized anxiety")
    page.get_by_role("button", name="Search").click()
    walk.look("library-search")
    rows = page.locator("table.templates tbody tr")
    assert "F41.1" in rows.first.inner_text()  # the client's primary diagnosis ranks first
    rows.first.get_by_role("link", name=re.compile("^Use for")).click()
    page.wait_for_selector("form.apply-form")
    walk.look("template-apply")
    page.get_by_role("button", name="Make the draft plan").click()
    page.wait_for_selector("text=The draft plan was made from the template")
    plan = TreatmentPlan.objects.get(client=client)
    assert plan.problems.count() >= 1
    assert Goal.objects.filter(problem__plan=plan).exists()
    overview = page.locator("main").inner_text()
    assert "F41.1" in overview and "R/O F32." in overview  # the plan lists the diagnoses
    for internal in ("atorbelow", "at_or_below", "down_by_points", "CASE_MANAGEMENT", "[nice-"):
        assert internal not in overview, internal
    walk.look("plan-from-template")
    return plan


def _add(page: Any, scope: Any, kind: str, fields: dict[str, str]) -> Any:
    """Open the add form for `kind` under `scope`, fill it, and return the form (still open)."""
    scope.get_by_role("button", name=f"+ Add {kind}").last.click()
    form = page.locator(f"form.add-form-{kind}")
    for name, value in fields.items():
        control = form.locator(f"[name={name}]")
        if control.evaluate("el => el.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value)
    return form


def _scratch_problem(walk: Walk, plan: TreatmentPlan) -> Objective:
    """Poor sleep, written from nothing, with SMART objectives: the deadline the analyzer
    reads fills the target date; a PHQ-9 objective gets its one-click target after the save."""
    page = walk.page
    insomnia = Diagnosis.objects.get(client=plan.client, code__startswith="F51.0")
    depression = Diagnosis.objects.get(client=plan.client, code__startswith="F32.")
    form = _add(
        page,
        page.locator("main"),
        "problem",
        {
            "title": "Poor sleep",
            "behavioral_definition": "Takes over an hour to fall asleep on most nights.",
            "diagnosis": str(insomnia.pk),
        },
    )
    form.get_by_role("button", name="Add problem").click()
    form.wait_for(state="detached")
    sleep = page.locator("li.item-problem", has_text="Poor sleep")

    form = _add(page, sleep, "goal", {"statement": "Sleep well enough to feel rested at work."})
    form.get_by_role("button", name="Add goal").click()
    form.wait_for(state="detached")

    form = _add(page, sleep, "objective", {})
    statement = form.locator("textarea[name=statement]")
    statement.press_sequentially(
        "Fall asleep within 30 minutes on at least 5 nights a week within 8 weeks.", delay=2
    )
    eight_weeks = (plan.start_date + timedelta(weeks=8)).isoformat()
    target_date = form.locator("input[name=target_date]")
    page.wait_for_function(
        "([el, day]) => el.value === day", arg=[target_date.element_handle(), eight_weeks]
    )
    feedback = form.locator(".smart-feedback").inner_text()
    assert "within 8 weeks" in feedback and "vague" not in feedback
    walk.look("smart-objective")
    form.get_by_role("button", name="Add objective").click()
    form.wait_for(state="detached")
    sleep_objective = Objective.objects.get(goal__problem__plan=plan, statement__startswith="Fall")
    assert sleep_objective.target_date.isoformat() == eight_weeks

    form = _add(
        page,
        page.locator(f"#objective-{sleep_objective.pk}"),
        "intervention",
        {"modality": "sleep_hygiene", "description": "Stimulus control and a fixed wake time"},
    )
    form.get_by_role("button", name="Add intervention").click()
    form.wait_for(state="detached")

    # Low mood, a rule-out: a problem of its own with an objective on the PHQ-9.
    form = _add(
        page,
        page.locator("main"),
        "problem",
        {"title": "Low mood", "diagnosis": str(depression.pk)},
    )
    form.get_by_role("button", name="Add problem").click()
    form.wait_for(state="detached")
    mood = page.locator("li.item-problem", has_text="Low mood")
    form = _add(page, mood, "goal", {"statement": "Enjoy weekends with friends again."})
    form.get_by_role("button", name="Add goal").click()
    form.wait_for(state="detached")
    form = _add(
        page,
        mood,
        "objective",
        {"statement": "Client will show a 5-point decrease on the PHQ-9 by session 8."},
    )
    form.get_by_role("button", name="Add objective").click()
    form.wait_for(state="detached")
    track = mood.get_by_role("button", name="Track PHQ-9 down by 5 points")
    track.wait_for()
    assert "at or below 5" not in mood.inner_text()
    track.click()
    page.locator("text=Now tracking PHQ-9 down by 5 points").wait_for()
    assert MeasureTarget.objects.filter(instrument_id="PHQ-9", kind="down_by_points").exists()
    walk.look("plan-scratch-problems")
    return sleep_objective


def _measures(walk: Walk, client: Client, plan: TreatmentPlan, sleep: Objective) -> None:
    """The GAD-7 given in session, last month's PHQ-9 known only as a total, and a target on
    the sleep objective from the target form."""
    page = walk.page
    walk.go(f"/clients/{client.pk}/measures/")
    page.get_by_role("link", name=re.compile("^Give the GAD-7")).first.click()
    page.wait_for_selector("h1:has-text('Generalized Anxiety Disorder-7')")
    for number, value in enumerate([2, 3, 2, 2, 1, 2, 2], start=1):
        page.locator(f"input[name=item_{number}][value='{value}']").check()
    walk.look("gad7-form")
    page.get_by_role("button", name="Score and save").click()
    page.wait_for_selector("text=GAD-7 recorded: 14 (moderate).")
    walk.look("measures-after-gad7")

    walk.go(f"/clients/{client.pk}/measures/")
    page.get_by_role("link", name=re.compile("^Paper form for the PHQ-9")).first.click()
    page.get_by_role("link", name="Enter a historical total").click()
    month_ago = timezone.localdate() - timedelta(days=30)
    page.get_by_label("Day of the score").fill(month_ago.isoformat())
    page.get_by_label("Total score").fill("12")
    page.get_by_label("Where the score comes from").fill("Letter from the primary care provider")
    walk.look("phq9-total-only")
    page.get_by_role("button", name="Save the total").click()
    page.wait_for_selector("text=PHQ-9 total only recorded: 12 (moderate).")
    assert "total only" in page.locator("#measure-phq-9").inner_text()
    assert Administration.objects.filter(client=client, total_only=True).count() == 1

    walk.go(f"/plans/{plan.pk}/")
    page.locator(f"#objective-{sleep.pk}-targets").get_by_role(
        "link", name=re.compile("^\\+ Measure-linked target")
    ).click()
    page.get_by_label("Measure").select_option("GAD-7")
    page.locator("#id_kind").select_option("at_or_below")
    page.get_by_label("Score, points or percent").fill("9")
    assert page.get_by_label("Deadline").input_value() == sleep.target_date.isoformat()
    walk.look("target-form")
    page.get_by_role("button", name="Save the target").click()
    page.wait_for_url(f"**/plans/{plan.pk}/**")
    target = MeasureTarget.objects.get(objective=sleep)
    assert (target.instrument_id, target.value) == ("GAD-7", 9.0)
    walk.look("plan-with-targets")


def _first_note(walk: Walk, client: Client, plan: TreatmentPlan) -> ProgressNote:
    page = walk.page
    walk.go(f"/clients/{client.pk}/")
    page.get_by_role("link", name="Notes").click()
    page.get_by_role("link", name="New note").click()
    page.wait_for_selector("h1:has-text('New progress note')")
    form = page.locator("form.note-form")
    assert form.locator("select[name=mse-appearance]").is_visible()  # first note: MSE open
    assert form.locator("input[name=administrations]").first.is_checked()  # today's GAD-7
    page.fill("input[name=duration_minutes]", "55")
    page.get_by_label("Started").fill("10:00")
    page.get_by_label("Ended").fill("10:55")
    page.get_by_label("Service code (CPT)").select_option("90791")
    page.get_by_label("Place of service").select_option("11")
    form.locator("select[name=mse-appearance]").select_option("groomed")
    form.locator("select[name=mse-behaviour]").select_option("cooperative")
    page.fill("textarea[name=section_data]", "Intake. Worry most days; sleep onset 60-90 min.")
    page.fill("textarea[name=section_assessment]", "Presentation fits GAD; low mood to re-screen.")
    page.fill("textarea[name=section_plan]", "Start the worry log; stimulus control for sleep.")
    # The intake session comes before the plan is active: no goal to rate yet.
    page.select_option("select[name=risk_level]", "none")
    page.fill("textarea[name=risk_assessment]", "Denies ideation, intent or plan.")
    walk.look("note-form")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_selector("text=The draft was saved.")
    page.check("#id_attest")
    page.fill("#id_sign_password", PASSWORD)
    page.get_by_role("button", name="Sign note").click()
    page.wait_for_selector("text=The note is signed.")
    main = page.inner_text("main")
    assert "90791" in main and "10:00" in main and "Well kept" in main
    walk.look("note-signed")
    note = ProgressNote.objects.get(client=client)
    assert note.is_signed and note.administrations.count() == 1
    return note


def _activate_and_sign(walk: Walk, plan: TreatmentPlan) -> None:
    page = walk.page
    walk.go(f"/plans/{plan.pk}/")
    page.get_by_role("link", name="Activate plan…").click()
    page.wait_for_selector("h1:has-text('Activate this plan?')")
    walk.look("activate-confirm")
    page.get_by_role("button", name="Activate the plan").click()
    page.wait_for_selector("h1 .badge.active")

    page.get_by_role("link", name="Sign", exact=True).click()
    page.wait_for_selector("h1:has-text('Signatures')")
    signed = page.locator("section[aria-labelledby=signed-content-heading]").inner_text()
    assert "Stimulus control and a fixed wake time" in signed  # the whole plan, read first
    assert "GAD-7" in signed and "Poor sleep" in signed
    walk.look("sign-page")
    page.check("#id_attest_clinician")
    page.fill("#id_password_clinician", PASSWORD)
    page.get_by_role("button", name="Sign as Casey Clinician").click()
    page.wait_for_selector("text=Signed. This version can no longer be changed.")
    page.fill("#id_signed_name", "Maya Okonkwo")
    page.check("#id_in_person")
    page.check("#id_attest_client")
    page.fill("#id_password_client", PASSWORD)
    page.get_by_role("button", name="Record the client's signature").click()
    page.wait_for_selector("text=witnessed by Casey Clinician")
    assert page.locator("text=matches the content above").count() == 2
    roles = set(PlanSignature.objects.filter(plan=plan).values_list("role", flat=True))
    assert roles == {"clinician", "client"}


def _review(walk: Walk, plan: TreatmentPlan) -> None:
    page = walk.page
    walk.go(f"/plans/{plan.pk}/")
    page.get_by_role("link", name="Review", exact=True).click()
    evidence = page.locator("section[aria-labelledby=evidence-heading]").inner_text()
    assert "GAD-7" in evidence and "PHQ-9 baseline 12" in evidence
    walk.look("review-form")
    page.get_by_label("Yes, the client took part").check()
    page.get_by_label("Continue the plan as it is").check()
    page.get_by_role("button", name=re.compile("^Record the review")).click()
    page.wait_for_selector("text=Review recorded: continue the plan as it is.")
    walk.look("review-recorded")
    assert plan.reviews.get().client_participated is True


def _print(walk: Walk, plan: TreatmentPlan) -> None:
    page = walk.page
    walk.go(f"/plans/{plan.pk}/")
    page.get_by_role("link", name="Print view").click()
    main = page.locator("main").inner_text()
    assert "Maya Okonkwo" in main and "Test Practice" in main
    assert "Casey Clinician" in page.locator("table.e-signatures").inner_text()
    assert "Poor sleep" in main and "R/O F32." in main
    walk.look("print")


def test_the_walk_through_from_intake_to_print(page) -> None:  # type: ignore[no-untyped-def]
    cast = make_personas()
    walk = Walk(page)
    sign_in(page, cast.clinician.email)
    walk.look("dashboard")

    client = _intake(walk)
    _diagnoses(walk, client)
    plan = _template_plan(walk, client)
    sleep = _scratch_problem(walk, plan)
    _measures(walk, client, plan, sleep)
    _first_note(walk, client, plan)
    _activate_and_sign(walk, plan)
    _review(walk, plan)
    _print(walk, plan)
    assert walk.pages >= 20

    assert walk.problems == [], "\n".join(walk.problems)
