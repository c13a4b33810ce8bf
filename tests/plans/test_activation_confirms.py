"""Issue 12: activating a draft asks first, on its own page, and lists the plan check's
findings still open; read-only plans show no plan check to work through."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, SIGN, actor, grow_plan, make_plan
from trellis.plans import services
from trellis.plans.models import PlanStatus, TreatmentPlan
from trellis.plans.signing.content import plan_hash
from trellis.plans.signing.services import plan_sign
from trellis.plans.versions.selectors import plan_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, cast):
    client.login(username=cast.clinician.email, password=PASSWORD)
    return client


def test_the_confirm_page_lists_open_findings_and_activates_nothing(signed_in, cast) -> None:
    bare = make_plan(cast.clinician, cast.client, title="Bare draft")  # no problem yet
    detail = signed_in.get(reverse("plans:detail", args=[bare.pk])).content.decode()
    assert reverse("plans:activate_confirm", args=[bare.pk]) in detail
    page = signed_in.get(reverse("plans:activate_confirm", args=[bare.pk]))
    body = page.content.decode()
    assert page.status_code == 200 and "Activate this plan?" in body
    assert "still open" in body and "Activate the plan anyway" in body
    assert TreatmentPlan.objects.get(pk=bare.pk).status == PlanStatus.DRAFT


def test_confirming_activates_and_names_the_plan_it_supersedes(signed_in, cast) -> None:
    services.plan_activate(
        actor=actor(cast.clinician), plan=cast.plan, expected_version=cast.plan.version
    )
    draft = grow_plan(cast.clinician, make_plan(cast.clinician, cast.client, title="Next"))
    body = signed_in.get(reverse("plans:activate_confirm", args=[draft.pk])).content.decode()
    assert "becomes <em>superseded</em>" in body
    response = signed_in.post(
        reverse("plans:activate", args=[draft.pk]), {"version": draft.version}
    )
    assert response.status_code == 302
    assert TreatmentPlan.objects.get(pk=draft.pk).status == PlanStatus.ACTIVE


def test_an_active_plan_has_nothing_to_confirm(signed_in, cast) -> None:
    services.plan_activate(
        actor=actor(cast.clinician), plan=cast.plan, expected_version=cast.plan.version
    )
    response = signed_in.get(reverse("plans:activate_confirm", args=[cast.plan.pk]))
    assert response.status_code == 302


def test_a_signed_version_shows_no_plan_check(signed_in, cast) -> None:
    plan = grow_plan(cast.clinician, make_plan(cast.clinician, cast.client))
    url = reverse("plans:detail", args=[plan.pk])
    assert 'id="quality-panel"' in signed_in.get(url).content.decode()
    plan_sign(
        **SIGN,
        actor=actor(cast.clinician),
        plan=plan,
        role="clinician",
        expected_hash=plan_hash(plan_tree(plan)),
    )
    assert 'id="quality-panel"' not in signed_in.get(url).content.decode()


def test_an_outsider_cannot_open_the_confirm_page(client, cast) -> None:
    client.login(username=cast.outsider.email, password=PASSWORD)
    response = client.get(reverse("plans:activate_confirm", args=[cast.plan.pk]))
    assert response.status_code == 404
