"""Revising a plan into a new version, and comparing two versions side by side."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.audit_helpers import events_since, last_id, summary
from tests.factories import PASSWORD, SIGN, actor, grow_plan, make_administration, make_plan
from trellis.plans import selectors, services
from trellis.plans.items import INTERVENTION, OBJECTIVE, PROBLEM
from trellis.plans.models import (
    Goal,
    Intervention,
    MeasureTarget,
    Objective,
    PlanStatus,
    Problem,
    TreatmentPlan,
)
from trellis.plans.signing.content import plan_content, plan_hash
from trellis.plans.signing.services import plan_sign
from trellis.plans.versions.compare import PlanComparison, compare_versions, ordered
from trellis.plans.versions.selectors import plan_tree, plan_versions
from trellis.plans.versions.services import RevisionExistsError, plan_revise

pytestmark = pytest.mark.django_db


def _fresh(plan: TreatmentPlan) -> TreatmentPlan:
    return TreatmentPlan.objects.get(pk=plan.pk)


def _activate(cast: Any, plan: TreatmentPlan) -> TreatmentPlan:
    plan = _fresh(plan)
    services.plan_activate(actor=actor(cast.clinician), plan=plan, expected_version=plan.version)
    return _fresh(plan)


def _revise(cast: Any, plan: TreatmentPlan, **extra: Any) -> TreatmentPlan:
    return plan_revise(actor=actor(cast.clinician), plan=_fresh(plan), **extra)


def _sign(cast: Any, plan: TreatmentPlan) -> None:
    digest = plan_hash(plan_tree(plan))
    plan_sign(
        **SIGN,
        actor=actor(cast.clinician),
        plan=_fresh(plan),
        role="clinician",
        expected_hash=digest,
    )


def _content(plan: TreatmentPlan) -> dict[str, Any]:
    """What a reader sees of a version, without which row and version it is."""
    content = plan_content(plan_tree(plan))
    for key in ("plan", "version_number"):
        content.pop(key)
    return content


@pytest.fixture
def active(cast) -> TreatmentPlan:
    """The cast's plan in force, with a target on its goal (baseline chosen) and objective,
    and a safety plan."""
    who = actor(cast.clinician)
    start = timezone.localdate() - timedelta(days=30)
    TreatmentPlan.objects.filter(pk=cast.plan.pk).update(start_date=start)
    baseline = make_administration(cast.clinician, cast.client, on=start)
    goal = Goal.objects.get(problem__plan=cast.plan)
    services.target_add(
        actor=who,
        owner=goal,
        data={"instrument_id": "PHQ-9", "kind": "at_or_below", "value": 9.0, "baseline": baseline},
    )
    services.target_add(
        actor=who,
        owner=goal.objectives.get(),
        data={"instrument_id": "PHQ-9", "kind": "reliable_improvement"},
    )
    services.plan_update(
        actor=who,
        plan=_fresh(cast.plan),
        data={"warning_signs": "Stops answering texts", "coping_strategies": "Walk"},
        expected_version=1,
    )
    return _activate(cast, cast.plan)


# --- Revising ---------------------------------------------------------------------------


def test_revising_copies_the_plan_into_a_new_draft_version(cast, active) -> None:
    mark = last_id()
    draft = _revise(cast, active)
    assert (draft.status, draft.version_number, draft.previous_version_id) == (
        PlanStatus.DRAFT,
        2,
        active.pk,
    )
    assert draft.lineage == active.lineage and draft.pk != active.pk
    assert (draft.created_by, draft.signed_at, draft.activated_at) == (cast.clinician, None, None)
    assert _content(draft) == _content(active)
    for model, path in [
        (Problem, "plan"),
        (Goal, "problem__plan"),
        (Objective, "goal__problem__plan"),
        (Intervention, "objective__goal__problem__plan"),
    ]:
        old = list(model.objects.filter(**{path: active}).values_list("pk", "lineage"))
        new = list(model.objects.filter(**{path: draft}).values_list("pk", "lineage"))
        assert [lineage for _, lineage in old] == [lineage for _, lineage in new]
        assert not {pk for pk, _ in old} & {pk for pk, _ in new}
    targets = MeasureTarget.objects.filter(goal__problem__plan=draft).get()
    assert targets.baseline_id is not None
    events = events_since(mark)
    assert summary(events) == [("create", "treatmentplan", cast.client.pk)]
    assert events[0].detail == {
        "revised_from": str(active.pk),
        "version_number": 2,
        "problems": 1,
        "goals": 1,
        "objectives": 1,
        "interventions": 1,
        "targets": 2,
    }


def test_the_version_in_force_stays_until_the_new_one_is_activated(cast, active) -> None:
    _sign(cast, active)
    draft = _revise(cast, active, review_date=timezone.localdate() + timedelta(days=60))
    assert _fresh(active).status == PlanStatus.ACTIVE
    assert draft.review_date == timezone.localdate() + timedelta(days=60)
    who = actor(cast.clinician)
    services.plan_item_add(actor=who, kind=PROBLEM, parent=draft, data={"title": "Sleep"})
    before = _content(active)
    _activate(cast, draft)
    old = _fresh(active)
    assert old.status == PlanStatus.SUPERSEDED
    assert _content(old) == before  # kept exactly as it was
    third = _revise(cast, draft)
    assert third.version_number == 3
    assert [v.version_number for v in plan_versions(third)] == [1, 2, 3]


def test_only_the_plan_in_force_or_a_signed_draft_is_revised(cast) -> None:
    with pytest.raises(ValidationError, match="edited directly"):
        _revise(cast, cast.plan)
    _sign(cast, cast.plan)
    draft = _revise(cast, cast.plan)
    assert _fresh(cast.plan).status == PlanStatus.SUPERSEDED  # a signed draft is replaced
    assert draft.status == PlanStatus.DRAFT
    services.plan_close(actor=actor(cast.clinician), plan=draft, expected_version=draft.version)
    with pytest.raises(ValidationError, match="plan in force"):
        _revise(cast, draft)


def test_one_draft_revision_at_a_time(cast, active) -> None:
    draft = _revise(cast, active)
    with pytest.raises(RevisionExistsError) as error:
        _revise(cast, active)
    assert error.value.draft == draft
    assert TreatmentPlan.objects.filter(lineage=active.lineage).count() == 2


def test_the_new_draft_is_editable_while_the_signed_version_is_not(cast, active) -> None:
    _sign(cast, active)
    draft = _revise(cast, active)
    objective = Objective.objects.get(goal__problem__plan=draft)
    services.plan_item_update(
        actor=actor(cast.clinician),
        item=objective,
        data={"statement": "Schedule 4 valued activities a week"},
        expected_version=1,
    )
    assert Objective.objects.get(goal__problem__plan=active).statement.startswith("Schedule 2")


# --- Comparing --------------------------------------------------------------------------


def _second_objective(cast: Any, plan: TreatmentPlan) -> None:
    """A second objective, with a target and an intervention, on the (unsigned) plan."""
    who = actor(cast.clinician)
    goal = Goal.objects.get(problem__plan=plan)
    objective = services.plan_item_add(
        actor=who, kind=OBJECTIVE, parent=goal, data={"statement": "Sleep by 23:00"}
    )
    services.target_add(
        actor=who, owner=objective, data={"instrument_id": "PHQ-9", "kind": "recovery"}
    )
    services.plan_item_add(
        actor=who, kind=INTERVENTION, parent=objective, data={"description": "Sleep diary"}
    )


def _edit_the_draft(cast: Any, draft: TreatmentPlan) -> dict[str, Any]:
    """Change a word, remove an objective, add an intervention and a problem, and a field."""
    who = actor(cast.clinician)
    goal = Goal.objects.get(problem__plan=draft)
    services.plan_item_update(
        actor=who,
        item=goal,
        data={"statement": "Mood lifts enough to work part-time."},
        expected_version=1,
    )
    first, second = Objective.objects.filter(goal=goal)
    services.plan_item_remove(actor=who, item=second, expected_version=1)
    services.plan_item_add(
        actor=who,
        kind=INTERVENTION,
        parent=first,
        data={"modality": "cbt", "description": "Thought records <b>daily</b>"},
    )
    services.plan_item_add(actor=who, kind=PROBLEM, parent=draft, data={"title": "Poor sleep"})
    services.plan_update(
        actor=who, plan=_fresh(draft), data={"strengths": "Curious, runs"}, expected_version=1
    )
    return {"removed": second.lineage}


def _compare(cast: Any, plan: TreatmentPlan, other: TreatmentPlan) -> PlanComparison:
    who = actor(cast.clinician)
    old, new = ordered(
        selectors.plan_with_tree(who, plan.pk), selectors.plan_with_tree(who, other.pk)
    )
    return compare_versions(old, new)


def test_compare_marks_added_removed_and_changed_items_and_words(cast, active) -> None:
    _second_objective(cast, active)
    draft = _revise(cast, active)
    edits = _edit_the_draft(cast, draft)
    comparison = _compare(cast, draft, active)
    assert (comparison.old.pk, comparison.new.pk) == (active.pk, draft.pk)
    by_state: dict[str, list[tuple[str, str]]] = {}
    for row in comparison.rows:
        by_state.setdefault(row.state, []).append(
            (row.kind, row.fields[0].new or row.fields[0].old)
        )
    assert by_state["added"] == [
        ("intervention", "Cognitive behavioral therapy (CBT)"),
        ("problem", "Poor sleep"),
    ]
    assert [kind for kind, _ in by_state["removed"]] == ["objective", "target", "intervention"]
    assert by_state["changed"] == [("goal", "Mood lifts enough to work part-time.")]
    assert comparison.counts == {"added": 2, "removed": 3, "changed": 1}
    goal_row = next(r for r in comparison.rows if r.kind == "goal")
    assert goal_row.fields[0].old_html == "Mood lifts enough to work."
    assert goal_row.fields[0].new_html == "Mood lifts enough to work<ins> part-time</ins>."
    removed = next(r for r in comparison.rows if r.state == "removed")
    assert removed.old.lineage == edits["removed"] and removed.new is None
    added = next(r for r in comparison.rows if r.kind == "intervention" and r.state == "added")
    assert "&lt;b&gt;daily&lt;/b&gt;" in added.fields[1].new_html
    assert [(f.label, f.old, f.new) for f in comparison.plan_fields] == [
        ("Strengths", "Curious, close to a sister.", "Curious, runs")
    ]
    assert comparison.plan_fields[0].new_html == "Curious, <ins>runs</ins>"
    assert comparison.plan_fields[0].old_html == "Curious, <del>close to a sister.</del>"


def test_compare_of_identical_versions_has_no_changes(cast, active) -> None:
    draft = _revise(cast, active)
    comparison = _compare(cast, active, draft)
    assert not comparison.has_changes
    assert {row.state for row in comparison.rows} == {"unchanged"}
    assert [row.kind for row in comparison.rows] == [
        "problem",
        "goal",
        "target",
        "objective",
        "target",
        "intervention",
    ]


def test_compare_shows_a_moved_item(cast, active) -> None:
    draft = _revise(cast, active)
    goal = Goal.objects.get(problem__plan=draft)
    extra = services.plan_item_add(
        actor=actor(cast.clinician), kind=OBJECTIVE, parent=goal, data={"statement": "New"}
    )
    services.plan_item_move(actor=actor(cast.clinician), item=extra, direction="up")
    rows = _compare(cast, active, draft).rows
    objectives = [(r.state, r.moved) for r in rows if r.kind == "objective"]
    assert ("added", False) in objectives


# --- Pages ------------------------------------------------------------------------------


@pytest.fixture
def signed_in(client, cast):
    client.login(username=cast.clinician.email, password=PASSWORD)
    return client


def test_revise_page_makes_a_draft_and_goes_to_it(signed_in, cast, active) -> None:
    response = signed_in.post(reverse("plans:revise", args=[active.pk]))
    draft = TreatmentPlan.objects.get(previous_version=active)
    assert response["Location"] == reverse("plans:detail", args=[draft.pk])
    again = signed_in.post(reverse("plans:revise", args=[active.pk]))
    assert again["Location"] == reverse("plans:detail", args=[draft.pk])
    assert TreatmentPlan.objects.filter(previous_version=active).count() == 1


def test_compare_page_highlights_the_changes(signed_in, cast, active) -> None:
    _second_objective(cast, active)
    draft = _revise(cast, active)
    _edit_the_draft(cast, draft)
    response = signed_in.get(reverse("plans:compare", args=[draft.pk]))
    body = response.content.decode()
    assert "<ins> part-time</ins>" in body
    assert "2 added, 3 removed, 1 changed" in body
    assert 'data-state="removed"' in body and 'data-state="added"' in body
    url = reverse("plans:compare", args=[active.pk]) + f"?with={draft.pk}"
    assert "<ins> part-time</ins>" in signed_in.get(url).content.decode()


def test_compare_page_refuses_a_plan_of_another_lineage(signed_in, cast, active) -> None:
    unrelated = make_plan(cast.clinician, cast.client, title="Unrelated")
    url = reverse("plans:compare", args=[active.pk]) + f"?with={unrelated.pk}"
    assert signed_in.get(url).status_code == 404
    assert signed_in.get(reverse("plans:compare", args=[active.pk]) + "?with=x").status_code == 404


def test_compare_page_with_a_single_version_says_so(signed_in, cast) -> None:
    body = signed_in.get(reverse("plans:compare", args=[cast.plan.pk])).content.decode()
    assert "only one version" in body


def test_history_panel_lists_versions_signatures_and_reviews(signed_in, cast, active) -> None:
    _sign(cast, active)
    draft = _revise(cast, active)
    body = signed_in.get(reverse("plans:history", args=[active.pk]), HTTP_HX_REQUEST="true")
    text = body.content.decode()
    assert 'id="plan-history"' in text and "<html" not in text
    assert reverse("plans:detail", args=[draft.pk]) in text
    assert f"?with={draft.pk}" in text
    assert cast.clinician.display_name in text
    page = signed_in.get(reverse("plans:history", args=[active.pk])).content.decode()
    assert "<html" in page


def _queries(client: Any, url: str, **headers: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, **headers).status_code == 200
    return len(captured.captured_queries)


def _versions_of(cast: Any, objectives: int) -> tuple[TreatmentPlan, TreatmentPlan]:
    """An active signed plan with `objectives` objectives and a draft revision of it."""
    plan = grow_plan(cast.clinician, make_plan(cast.clinician, cast.client), objectives=objectives)
    plan = _activate(cast, plan)
    _sign(cast, plan)
    return plan, _revise(cast, plan)


def test_compare_page_issues_a_bounded_number_of_queries(signed_in, cast) -> None:
    _, small_draft = _versions_of(cast, 1)
    _, large_draft = _versions_of(cast, 40)
    small_count = _queries(signed_in, reverse("plans:compare", args=[small_draft.pk]))
    large_count = _queries(signed_in, reverse("plans:compare", args=[large_draft.pk]))
    assert small_count == large_count
    assert small_count <= 24


def test_plan_page_and_history_with_versions_issue_a_bounded_number_of_queries(
    signed_in, cast
) -> None:
    small, small_draft = _versions_of(cast, 1)
    large, _ = _versions_of(cast, 40)
    for page in ("plans:detail", "plans:history"):
        small_count = _queries(signed_in, reverse(page, args=[small.pk]), HTTP_HX_REQUEST="true")
        large_count = _queries(signed_in, reverse(page, args=[large.pk]), HTTP_HX_REQUEST="true")
        assert small_count == large_count, page
        assert small_count <= 17, page  # 17: the safety plan's last review
    more = _revise(cast, _activate(cast, small_draft))
    assert _queries(signed_in, reverse("plans:history", args=[more.pk])) == _queries(
        signed_in, reverse("plans:history", args=[small.pk])
    )


# --- The data migration -----------------------------------------------------------------


def test_existing_rows_each_get_their_own_lineage(audit_flushable, cast) -> None:
    """Migrate back to before lineages, add rows, migrate forward: every row of every
    table gets a distinct lineage (also on PostgreSQL, in separate transactions)."""
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    executor.migrate([("plans", "0003_plan_versions")])
    executor.loader.build_graph()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE plans_treatmentplan SET lineage = NULL")
        for table in ("problem", "goal", "objective", "intervention"):
            cursor.execute(f"UPDATE plans_{table} SET lineage = NULL")  # noqa: S608
    executor = MigrationExecutor(connection)
    executor.migrate(leaves)
    for model in (TreatmentPlan, Problem, Goal, Objective, Intervention):
        lineages = list(model.objects.values_list("lineage", flat=True))
        assert lineages and None not in lineages
        assert len(set(lineages)) == len(lineages), model


def test_revising_keeps_the_measure_schedule(cast, active) -> None:
    from trellis.measures.models import MeasureSchedule

    MeasureSchedule.objects.create(plan=active, instrument_id="PHQ-9", every_weeks=2)
    draft = _revise(cast, active)
    assert list(draft.measure_schedule.values_list("instrument_id", "every_weeks")) == [
        ("PHQ-9", 2)
    ]
