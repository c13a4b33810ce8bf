"""A risk answer must never vanish (issue 10): not by marking the score entered in error, not
by discharging the client; a critical answer recorded for a discharged client reaches the
caseload."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.api.helpers import Api, errors_by_field
from tests.audit_helpers import events_since, last_id
from tests.factories import PASSWORD, PHQ9_ITEM9, actor, make_administration
from trellis.clients import services as client_services
from trellis.clients.models import Client, ClientStatus
from trellis.measures import services
from trellis.measures.models import Administration, CriticalAction
from trellis.measures.selectors import open_critical_items
from trellis.progress.dashboard import build

pytestmark = pytest.mark.django_db


def _discharge(cast, client: Client) -> None:
    client_services.client_update(
        actor=actor(cast.clinician),
        client=client,
        data={"status": ClientStatus.DISCHARGED},
        expected_version=Client.objects.get(pk=client.pk).version,
    )


def _respond(cast, score: Administration) -> None:
    services.critical_response_record(
        actor=actor(cast.clinician),
        administration=score,
        action=CriticalAction.values[0],
        note="Spoke with the client; safety plan reviewed.",
    )


def test_a_critical_score_is_not_voided_before_its_response(cast) -> None:
    score = make_administration(cast.clinician, cast.client, PHQ9_ITEM9)
    mark = last_id()
    with pytest.raises(ValidationError) as caught:
        services.administration_void(
            actor=actor(cast.clinician), administration=score, reason="Wrong client"
        )
    assert "record the clinical response first" in caught.value.messages[0]
    assert Administration.objects.get(pk=score.pk).voided_at is None
    assert events_since(mark) == []
    assert open_critical_items([cast.client])[cast.client.pk] == [score]


def test_after_its_response_a_critical_score_can_be_voided_and_leaves_the_numbers(cast) -> None:
    score = make_administration(cast.clinician, cast.client, PHQ9_ITEM9)
    _respond(cast, score)
    services.administration_void(
        actor=actor(cast.clinician), administration=score, reason="Wrong client"
    )
    assert Administration.objects.get(pk=score.pk).voided_at is not None
    assert open_critical_items([cast.client]) == {}


def test_the_void_page_says_why_and_keeps_the_alert(client, cast) -> None:
    score = make_administration(cast.clinician, cast.client, PHQ9_ITEM9)
    client.login(username=cast.clinician.email, password=PASSWORD)
    response = client.post(
        reverse("measures:void", args=[score.pk]), {"reason": "Typo"}, follow=True
    )
    assert "record the clinical response first" in response.content.decode()
    assert Administration.objects.get(pk=score.pk).voided_at is None


def test_a_client_with_an_open_critical_item_is_not_discharged(cast) -> None:
    make_administration(cast.clinician, cast.client, PHQ9_ITEM9)
    mark = last_id()
    with pytest.raises(ValidationError) as caught:
        _discharge(cast, cast.client)
    assert "open critical item" in caught.value.message_dict["status"][0]
    assert Client.objects.get(pk=cast.client.pk).status == ClientStatus.ACTIVE
    assert events_since(mark) == []


def test_the_api_refuses_that_discharge_on_the_status_field(cast) -> None:
    make_administration(cast.clinician, cast.client, PHQ9_ITEM9)
    response = Api(cast.clinician).patch(
        f"/clients/{cast.client.pk}", {"version": 1, "status": "discharged"}
    )
    assert response.status_code == 422
    assert "open critical item" in errors_by_field(response)["status"]


def test_once_answered_the_client_is_discharged(cast) -> None:
    _respond(cast, make_administration(cast.clinician, cast.client, PHQ9_ITEM9))
    _discharge(cast, cast.client)
    assert Client.objects.get(pk=cast.client.pk).status == ClientStatus.DISCHARGED


def test_a_critical_answer_for_a_discharged_client_reaches_the_caseload(cast) -> None:
    _discharge(cast, cast.client)
    assert cast.client not in [row.client for row in build(actor(cast.clinician)).rows]
    make_administration(cast.clinician, cast.client, PHQ9_ITEM9)
    rows = build(actor(cast.clinician)).rows
    assert rows[0].client == cast.client
    assert rows[0].signals[0].code == "critical_item"


def test_the_dashboard_page_marks_the_discharged_client(client, cast) -> None:
    _discharge(cast, cast.client)
    make_administration(cast.clinician, cast.client, PHQ9_ITEM9)
    client.login(username=cast.clinician.email, password=PASSWORD)
    body = client.get(reverse("dashboard")).content.decode()
    assert cast.client.display_name in body and ">discharged</span>" in body
