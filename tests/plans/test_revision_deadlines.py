"""Issue 12: a relative deadline typed into a revision ("within 12 weeks") counts from the
day the revision was made, not from the plan's original start."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.clock import FROZEN_DAY
from tests.factories import actor
from trellis.plans import services
from trellis.plans.dates import deadline_anchor
from trellis.plans.items import OBJECTIVE
from trellis.plans.models import Goal, TreatmentPlan
from trellis.plans.smart import attach_suggestions
from trellis.plans.versions.selectors import plan_tree
from trellis.plans.versions.services import plan_revise

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_day")]
TODAY = FROZEN_DAY
STATEMENT = "PHQ-9 score at or below 9 within 12 weeks."


@pytest.fixture
def revision(cast) -> TreatmentPlan:
    start = TODAY - timedelta(days=200)
    TreatmentPlan.objects.filter(pk=cast.plan.pk).update(
        start_date=start, review_date=TODAY + timedelta(days=10)
    )
    plan = TreatmentPlan.objects.get(pk=cast.plan.pk)
    services.plan_activate(actor=actor(cast.clinician), plan=plan, expected_version=plan.version)
    return plan_revise(actor=actor(cast.clinician), plan=TreatmentPlan.objects.get(pk=plan.pk))


def test_a_first_version_counts_from_its_start(cast) -> None:
    assert deadline_anchor(cast.plan) == cast.plan.start_date


def test_a_revision_counts_from_the_day_it_was_made(cast, revision) -> None:
    assert revision.start_date == TODAY - timedelta(days=200)
    assert deadline_anchor(revision) == TODAY
    goal = Goal.objects.get(problem__plan=revision)
    services.plan_item_add(
        actor=actor(cast.clinician), kind=OBJECTIVE, parent=goal, data={"statement": STATEMENT}
    )
    tree = plan_tree(revision)
    objectives = [o for g in tree.problems.get().goals.all() for o in g.objectives.all()]
    attach_suggestions(tree, objectives)
    typed = next(o for o in objectives if o.statement == STATEMENT)
    assert typed.suggested_target.data["deadline"] == TODAY + timedelta(weeks=12)
