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
from tests.factories import make_personas
from trellis.clients.models import Client, Diagnosis
from trellis.plans.models import Goal, MeasureTarget, Objective, TreatmentPlan

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


def test_the_walk_through_from_intake_to_print(page) -> None:  # type: ignore[no-untyped-def]
    cast = make_personas()
    walk = Walk(page)
    sign_in(page, cast.clinician.email)
    walk.look("dashboard")

    client = _intake(walk)
    _diagnoses(walk, client)
    plan = _template_plan(walk, client)
    _scratch_problem(walk, plan)

    assert walk.problems == [], "\n".join(walk.problems)
