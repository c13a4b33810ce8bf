"""Issue 12: the client's page lists each plan once, with its versions beneath it, newest
first, and a version column."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, actor, make_plan
from trellis.plans import services
from trellis.plans.models import TreatmentPlan
from trellis.plans.versions.selectors import grouped_by_plan
from trellis.plans.versions.services import plan_revise

pytestmark = pytest.mark.django_db


def test_versions_sit_under_their_plan_newest_first(client, cast) -> None:
    services.plan_activate(
        actor=actor(cast.clinician), plan=cast.plan, expected_version=cast.plan.version
    )
    revision = plan_revise(
        actor=actor(cast.clinician), plan=TreatmentPlan.objects.get(pk=cast.plan.pk)
    )
    other = make_plan(cast.clinician, cast.client, title="Couples work")
    groups = grouped_by_plan(list(cast.client.plans.order_by("-created_at")))
    assert [[p.pk for p in g] for g in groups] == [[other.pk], [revision.pk, cast.plan.pk]]

    client.login(username=cast.clinician.email, password=PASSWORD)
    body = client.get(reverse("pages:client", args=[cast.client.pk])).content.decode()
    assert '<th scope="col">Version</th>' in body
    table = body.split("plan-versions", 1)[1].split("</table>", 1)[0]
    bodies = re.findall(r"<tbody>(.*?)</tbody>", table, re.S)
    assert len(bodies) == 2
    assert "earlier-version" in bodies[1] and "earlier-version" not in bodies[0]
    assert bodies[1].index(str(revision.pk)) < bodies[1].index(str(cast.plan.pk))
