"""Issue 12: the client's risk screening at intake feeds the plan check. Current ideation or
self-harm in the last 12 months, with no safety plan, is an error on the plan page, as a
positive critical answer is; other answers add nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, actor
from trellis.clients.models import Client
from trellis.plans import services

pytestmark = pytest.mark.django_db
MESSAGE = "The intake screening recorded current ideation or self-harm in the last 12 months"


@pytest.fixture
def signed_in(client, cast):
    client.login(username=cast.clinician.email, password=PASSWORD)
    return client


def _screened(cast, **answers: str) -> None:
    screening = {
        "suicidal_ideation": "denied",
        "homicidal_ideation": "denied",
        "self_harm_history": "none",
        **answers,
    }
    Client.objects.filter(pk=cast.client.pk).update(**screening)


@pytest.mark.parametrize(
    ("answers", "flagged"),
    [
        ({"suicidal_ideation": "not_assessed"}, False),
        ({"suicidal_ideation": "denied"}, False),
        ({"suicidal_ideation": "passive"}, True),
        ({"suicidal_ideation": "active_no_plan"}, True),
        ({"suicidal_ideation": "active_plan"}, True),
        ({"homicidal_ideation": "active_no_plan"}, True),
        ({"self_harm_history": "not_assessed"}, False),
        ({"self_harm_history": "none"}, False),
        ({"self_harm_history": "past"}, False),
        ({"self_harm_history": "recent"}, True),
    ],
)
def test_the_plan_page_flags_no_safety_plan_after_intake_risk(
    signed_in, cast, answers, flagged
) -> None:
    _screened(cast, **answers)
    body = signed_in.get(reverse("plans:detail", args=[cast.plan.pk])).content.decode()
    assert (MESSAGE in body) is flagged
    # Risk from intake asks about means safety too, as a risk flag does.
    assert ("access to firearms and medication has not been asked" in body) is flagged


def test_a_written_safety_plan_answers_it(signed_in, cast) -> None:
    _screened(cast, self_harm_history="recent")
    services.plan_update(
        actor=actor(cast.clinician),
        plan=cast.plan,
        data={
            "warning_signs": "Stops answering texts",
            "coping_strategies": "Walk",
            "firearms_access": "no",
            "medication_access": "no",
        },
        expected_version=cast.plan.version,
    )
    body = signed_in.get(reverse("plans:detail", args=[cast.plan.pk])).content.decode()
    assert MESSAGE not in body and "has not been asked" not in body
