"""Issue 12: Compare can show the changes only, each changed item with the unchanged items
above it (its problem and goal) for context."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import PASSWORD
from tests.plans import test_versions
from tests.plans.test_versions import _compare, _edit_the_draft, _revise, _second_objective
from trellis.plans.versions.compare import Row, changes_only

pytestmark = pytest.mark.django_db
active = test_versions.active  # the plan in force, as the versions tests build it


def _row(depth: int, state: str, kind: str = "goal") -> Row:
    return Row(kind, depth, state, None, None, [])


def test_changes_keep_their_ancestors_and_drop_the_rest() -> None:
    problem, goal, same, changed = (
        _row(0, "unchanged", "problem"),
        _row(1, "unchanged"),
        _row(2, "unchanged", "objective"),
        _row(2, "changed", "objective"),
    )
    other_problem = _row(0, "unchanged", "problem")
    rows = [problem, goal, same, changed, other_problem, _row(1, "unchanged")]
    assert changes_only(rows) == [problem, goal, changed]
    assert changes_only([other_problem]) == []


def test_the_compare_page_offers_changes_only(client, cast, active) -> None:
    _second_objective(cast, active)
    draft = _revise(cast, active)
    _edit_the_draft(cast, draft)
    every = _compare(cast, draft, active).rows
    client.login(username=cast.clinician.email, password=PASSWORD)
    url = reverse("plans:compare", args=[draft.pk])
    body = client.get(url).content.decode()
    assert "show=changes" in body
    only = client.get(url, {"with": active.pk, "show": "changes"}).content.decode()
    assert "changes only</strong>" in only
    assert only.count('<tr class="cmp-') < body.count('<tr class="cmp-') <= len(every) + 1
    assert 'data-state="removed"' in only and 'data-state="added"' in only
