"""Recording administrations: scored as the manual says, kept whole, audited; bad input
changes nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.audit_helpers import events_since, last_id, summary
from tests.factories import PHQ9_ITEM9, PHQ9_MODERATE, actor, make_administration
from trellis.measures import services
from trellis.measures.models import Administration, CriticalAction
from trellis.measures.registry import instrument_get

pytestmark = pytest.mark.django_db


def test_an_administration_keeps_answers_and_score(cast) -> None:
    mark = last_id()
    a = make_administration(cast.clinician, cast.client, PHQ9_MODERATE)
    a.refresh_from_db()
    assert a.answers == PHQ9_MODERATE
    assert a.total == 14
    assert a.severity == "moderate"
    assert a.flags == []
    assert a.is_critical is False
    assert a.administered_by == cast.clinician
    assert summary(events_since(mark)) == [("create", "administration", cast.client.pk)]
    assert events_since(mark)[0].detail == {"instrument": "PHQ-9", "mode": "in_session"}


def test_item_9_is_a_critical_flag(cast) -> None:
    a = make_administration(cast.clinician, cast.client, PHQ9_ITEM9)
    assert a.flags == ["item9_positive"]
    assert a.is_critical is True


def test_dass21_keeps_subscales(cast) -> None:
    answers = [1] * 21
    a = make_administration(cast.clinician, cast.client, answers, instrument="DASS-21")
    assert set(a.subscales) == {s.id for s in instrument_get(None, "DASS-21").subscales}
    # each DASS-21 subscale is 7 items x 1, doubled per the manual: 14
    assert set(a.subscales.values()) == {14}


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ([1] * 8, "9"),
        ([1, 1, 1, 1, 1, 1, 1, 1, 4], "4"),
        ([1, 1, 1, 1, None, 1, 1, 1, 0], "5"),  # item 9 positive would be kept unscored
    ],
)
def test_invalid_answers_change_nothing(cast, answers, message) -> None:
    before, mark = Administration.objects.count(), last_id()
    with pytest.raises(ValidationError) as caught:
        make_administration(cast.clinician, cast.client, answers)
    assert "answers" in caught.value.message_dict
    assert message in " ".join(caught.value.message_dict["answers"])
    assert Administration.objects.count() == before
    assert events_since(mark) == []


def test_a_future_date_is_refused(cast) -> None:
    with pytest.raises(ValidationError) as caught:
        make_administration(
            cast.clinician, cast.client, on=timezone.localdate() + timedelta(days=2)
        )
    assert "administered_at" in caught.value.message_dict


def test_a_date_before_birth_is_refused(cast) -> None:
    with pytest.raises(ValidationError):
        make_administration(cast.clinician, cast.client, on=date(1980, 1, 1))


def test_a_critical_response_clears_the_flag_once(cast) -> None:
    a = make_administration(cast.clinician, cast.client, PHQ9_ITEM9)
    mark = last_id()
    services.critical_response_record(
        actor=actor(cast.clinician),
        administration=a,
        action=CriticalAction.SAFETY_PLAN,
        note="Passive thoughts, no plan; safety plan reviewed together.",
    )
    assert summary(events_since(mark)) == [("update", "criticalresponse", cast.client.pk)]
    with pytest.raises(ValidationError, match="already"):
        services.critical_response_record(
            actor=actor(cast.clinician), administration=a, action="assessed", note="Again"
        )


def test_a_response_needs_a_note_and_a_critical_item(cast) -> None:
    flagged = make_administration(cast.clinician, cast.client, PHQ9_ITEM9)
    with pytest.raises(ValidationError) as caught:
        services.critical_response_record(
            actor=actor(cast.clinician), administration=flagged, action="assessed", note="  "
        )
    assert "note" in caught.value.message_dict
    plain = make_administration(cast.clinician, cast.client, PHQ9_MODERATE)
    with pytest.raises(ValidationError, match="no critical item"):
        services.critical_response_record(
            actor=actor(cast.clinician), administration=plain, action="assessed", note="x"
        )


def test_voiding_keeps_the_row_and_audits(cast) -> None:
    a = make_administration(cast.clinician, cast.client)
    mark = last_id()
    services.administration_void(
        actor=actor(cast.clinician), administration=a, reason="Wrong client's paper form"
    )
    a.refresh_from_db()
    assert a.voided_at is not None and a.voided_by == cast.clinician
    assert summary(events_since(mark)) == [("update", "administration", cast.client.pk)]
    with pytest.raises(ValidationError, match="already"):
        services.administration_void(actor=actor(cast.clinician), administration=a, reason="x")
