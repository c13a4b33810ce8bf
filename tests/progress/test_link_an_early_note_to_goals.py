"""Issue 12: a note written before the plan is active can be linked to its goals later:
while it is a draft, its page says so and its edit form offers the goals of the plan now in
force; saving links them (and the note to that plan)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, actor, make_note
from trellis.plans import services as plan_services
from trellis.plans.models import Goal
from trellis.progress import services
from trellis.progress.models import ProgressNote

pytestmark = pytest.mark.django_db


def test_a_draft_from_before_the_plan_names_its_goals_once_it_is_active(client, cast) -> None:
    note = make_note(cast.clinician, cast.client, session_type="intake")
    assert note.plan is None and not note.goals.exists()
    client.login(username=cast.clinician.email, password=PASSWORD)
    detail = reverse("progress:detail", args=[note.pk])
    assert 'data-testid="link-goals"' not in client.get(detail).content.decode()

    plan_services.plan_activate(
        actor=actor(cast.clinician), plan=cast.plan, expected_version=cast.plan.version
    )
    body = client.get(detail).content.decode()
    assert 'data-testid="link-goals"' in body and cast.plan.title in body
    goal = Goal.objects.get(problem__plan=cast.plan)
    assert goal.statement in client.get(reverse("progress:edit", args=[note.pk])).content.decode()

    services.note_update(
        actor=actor(cast.clinician),
        note=note,
        data={"goals": [goal.pk], "ratings": {goal.pk: 3}},
        expected_version=note.version,
    )
    saved = ProgressNote.objects.get(pk=note.pk)
    assert list(saved.goals.all()) == [goal] and saved.plan_id == cast.plan.pk
    assert 'data-testid="link-goals"' not in client.get(detail).content.decode()


def test_a_signed_note_from_before_the_plan_is_linked_by_an_addendum(client, cast) -> None:
    from trellis.plans.reviews.evidence import review_evidence
    from trellis.plans.versions.selectors import plan_tree
    from trellis.progress.models import Addendum

    note = make_note(cast.clinician, cast.client, session_type="intake", signed=True)
    plan_services.plan_activate(
        actor=actor(cast.clinician), plan=cast.plan, expected_version=cast.plan.version
    )
    goal = Goal.objects.get(problem__plan=cast.plan)
    client.login(username=cast.clinician.email, password=PASSWORD)
    detail = reverse("progress:detail", args=[note.pk])
    body = client.get(detail).content.decode()
    assert "Link this note to the plan in force" in body and goal.statement in body
    response = client.post(
        reverse("progress:addendum_add", args=[note.pk]),
        {
            "text": "Linked to the plan agreed at the next session.",
            "link_goal": [str(goal.pk)],
            f"link_rating_{goal.pk}": "2",
        },
        follow=True,
    )
    assert "The addendum was added." in response.content.decode()
    (addendum,) = Addendum.objects.filter(note=note)
    assert addendum.goal_links == [
        {
            "goal": str(goal.pk),
            "lineage": str(goal.lineage),
            "statement": goal.statement,
            "rating": 2,
            "label": "No change",
        }
    ]
    signed = ProgressNote.objects.get(pk=note.pk)
    assert signed.signed_content["goals"] == [] and not signed.goals.exists()  # unchanged
    evidence = review_evidence(plan_tree(cast.plan))
    assert [r["rating"] for r in evidence["goals"][0]["ratings"]] == [2]


def test_an_addendum_cannot_link_another_clients_goal(cast) -> None:
    from django.core.exceptions import ValidationError

    from tests.factories import grow_plan, make_client, make_plan
    from trellis.progress.models import Addendum

    note = make_note(cast.clinician, cast.client, session_type="intake", signed=True)
    other = make_client(cast.clinician, first_name="Sam", last_name="Other")
    foreign = Goal.objects.get(
        problem__plan=grow_plan(cast.clinician, make_plan(cast.clinician, other))
    )
    with pytest.raises(ValidationError, match="this client's treatment plan"):
        services.addendum_add(
            actor=actor(cast.clinician), note=note, text="Link", goal_links={foreign.pk: 3}
        )
    assert not Addendum.objects.exists()
