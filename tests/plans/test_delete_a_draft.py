"""Issue 12: a draft nobody used can be deleted (audited), not only closed; a draft that
was signed, reviewed, revised from or written under is refused, and nothing changes."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tests.audit_helpers import events_since, last_id
from tests.factories import PASSWORD, SIGN, actor, grow_plan, make_note, make_plan
from trellis.plans import services
from trellis.plans.models import Problem, TreatmentPlan
from trellis.plans.signing.content import plan_hash
from trellis.plans.signing.services import plan_sign
from trellis.plans.versions.drafts import draft_delete
from trellis.plans.versions.selectors import plan_tree
from trellis.plans.versions.services import plan_revise

pytestmark = pytest.mark.django_db


def _delete(cast, plan, who=None):
    plan = TreatmentPlan.objects.get(pk=plan.pk)
    draft_delete(actor=actor(who or cast.clinician), plan=plan, expected_version=plan.version)


def test_an_unused_draft_is_deleted_with_its_items_and_audited(cast) -> None:
    draft = grow_plan(cast.clinician, make_plan(cast.clinician, cast.client, title="Mistake"))
    mark = last_id()
    _delete(cast, draft)
    assert not TreatmentPlan.objects.filter(pk=draft.pk).exists()
    assert not Problem.objects.filter(plan_id=draft.pk).exists()
    (event,) = events_since(mark)
    assert (event.action, event.object_type, event.object_id) == (
        "delete",
        "treatmentplan",
        str(draft.pk),
    )
    assert event.detail["title"] == "Mistake" and event.detail["problems"] == 1


def _refused(cast, plan, match, who=None, error=ValidationError) -> None:
    mark = last_id()
    with pytest.raises(error, match=match):
        _delete(cast, plan, who)
    assert TreatmentPlan.objects.filter(pk=plan.pk).exists()
    assert events_since(mark) == []


def test_a_signed_draft_is_not_deleted(cast) -> None:
    plan_sign(
        **SIGN,
        actor=actor(cast.clinician),
        plan=cast.plan,
        role="clinician",
        expected_hash=plan_hash(plan_tree(cast.plan)),
    )
    _refused(cast, cast.plan, "signed")


def test_an_active_plan_or_one_a_version_was_made_from_is_not_deleted(cast) -> None:
    services.plan_activate(
        actor=actor(cast.clinician), plan=cast.plan, expected_version=cast.plan.version
    )
    _refused(cast, cast.plan, "Only a draft")
    revision = plan_revise(
        actor=actor(cast.clinician), plan=TreatmentPlan.objects.get(pk=cast.plan.pk)
    )
    _delete(cast, revision)  # a revision given up goes; the plan in force stays
    assert TreatmentPlan.objects.get(pk=cast.plan.pk).status == "active"


def test_a_draft_a_note_was_written_under_is_not_deleted(cast) -> None:
    services.plan_activate(
        actor=actor(cast.clinician), plan=cast.plan, expected_version=cast.plan.version
    )
    revision = plan_revise(
        actor=actor(cast.clinician), plan=TreatmentPlan.objects.get(pk=cast.plan.pk)
    )
    goal = revision.problems.get().goals.get()
    make_note(cast.clinician, cast.client, goals=[goal], ratings={goal: 3})
    _refused(cast, revision, "progress note")


def test_only_the_care_team_deletes_a_draft(cast) -> None:
    _refused(cast, cast.plan, "care team", who=cast.colleague, error=PermissionDenied)


def test_the_plan_page_offers_delete_for_an_unused_draft_only(client, cast) -> None:
    client.login(username=cast.clinician.email, password=PASSWORD)
    url = reverse("plans:draft_delete", args=[cast.plan.pk])
    body = client.get(reverse("plans:detail", args=[cast.plan.pk])).content.decode()
    assert url in body
    response = client.post(url, {"version": cast.plan.version}, follow=True)
    assert "was deleted" in response.content.decode()
    assert not TreatmentPlan.objects.filter(pk=cast.plan.pk).exists()
