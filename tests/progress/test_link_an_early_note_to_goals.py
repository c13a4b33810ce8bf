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
