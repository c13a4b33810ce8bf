"""Issue 12: Compare shows the safety plan's means-safety fields in words: the question as
the safety form asks it and the answer by its label, never a field name or a stored code;
dates in the practice's style."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, actor
from tests.plans import test_versions
from tests.plans.test_versions import _fresh, _revise
from trellis.accounts.dates import date_style, format_day
from trellis.accounts.models import PracticeSettings
from trellis.plans import services
from trellis.plans.models import Goal, TreatmentPlan

pytestmark = pytest.mark.django_db
active = test_versions.active  # the plan in force, as the versions tests build it


def _means_changed(cast, plan: TreatmentPlan) -> TreatmentPlan:
    draft = _revise(cast, plan)
    services.plan_update(
        actor=actor(cast.clinician),
        plan=_fresh(draft),
        data={
            "firearms_access": "yes",
            "firearms_plan": "Brother keeps the rifle until March.",
            "medication_access": "unknown",
            "medication_plan": "Ask about the stockpile.",
        },
        expected_version=1,
    )
    goal = Goal.objects.get(problem__plan=draft)
    services.plan_item_update(
        actor=actor(cast.clinician),
        item=goal,
        data={"statement": goal.statement, "target_date": draft.start_date + timedelta(weeks=30)},
        expected_version=goal.version,
    )
    return _fresh(draft)


def test_compare_writes_means_safety_in_words(client, cast, active) -> None:
    PracticeSettings.objects.create(practice=cast.practice, date_style="long")
    draft = _means_changed(cast, active)
    client.login(username=cast.clinician.email, password=PASSWORD)
    body = client.get(reverse("plans:compare", args=[draft.pk])).content.decode()
    rows = {
        row.split("</th>", 1)[0]: row
        for row in body.split('<tr class="cmp-changed"><th scope="row">')[1:]
    }
    firearm = rows["Can the client get to a firearm?"]
    assert '<td class="new"><ins>Yes</ins></td>' in firearm
    medication = rows["Can the client get to medication in dangerous amounts?"]
    assert '<td class="new"><ins>Not known yet</ins></td>' in medication
    assert (
        "Brother keeps the rifle"
        in rows["Firearms: the plan (stored locked, away or with someone else)"]
    )
    assert (
        "Ask about the stockpile"
        in rows["Medication: the plan (limited supply, held by someone else)"]
    )
    for internal in ("firearms_access", "firearms_plan", "medication_access", "medication_plan"):
        assert internal not in body
    assert ">unknown<" not in body and ">yes<" not in body
    with date_style("long"):
        assert format_day(draft.start_date + timedelta(weeks=30)) in body
    assert (draft.start_date + timedelta(weeks=30)).isoformat() not in body
