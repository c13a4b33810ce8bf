"""Issue 12: the note's critical-item notice names the instrument in full beside its
acronym, as the client page's banner does, and writes the day in the practice's style; the
discharge refusal names it the same way."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD, PHQ9_ITEM9, make_administration, make_note
from trellis.accounts.dates import date_style, format_day, format_moment
from trellis.accounts.models import PracticeSettings
from trellis.measures.critical import open_critical_item_refusal
from trellis.measures.registry import instrument_get

pytestmark = pytest.mark.django_db


@pytest.fixture
def critical(cast):
    PracticeSettings.objects.create(practice=cast.practice, date_style="long")
    return make_administration(
        cast.clinician, cast.client, PHQ9_ITEM9, on=timezone.localdate() - timedelta(days=2)
    )


def _notice(body: str) -> str:
    return body.split('id="note-critical-heading"', 1)[1].split("</section>", 1)[0]


def test_the_note_forms_notice_names_the_instrument_in_full(client, cast, critical) -> None:
    name = instrument_get(cast.practice.pk, "PHQ-9").name
    client.login(username=cast.clinician.email, password=PASSWORD)
    notice = _notice(client.get(reverse("progress:create", args=[cast.client.pk])).content.decode())
    with date_style("long"):
        given = format_moment(critical.administered_at)
    assert f"<strong>PHQ-9</strong> ({name}) on {given}:" in notice
    assert critical.administered_at.date().isoformat() not in notice


def test_a_draft_notes_page_names_it_too(client, cast, critical) -> None:
    note = make_note(cast.clinician, cast.client)
    client.login(username=cast.clinician.email, password=PASSWORD)
    notice = _notice(client.get(reverse("progress:detail", args=[note.pk])).content.decode())
    assert f"<strong>PHQ-9</strong> ({critical.instrument_name}) on" in notice


def test_the_discharge_refusal_names_the_instrument_and_the_day(cast, critical) -> None:
    with date_style("long"):
        refusal = open_critical_item_refusal(cast.client)
        day = format_day(critical.administered_at)
    assert refusal == (
        f"The {critical.instrument_name} (PHQ-9) of {day} has an open critical item: "
        "record the clinical response on the measure before discharging."
    )
