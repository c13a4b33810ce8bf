"""A response to a critical item records everything that was done, and the item then
reads "responded", with who and when, wherever its score is shown."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.audit_helpers import events_since, last_id
from tests.factories import PASSWORD, PHQ9_ITEM9, actor, make_administration
from trellis.measures import services
from trellis.measures.models import CriticalResponse

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, cast):
    client.login(username=cast.clinician.email, password=PASSWORD)
    return client


def test_several_actions_are_kept_in_order_and_audited(signed_in, cast) -> None:
    administration = make_administration(cast.clinician, cast.client, PHQ9_ITEM9)
    mark = last_id()
    data = {"actions": ["supervisor", "safety_plan", "crisis_line"], "note": "Reviewed together."}
    response = signed_in.post(reverse("measures:respond", args=[administration.pk]), data)
    assert response.status_code == 302
    saved = CriticalResponse.objects.get()
    assert saved.actions == ["safety_plan", "crisis_line", "supervisor"]
    assert saved.action == "safety_plan"
    (event,) = [e for e in events_since(mark) if e.action == "update"]
    assert event.detail["actions"] == ["safety_plan", "crisis_line", "supervisor"]
    detail = signed_in.get(reverse("measures:detail", args=[administration.pk])).content.decode()
    for label in (
        "Safety plan made or reviewed",
        "Crisis line (988) given",
        "Supervisor consulted",
    ):
        assert f"<li>{label}</li>" in detail
    assert "responded</span> by Casey Clinician" in detail


def test_the_measures_page_shows_responded_with_who_and_when(signed_in, cast) -> None:
    administration = make_administration(cast.clinician, cast.client, PHQ9_ITEM9)
    services.critical_response_record(
        actor=actor(cast.clinician),
        administration=administration,
        actions=["assessed", "emergency_contact"],
        note="Called her sister with consent.",
    )
    page = signed_in.get(reverse("plans:measures", args=[cast.client.pk])).content.decode()
    assert '<span class="badge good">responded</span> Casey Clinician,' in page
    assert "Critical item needs a response" not in page


def test_no_action_ticked_is_refused_and_keeps_the_note(signed_in, cast) -> None:
    administration = make_administration(cast.clinician, cast.client, PHQ9_ITEM9)
    url = reverse("measures:respond", args=[administration.pk])
    response = signed_in.post(url, {"note": "Talked it through."})
    body = response.content.decode()
    assert response.status_code == 422
    assert "Tick at least one thing that was done." in body and "Talked it through." in body
    assert not CriticalResponse.objects.exists()


def test_an_unknown_action_is_refused_by_the_service(cast) -> None:
    administration = make_administration(cast.clinician, cast.client, PHQ9_ITEM9)
    with pytest.raises(Exception, match="Tick at least one of the listed actions"):
        services.critical_response_record(
            actor=actor(cast.clinician),
            administration=administration,
            actions=["assessed", "prayed"],
            note="x",
        )
    assert not CriticalResponse.objects.exists()


def test_each_banner_form_has_its_own_ids(signed_in, cast) -> None:
    first = make_administration(cast.clinician, cast.client, PHQ9_ITEM9)
    second = make_administration(cast.clinician, cast.client, PHQ9_ITEM9)
    page = signed_in.get(reverse("plans:measures", args=[cast.client.pk])).content.decode()
    assert f'id="respond-{first.pk}-note"' in page and f'id="respond-{second.pk}-note"' in page
