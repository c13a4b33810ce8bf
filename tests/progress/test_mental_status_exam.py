"""The mental status exam on a note: open on the client's first note, optional (folded)
later; saved with the note, audited, signed with it and shown; a wrong choice is refused
with the domain named, nothing saved, and what was typed kept."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.audit_helpers import events_since, last_id
from tests.factories import PASSWORD, SIGN, actor, make_note
from trellis.progress import services
from trellis.progress.models import ProgressNote
from trellis.progress.mse import DOMAINS, clean_mental_status

pytestmark = pytest.mark.django_db

EXAM = {
    "mse-appearance": "casual",
    "mse-speech": "slow",
    "mse-mood": "low",
    "mse-affect": "restricted",
    "mse-cognition": "oriented",
    "mse-insight": "good",
    "mse-notes": "Tearful when speaking of her job.",
}


@pytest.fixture
def signed_in(client, cast):
    client.login(username=cast.clinician.email, password=PASSWORD)
    return client


def _note_form(**extra: str) -> dict[str, str]:
    return {
        "note_format": "dap",
        "session_date": timezone.localdate().isoformat(),
        "session_type": "individual",
        "duration_minutes": "60",
        "risk_assessment": "Denies ideation.",
        "section_data": "Intake interview.",
        "section_assessment": "Low mood, poor sleep.",
        "section_plan": "Plan next week.",
        "risk_level": "low",
        **extra,
    }


def test_the_first_note_offers_the_exam_open_and_later_ones_folded(signed_in, cast) -> None:
    url = reverse("progress:create", args=[cast.client.pk])
    first = signed_in.get(url).content.decode()
    assert "Mental status exam" in first and "first session: record what you observed" in first
    assert "<details open>" in first.split('class="card mse"')[1]
    for domain in DOMAINS:
        assert f'name="mse-{domain.key}"' in first, domain.key
    make_note(cast.clinician, cast.client)
    later = signed_in.get(url).content.decode()
    assert "optional on later sessions" in later
    assert "<details >" in later.split('class="card mse"')[1]


def test_the_exam_is_saved_audited_signed_and_shown(signed_in, cast) -> None:
    mark = last_id()
    response = signed_in.post(reverse("progress:create", args=[cast.client.pk]), _note_form(**EXAM))
    assert response.status_code == 302
    note = ProgressNote.objects.get()
    assert note.mental_status == {
        "appearance": "casual",
        "speech": "slow",
        "mood": "low",
        "affect": "restricted",
        "cognition": "oriented",
        "insight": "good",
        "notes": "Tearful when speaking of her job.",
    }
    created = [e for e in events_since(mark) if e.action == "create"]
    assert "mental_status" in created[0].detail["fields"]
    services.note_sign(
        actor=actor(cast.clinician), note=note, expected_version=note.version, **SIGN
    )
    note.refresh_from_db()
    domains = note.signed_content["mental_status"]["domains"]
    assert [d["domain"] for d in domains] == [
        "appearance",
        "speech",
        "mood",
        "affect",
        "cognition",
        "insight",
    ]
    page = signed_in.get(reverse("progress:detail", args=[note.pk])).content.decode()
    assert "Narrowed range" in page and "Alert; knows who, where and when" in page
    assert "Tearful when speaking of her job." in page


def test_a_choice_that_is_not_offered_is_refused_and_the_text_kept(signed_in, cast) -> None:
    response = signed_in.post(
        reverse("progress:create", args=[cast.client.pk]),
        _note_form(**{**EXAM, "mse-mood": "grumpy"}),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Mental status exam: Mood (as the client describes it)" in body
    assert "Tearful when speaking of her job." in body and "Intake interview." in body
    assert not ProgressNote.objects.exists()


def test_editing_a_draft_keeps_and_changes_its_exam(signed_in, cast) -> None:
    signed_in.post(reverse("progress:create", args=[cast.client.pk]), _note_form(**EXAM))
    note = ProgressNote.objects.get()
    url = reverse("progress:edit", args=[note.pk])
    form = signed_in.get(url).content.decode()
    assert '<option value="restricted" selected>' in form
    changed = {**EXAM, "mse-affect": "full", "version": str(note.version)}
    assert signed_in.post(url, _note_form(**changed)).status_code == 302
    note.refresh_from_db()
    assert note.mental_status["affect"] == "full"


def test_the_service_refuses_an_unknown_domain_or_choice() -> None:
    with pytest.raises(ValidationError, match="No mental status domain called 'aura'"):
        clean_mental_status({"aura": "blue"})
    with pytest.raises(ValidationError, match="Insight: choose one of good, partial, poor"):
        clean_mental_status({"insight": "excellent"})
    assert clean_mental_status({"mood": "", "notes": "  "}) == {}
