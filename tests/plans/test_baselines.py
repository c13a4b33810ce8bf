"""Baselines of measure-linked targets: the rule (latest valid score within 30 days before
the plan's start, else the first after it; ``trellis.core.planning.baseline``), shown with
its reason, changeable on the target form, and the same on every page (issue 10: a score
two years before the start was chosen over one two weeks after it)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.audit_helpers import events_since, last_id
from tests.factories import PASSWORD, actor, make_administration, make_client, phq9_answers
from trellis.core.planning.baseline import day_text
from trellis.measures import services as measure_services
from trellis.measures.models import Administration
from trellis.plans import selectors, services
from trellis.plans.models import Goal, MeasureTarget, TreatmentPlan
from trellis.plans.versions.compare import compare_versions
from trellis.plans.versions.selectors import plan_tree
from trellis.plans.versions.services import plan_revise
from trellis.progress.dashboard import build

pytestmark = pytest.mark.django_db
ITEM9_AND_A_BLANK = [1, None, 2, 1, 0, 1, 2, 1, 2]  # kept unscored: no total


@pytest.fixture
def start(cast) -> date:
    """The plan started 40 days ago, so scores up to 40 days after it are in the past."""
    day = timezone.localdate() - timedelta(days=40)
    TreatmentPlan.objects.filter(pk=cast.plan.pk).update(start_date=day)
    cast.plan.refresh_from_db()
    return day


@pytest.fixture
def signed_in(client, cast):
    client.login(username=cast.clinician.email, password=PASSWORD)
    return client


def _score(cast, total: int, on: date, client=None):
    return make_administration(cast.clinician, client or cast.client, phq9_answers(total), on=on)


def _add(cast, **data) -> MeasureTarget:
    values = {"instrument_id": "PHQ-9", "kind": "reliable_improvement", "value": None}
    values.update(data)
    goal = Goal.objects.get(problem__plan=cast.plan)
    return services.target_add(actor=actor(cast.clinician), owner=goal, data=values)


def _view(cast):
    plan = selectors.plan_with_tree(actor(cast.clinician), cast.plan.pk)
    (view,) = selectors.attach_target_views(plan)
    return view


@pytest.mark.parametrize(("days", "baseline"), [(30, 18), (31, 14)])
def test_30_days_before_the_start_counts_31_does_not(cast, start, days, baseline) -> None:
    _score(cast, 18, start - timedelta(days=days))
    _score(cast, 14, start + timedelta(days=7))
    _add(cast)
    view = _view(cast)
    assert view.baseline.score.value == baseline
    assert view.evaluation.baseline.value == baseline


def test_a_score_on_the_start_day_is_the_baseline(cast, start) -> None:
    _score(cast, 16, start - timedelta(days=5))
    _score(cast, 12, start)
    _add(cast)
    assert _view(cast).baseline.reason == f"PHQ-9 12 on {day_text(start)}, the day the plan started"


def test_the_issue_case_on_the_plan_page_dashboard_and_measures_page(
    signed_in, cast, start
) -> None:
    """Two years before (5) vs two weeks after (20): the old rule judged 5 -> 21 a reliable
    deterioration; from 20 it is no reliable change, on every page alike."""
    services.plan_activate(actor=actor(cast.clinician), plan=cast.plan, expected_version=1)
    _score(cast, 5, start - timedelta(days=730))
    after = start + timedelta(days=14)
    _score(cast, 20, after)
    _score(cast, 21, start + timedelta(days=35))
    _add(cast)
    view = _view(cast)
    assert view.baseline.score.value == 20
    assert view.status != "deteriorated"
    reason = (
        f"PHQ-9 20 on {day_text(after)}, 14 days after the plan started: first score after "
        f"the start, as the last one before it, {day_text(start - timedelta(days=730))}, "
        "is more than 30 days earlier"
    )
    assert view.baseline.reason == reason
    plan_page = signed_in.get(reverse("plans:detail", args=[cast.plan.pk])).content.decode()
    assert f"Baseline: {reason}" in plan_page
    (row,) = [r for r in build(actor(cast.clinician)).rows if r.client == cast.client]
    assert "deteriorated" not in [s.code for s in row.signals]
    measures = signed_in.get(reverse("plans:measures", args=[cast.client.pk])).content.decode()
    assert f"Plan for Alex, started {day_text(start)}: baseline {reason}" in measures
    assert "reliable deterioration" not in measures


def test_voided_and_unscored_administrations_are_never_the_baseline(cast, start) -> None:
    _score(cast, 15, start - timedelta(days=20))
    wrong = _score(cast, 3, start - timedelta(days=2))
    make_administration(cast.clinician, cast.client, ITEM9_AND_A_BLANK, on=start - timedelta(1))
    assert Administration.objects.filter(total__isnull=True).count() == 1
    measure_services.administration_void(
        actor=actor(cast.clinician), administration=wrong, reason="Another client's form"
    )
    _add(cast)
    view = _view(cast)
    assert view.baseline.score.value == 15
    assert "20 days before the plan started" in view.baseline.reason


def _edit(http, target: MeasureTarget, baseline: object, version: int | None = None):
    data = {
        "instrument_id": target.instrument_id,
        "kind": target.kind,
        "value": "",
        "deadline": "",
        "subscale": "",
        "baseline": "" if baseline is None else str(baseline),
        "version": str(version or target.version),
    }
    return http.post(reverse("plans:target_edit", args=[target.pk]), data)


def test_a_chosen_baseline_wins_is_shown_audited_and_can_go_back_to_the_rule(
    signed_in, cast, start
) -> None:
    early = _score(cast, 22, start - timedelta(days=90))
    _score(cast, 16, start - timedelta(days=3))
    _score(cast, 14, start + timedelta(days=10))
    target = _add(cast)
    form = signed_in.get(reverse("plans:target_edit", args=[target.pk])).content.decode()
    assert "Baseline now: PHQ-9 16 on" in form and "3 days before the plan started" in form
    assert "The rule: the latest score within 30 days before the plan&#x27;s start" in form

    mark = last_id()
    assert _edit(signed_in, target, early.pk).status_code == 302
    target.refresh_from_db()
    assert target.baseline_id == early.pk and target.baseline_chosen_by == cast.clinician
    updates = [e for e in events_since(mark) if e.action == "update"]
    (event,) = [e for e in updates if e.object_type == "measuretarget"]
    assert event.detail["baseline"] == str(early.pk)
    assert set(event.detail["fields"]) == {"baseline", "baseline_chosen_by"}
    view = _view(cast)
    assert view.baseline.score.value == 22
    assert view.baseline.reason == (
        f"PHQ-9 22 on {day_text(start - timedelta(days=90))}, 90 days before the plan "
        "started: chosen by Casey Clinician"
    )
    page = signed_in.get(reverse("plans:detail", args=[cast.plan.pk])).content.decode()
    assert "chosen by Casey Clinician" in page

    assert _edit(signed_in, target, None).status_code == 302
    target.refresh_from_db()
    assert target.baseline_id is None and target.baseline_chosen_by is None
    assert _view(cast).baseline.score.value == 16


def test_a_stale_baseline_change_is_refused_and_changes_nothing(signed_in, cast, start) -> None:
    early = _score(cast, 22, start - timedelta(days=90))
    target = _add(cast)
    services.target_update(
        actor=actor(cast.clinician), target=target, data={"kind": "recovery"}, expected_version=1
    )
    response = _edit(signed_in, target, early.pk, version=1)
    assert response.status_code == 409
    target.refresh_from_db()
    assert target.baseline_id is None and target.version == 2


def test_another_clients_score_is_refused_with_a_clear_message(signed_in, cast, start) -> None:
    other = make_client(cast.clinician, first_name="Blake", last_name="Other")
    theirs = _score(cast, 20, start - timedelta(days=2), client=other)
    target = _add(cast)
    with pytest.raises(ValidationError) as caught:
        services.target_update(
            actor=actor(cast.clinician),
            target=target,
            data={"baseline": theirs},
            expected_version=target.version,
        )
    assert caught.value.message_dict["baseline"] == [
        "That score is another client's. Choose one of this client's PHQ-9 scores as the "
        "baseline, or leave it to the rule."
    ]
    response = _edit(signed_in, target, theirs.pk)
    assert response.status_code == 200
    assert "That score is not one of this client&#x27;s valid scores" in response.content.decode()
    target.refresh_from_db()
    assert target.baseline_id is None and target.version == 1


def test_a_score_on_another_instrument_or_entered_in_error_is_refused(cast, start) -> None:
    gad = make_administration(cast.clinician, cast.client, [1] * 7, instrument="GAD-7")
    voided = _score(cast, 12, start - timedelta(days=1))
    measure_services.administration_void(
        actor=actor(cast.clinician), administration=voided, reason="Wrong client"
    )
    voided.refresh_from_db()
    for chosen, problem in [
        (gad, "That is a GAD-7 score; the target is on the PHQ-9."),
        (voided, "That score was marked entered in error."),
    ]:
        with pytest.raises(ValidationError) as caught:
            _add(cast, baseline=chosen)
        assert caught.value.message_dict["baseline"][0].startswith(problem)
    assert not MeasureTarget.objects.exists()


def test_a_chosen_score_voided_later_falls_back_to_the_rule_and_says_so(cast, start) -> None:
    chosen = _score(cast, 22, start - timedelta(days=90))
    _score(cast, 16, start - timedelta(days=3))
    _add(cast, baseline=chosen)
    measure_services.administration_void(
        actor=actor(cast.clinician), administration=chosen, reason="Another client's form"
    )
    view = _view(cast)
    assert view.baseline.score.value == 16
    assert view.baseline.reason.startswith("the chosen score was marked entered in error")


def test_plan_versions_show_each_versions_baseline_and_its_reason(cast, start) -> None:
    services.plan_activate(actor=actor(cast.clinician), plan=cast.plan, expected_version=1)
    _score(cast, 16, start - timedelta(days=3))
    _add(cast)
    draft = plan_revise(actor=actor(cast.clinician), plan=cast.plan)
    comparison = compare_versions(plan_tree(cast.plan), plan_tree(draft))
    (row,) = [r for r in comparison.rows if r.kind == "target"]
    baseline = next(f for f in row.fields if f.label == "Baseline")
    assert (
        baseline.old
        == baseline.new
        == (f"PHQ-9 16 on {day_text(start - timedelta(days=3))}, 3 days before the plan started")
    )
