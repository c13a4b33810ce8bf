"""Progress note pages over HTTP: the form opens with the plan's goals and the latest scores,
drafts are saved and edited without losing text, signing locks, addenda follow; anyone off
the care team gets 404."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    PASSWORD,
    PHQ9_ITEM9,
    actor,
    grow_plan,
    make_administration,
    make_note,
    make_plan,
    phq9_answers,
)
from trellis.audit.models import AuditEvent
from trellis.plans import services as plan_services
from trellis.plans.models import Goal
from trellis.progress import services
from trellis.progress.models import NotePreference, ProgressNote

pytestmark = pytest.mark.django_db

# The attestation ticked and the password typed, as the sign form posts them.
SIGNED = {"attest": "on", "password": PASSWORD}


@pytest.fixture
def signed_in(client, active):
    client.login(username=active.clinician.email, password=PASSWORD)
    return client


def _goal(cast) -> Goal:
    return Goal.objects.get(problem__plan=cast.plan)


def _form(cast, **extra) -> dict:
    goal = _goal(cast)
    objective = goal.objectives.get()
    data = {
        "note_format": "dap",
        "session_date": timezone.localdate().isoformat(),
        "session_type": "telehealth_video",
        "duration_minutes": "53",
        "section_data": "Kept an activity log on five days.",
        "section_assessment": "Mood a little brighter.",
        "section_plan": "Add a weekend activity.",
        f"goal_{goal.pk}": "on",
        f"rating_{goal.pk}": "4",
        f"comment_{goal.pk}": "Back to morning walks",
        f"objective_{objective.pk}": "on",
        f"intervention_{objective.interventions.get().pk}": "on",
        "interventions_other": "",
        "risk_level": "low",
        "risk_assessment": "No ideation reported.",
        "next_session_plan": "Review the log.",
    }
    data.update(extra)
    return data


def test_the_new_note_form_opens_with_goals_and_latest_scores(signed_in, active) -> None:
    day = timezone.localdate()
    make_administration(active.clinician, active.client, phq9_answers(18), on=day.replace(day=1))
    latest = make_administration(active.clinician, active.client, phq9_answers(11))
    make_administration(active.clinician, active.client, [1] * 7, instrument="GAD-7")
    body = signed_in.get(reverse("progress:create", args=[active.client.pk])).content.decode()
    assert "Mood lifts enough to work." in body
    assert "Schedule 2 valued activities a week within 6 weeks." in body
    assert "Activity scheduling" in body
    assert "<strong>11</strong> (moderate)" in body  # the latest PHQ-9, not the first
    assert "<strong>7</strong> (mild)" in body
    assert "<strong>18</strong>" not in body
    assert f'value="{latest.pk}"' in body and "checked" in body  # given today: ticked
    assert "3 · Some progress" in body
    assert 'name="section_data"' in body and 'name="section_subjective"' not in body


def test_saving_a_new_note_makes_a_draft_and_remembers_the_format(signed_in, active) -> None:
    url = reverse("progress:create", args=[active.client.pk])
    data = _form(active, note_format="birp")
    for name in ("data", "assessment", "plan"):
        data.pop(f"section_{name}")
    data.update(section_behavior="Calm", section_intervention="BA", section_response="Engaged")
    data["section_plan"] = "Continue"
    response = signed_in.post(url, data)
    note = ProgressNote.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("progress:detail", args=[note.pk])
    assert note.note_format == "birp" and note.session_type == "telehealth_video"
    assert note.sections == {
        "behavior": "Calm",
        "intervention": "BA",
        "response": "Engaged",
        "plan": "Continue",
    }
    assert note.ratings.get().comment == "Back to morning walks"
    assert note.duration_minutes == 53 and note.author == active.clinician
    assert NotePreference.objects.get(user=active.clinician).note_format == "birp"
    body = signed_in.get(url).content.decode()
    assert 'name="section_behavior"' in body  # the next note opens in BIRP


def test_the_format_can_be_switched_on_the_form(signed_in, active) -> None:
    url = reverse("progress:create", args=[active.client.pk])
    body = signed_in.get(url + "?format=soap").content.decode()
    assert 'name="section_subjective"' in body and 'name="section_data"' not in body
    assert 'value="soap"' in body


def test_a_form_error_keeps_what_was_typed(signed_in, active) -> None:
    url = reverse("progress:create", args=[active.client.pk])
    data = _form(active, duration_minutes="900", section_data="Long and careful text")
    response = signed_in.post(url, data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Long and careful text" in body
    assert not ProgressNote.objects.exists()


def test_an_open_critical_item_is_shown_on_the_note_form(signed_in, active) -> None:
    make_administration(active.clinician, active.client, PHQ9_ITEM9)
    body = signed_in.get(reverse("progress:create", args=[active.client.pk])).content.decode()
    assert "Critical item open" in body
    assert "Item 9 positive" in body
    assert "the risk assessment is required to sign" in body


def test_an_open_critical_item_is_shown_on_the_note_itself(signed_in, active) -> None:
    draft = make_note(active.clinician, active.client)
    signed = make_note(active.clinician, active.client, signed=True)
    make_administration(active.clinician, active.client, PHQ9_ITEM9)
    body = signed_in.get(reverse("progress:detail", args=[draft.pk])).content.decode()
    assert "Critical item open" in body and "required to sign" in body
    body = signed_in.get(reverse("progress:detail", args=[signed.pk])).content.decode()
    assert "Critical item open" in body and "required to sign" not in body


def test_the_detail_page_shows_the_note_and_a_sign_button(signed_in, active) -> None:
    note = make_note(active.clinician, active.client)
    body = signed_in.get(reverse("progress:detail", args=[note.pk])).content.decode()
    assert "Reported two walks this week" in body
    assert "3 · Some progress" in body
    assert "Sign note" in body and "Edit draft" in body
    assert AuditEvent.objects.filter(action="view", object_id=str(note.pk)).exists()


def test_editing_a_draft(signed_in, active) -> None:
    note = make_note(active.clinician, active.client)
    url = reverse("progress:edit", args=[note.pk])
    body = signed_in.get(url).content.decode()
    assert "Reported two walks this week" in body and 'name="version" value="1"' in body
    response = signed_in.post(url, _form(active, version="1"))
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.version == 2 and note.sections["data"] == "Kept an activity log on five days."
    assert note.ratings.get().rating == 4


def test_a_draft_keeps_goals_of_the_plan_it_was_started_under(signed_in, active) -> None:
    old_goal = _goal(active)
    note = make_note(active.clinician, active.client)
    revised = grow_plan(active.clinician, make_plan(active.clinician, active.client))
    plan_services.plan_activate(actor=actor(active.clinician), plan=revised, expected_version=1)
    url = reverse("progress:edit", args=[note.pk])
    body = signed_in.get(url).content.decode()
    assert f'name="goal_{old_goal.pk}" id="id_goal_{old_goal.pk}" checked' in body
    new_goal = Goal.objects.get(problem__plan=revised)
    data = _form(active, version="1")
    data.update({f"goal_{new_goal.pk}": "on", f"rating_{new_goal.pk}": "2"})
    assert signed_in.post(url, data).status_code == 302
    assert set(note.goals.all()) == {old_goal, new_goal}
    assert note.ratings.get(goal=old_goal).rating == 4


def test_a_stale_edit_is_told_and_keeps_the_text(signed_in, active) -> None:
    note = make_note(active.clinician, active.client)
    services.note_update(
        actor=actor(active.clinician), note=note, data={"duration_minutes": 40}, expected_version=1
    )
    url = reverse("progress:edit", args=[note.pk])
    response = signed_in.post(url, _form(active, version="1", section_data="My careful words"))
    assert response.status_code == 409
    body = response.content.decode()
    assert "changed by someone else" in body and "My careful words" in body
    assert ProgressNote.objects.get(pk=note.pk).duration_minutes == 40


def test_signing_from_the_page_locks_the_note(signed_in, active) -> None:
    note = make_note(active.clinician, active.client)
    response = signed_in.post(
        reverse("progress:sign", args=[note.pk]), {"version": "1", **SIGNED}, follow=True
    )
    body = response.content.decode()
    assert "The note is signed." in body
    assert "matches the signed content" in body
    assert "Edit draft" not in body and "Add the addendum" in body
    edit = signed_in.get(reverse("progress:edit", args=[note.pk]))
    assert edit.status_code == 302 and edit["Location"] == reverse(
        "progress:detail", args=[note.pk]
    )


@pytest.mark.parametrize("persona", ["supervisor", "admin"])
def test_only_the_author_edits_or_signs_a_draft_on_the_page(client, active, persona) -> None:
    note = make_note(active.clinician, active.client)
    client.login(username=getattr(active, persona).email, password=PASSWORD)
    detail = reverse("progress:detail", args=[note.pk])
    body = client.get(detail).content.decode()
    assert "Draft by Casey Clinician; only they can edit or sign it." in body
    assert "Edit draft" not in body and "Sign note" not in body
    listing = client.get(reverse("progress:list", args=[active.client.pk])).content.decode()
    assert reverse("progress:edit", args=[note.pk]) not in listing
    edit = reverse("progress:edit", args=[note.pk])
    for response in (
        client.get(edit, follow=True),
        client.post(edit, _form(active, version="1", section_data="Not mine"), follow=True),
        client.post(
            reverse("progress:sign", args=[note.pk]), {"version": "1", **SIGNED}, follow=True
        ),
    ):
        assert response.redirect_chain[-1][0] == detail
        assert "only they can edit or sign it" in response.content.decode()
    note.refresh_from_db()
    assert note.version == 1 and not note.is_signed
    assert note.sections["data"] != "Not mine"


def test_an_incomplete_note_is_not_signed_and_says_why(signed_in, active) -> None:
    note = make_note(active.clinician, active.client, sections={"data": "Only this"})
    response = signed_in.post(
        reverse("progress:sign", args=[note.pk]), {"version": "1", **SIGNED}, follow=True
    )
    assert "Write the Assessment and Plan sections." in response.content.decode()
    assert not ProgressNote.objects.get(pk=note.pk).is_signed


def test_an_addendum_from_the_page(signed_in, active) -> None:
    note = make_note(active.clinician, active.client, signed=True)
    url = reverse("progress:addendum_add", args=[note.pk])
    response = signed_in.post(url, {"text": "Client called to reschedule."}, follow=True)
    body = response.content.decode()
    assert "Client called to reschedule." in body and "Casey Clinician" in body
    assert note.addenda.count() == 1


def test_an_empty_addendum_is_refused_on_the_page(signed_in, active) -> None:
    note = make_note(active.clinician, active.client, signed=True)
    response = signed_in.post(reverse("progress:addendum_add", args=[note.pk]), {"text": ""})
    assert response.status_code == 422
    assert not note.addenda.exists()


def test_the_list_shows_drafts_and_signed_notes(signed_in, active) -> None:
    make_note(active.clinician, active.client, signed=True)
    make_note(active.clinician, active.client)
    body = signed_in.get(reverse("progress:list", args=[active.client.pk])).content.decode()
    assert body.count('class="badge active">signed') == 1
    assert body.count('class="badge draft">draft') == 1
    seen = AuditEvent.objects.filter(action="view", object_type="progress_notes").get()
    assert (seen.client_id, seen.actor) == (active.client.pk, active.clinician)


def test_the_client_page_links_to_the_notes(signed_in, active) -> None:
    body = signed_in.get(reverse("pages:client", args=[active.client.pk])).content.decode()
    assert reverse("progress:list", args=[active.client.pk]) in body


@pytest.mark.parametrize("persona", ["colleague", "outsider"])
def test_anyone_off_the_care_team_gets_404(client, active, persona) -> None:
    note = make_note(active.clinician, active.client, signed=True)
    client.login(username=getattr(active, persona).email, password=PASSWORD)
    pages = [
        ("get", reverse("progress:list", args=[active.client.pk])),
        ("get", reverse("progress:create", args=[active.client.pk])),
        ("get", reverse("progress:detail", args=[note.pk])),
        ("get", reverse("progress:edit", args=[note.pk])),
        ("post", reverse("progress:sign", args=[note.pk])),
        ("post", reverse("progress:addendum_add", args=[note.pk])),
    ]
    for method, url in pages:
        response = getattr(client, method)(url, {"text": "x"} if method == "post" else None)
        assert response.status_code == 404, url
        assert active.client.last_name not in response.content.decode()
    assert not note.addenda.exists()
