"""Writing progress notes: drafts, edits, signing and addenda, each with its audit event;
bad input is refused with a clear message and changes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from tests.audit_helpers import events_since, last_id, summary
from tests.clock import FROZEN_DAY
from tests.factories import (
    PHQ9_ITEM9,
    SIGN,
    actor,
    grow_plan,
    make_administration,
    make_client,
    make_note,
    make_plan,
)
from trellis.concurrency import StaleEditError
from trellis.plans import services as plan_services
from trellis.plans.models import Goal
from trellis.progress import services
from trellis.progress.content import hash_matches
from trellis.progress.formats import content_hash
from trellis.progress.models import GoalRating, NotAuthorError, NotePreference, ProgressNote
from trellis.progress.selectors import preferred_format

pytestmark = pytest.mark.django_db


def _goal(cast) -> Goal:
    return Goal.objects.get(problem__plan=cast.plan)


def _snapshot(note: ProgressNote) -> tuple:
    note = ProgressNote.objects.get(pk=note.pk)
    return (
        note.version,
        note.sections,
        note.note_format,
        note.duration_minutes,
        sorted(note.goals.values_list("pk", flat=True)),
        sorted(note.administrations.values_list("pk", flat=True)),
        sorted(note.ratings.values_list("goal_id", "rating")),
    )


def test_a_draft_names_goals_objectives_interventions_and_measures(active) -> None:
    goal = _goal(active)
    objective = goal.objectives.get()
    intervention = objective.interventions.get()
    score = make_administration(active.clinician, active.client)
    mark = last_id()
    note = make_note(
        active.clinician,
        active.client,
        objectives=[objective],
        interventions=[intervention],
        interventions_other="Brief grounding exercise",
        administrations=[score],
        ratings={goal: (4, "Walked three times")},
    )
    assert not note.is_signed and note.version == 1
    assert list(note.goals.all()) == [goal]  # rated, and its objective was worked on
    assert list(note.objectives.all()) == [objective]
    assert list(note.interventions.all()) == [intervention]
    assert list(note.administrations.all()) == [score]
    rating = note.ratings.get()
    assert (rating.rating, rating.label, rating.comment) == (
        4,
        "Good progress",
        "Walked three times",
    )
    assert note.plan == active.plan
    assert note.sections["data"].startswith("Reported two walks")
    assert summary(events_since(mark)) == [("create", "progressnote", active.client.pk)]
    detail = events_since(mark)[0].detail
    assert detail["format"] == "dap"
    assert "ratings" in detail["fields"] and "sections" in detail["fields"]


def test_editing_a_draft_is_audited_with_the_fields_changed(active) -> None:
    note = make_note(active.clinician, active.client)
    mark = last_id()
    changed = services.note_update(
        actor=actor(active.clinician),
        note=note,
        data={"duration_minutes": 45, "ratings": {_goal(active): 5}},
        expected_version=1,
    )
    assert changed == ["duration_minutes", "ratings"]
    note.refresh_from_db()
    assert note.version == 2 and note.duration_minutes == 45
    assert note.ratings.get().rating == 5
    assert summary(events_since(mark)) == [("update", "progressnote", active.client.pk)]
    assert events_since(mark)[0].detail == {"fields": ["duration_minutes", "ratings"]}


def test_a_goal_no_longer_worked_on_loses_its_rating(active) -> None:
    note = make_note(active.clinician, active.client)
    changed = services.note_update(
        actor=actor(active.clinician), note=note, data={"goals": []}, expected_version=1
    )
    assert changed == ["goals", "ratings"]
    assert not note.goals.exists() and not note.ratings.exists()


def test_an_edit_that_changes_nothing_writes_nothing(active) -> None:
    note = make_note(active.clinician, active.client)
    mark = last_id()
    data = {"duration_minutes": 50}
    assert (
        services.note_update(
            actor=actor(active.clinician), note=note, data=data, expected_version=1
        )
        == []
    )
    assert events_since(mark) == []
    assert ProgressNote.objects.get(pk=note.pk).version == 1


def test_the_second_of_two_edits_is_told_not_applied(active) -> None:
    note = make_note(active.clinician, active.client)
    first = actor(active.clinician)
    services.note_update(actor=first, note=note, data={"duration_minutes": 40}, expected_version=1)
    mark = last_id()
    with pytest.raises(StaleEditError):
        services.note_update(  # the same author in another tab
            actor=actor(active.clinician),
            note=ProgressNote.objects.get(pk=note.pk),
            data={"duration_minutes": 60},
            expected_version=1,
        )
    assert ProgressNote.objects.get(pk=note.pk).duration_minutes == 40
    assert events_since(mark) == []


def test_signing_locks_the_note_with_a_hash_of_what_was_signed(active) -> None:
    note = make_note(active.clinician, active.client)
    mark = last_id()
    services.note_sign(**SIGN, actor=actor(active.clinician), note=note, expected_version=1)
    note = ProgressNote.objects.get(pk=note.pk)
    assert note.is_signed and note.signed_by == active.clinician
    assert note.version == 2
    assert note.content_hash == content_hash(note.signed_content)
    assert hash_matches(note)
    assert note.signed_content["goals"][0]["rating_label"] == "Some progress"
    assert note.signed_content["signed"]["by"]["name"] == "Casey Clinician"
    assert summary(events_since(mark)) == [("update", "progressnote", active.client.pk)]
    assert events_since(mark)[0].detail == {"signed": True}


def test_an_addendum_has_its_own_author_and_time(active) -> None:
    note = make_note(active.clinician, active.client, signed=True)
    mark = last_id()
    addendum = services.addendum_add(
        actor=actor(active.supervisor), note=note, text="  Reviewed in supervision.  "
    )
    assert addendum.author == active.supervisor
    assert addendum.text == "Reviewed in supervision."
    assert addendum.created_at >= note.signed_at
    assert summary(events_since(mark)) == [("create", "addendum", active.client.pk)]
    assert events_since(mark)[0].detail == {"note": str(note.pk)}


def test_a_draft_takes_no_addendum(active) -> None:
    note = make_note(active.clinician, active.client)
    mark = last_id()
    with pytest.raises(ValidationError, match="addenda are for signed notes"):
        services.addendum_add(actor=actor(active.clinician), note=note, text="Later")
    assert events_since(mark) == []


def test_an_empty_addendum_is_refused(active) -> None:
    note = make_note(active.clinician, active.client, signed=True)
    with pytest.raises(ValidationError) as caught:
        services.addendum_add(actor=actor(active.clinician), note=note, text="   ")
    assert "text" in caught.value.message_dict
    assert not note.addenda.exists()


# ---- the remembered format ----


def test_the_format_chosen_is_remembered_per_clinician(active) -> None:
    assert preferred_format(active.clinician) == "dap"
    make_note(
        active.clinician,
        active.client,
        note_format="soap",
        sections={"subjective": "s", "objective": "o", "assessment": "a", "plan": "p"},
    )
    assert preferred_format(active.clinician) == "soap"
    assert preferred_format(active.supervisor) == "dap"
    assert NotePreference.objects.count() == 1


def test_switching_a_draft_to_another_format_carries_its_text(active) -> None:
    note = make_note(active.clinician, active.client)
    services.note_update(
        actor=actor(active.clinician), note=note, data={"note_format": "birp"}, expected_version=1
    )
    note.refresh_from_db()
    assert set(note.sections) == {"behavior", "intervention", "response", "plan"}
    assert note.sections["behavior"].startswith("[Data] Reported two walks")
    assert "[Assessment] Small gain" in note.sections["behavior"]
    assert note.sections["plan"].startswith("Add one valued activity")
    assert preferred_format(active.clinician) == "birp"


# ---- bad input changes nothing ----


def _refused_create(cast, **fields) -> ValidationError:
    before, mark = ProgressNote.objects.count(), last_id()
    ratings = GoalRating.objects.count()
    with pytest.raises(ValidationError) as caught:
        make_note(cast.clinician, cast.client, **fields)
    assert ProgressNote.objects.count() == before
    assert GoalRating.objects.count() == ratings
    assert events_since(mark) == []
    assert not NotePreference.objects.filter(user=cast.clinician).exists()
    return caught.value


def test_an_unknown_format_is_refused(active) -> None:
    error = _refused_create(active, note_format="narrative")
    assert "note_format" in error.message_dict


def test_sections_of_another_format_are_refused(active) -> None:
    error = _refused_create(active, note_format="soap", sections={"data": "x"})
    assert "'data'" in " ".join(error.message_dict["sections"])


@pytest.mark.parametrize("rating", [0, 6, "3", True, 2.5])
def test_a_rating_out_of_range_is_refused(active, rating) -> None:
    error = _refused_create(active, ratings={_goal(active): rating})
    assert "Goal met" in " ".join(error.message_dict["ratings"])


def test_goals_of_another_clients_plan_are_refused(active) -> None:
    other = make_client(active.clinician, first_name="Sam", last_name="Okafor")
    other_plan = grow_plan(active.clinician, make_plan(active.clinician, other))
    foreign = Goal.objects.get(problem__plan=other_plan)
    error = _refused_create(active, goals=[foreign], ratings={})
    assert "goals" in error.message_dict
    error = _refused_create(active, ratings={foreign: 3})
    assert "goals" in error.message_dict
    error = _refused_create(active, objectives=[foreign.objectives.get()])
    assert "objectives" in error.message_dict
    intervention = foreign.objectives.get().interventions.get()
    error = _refused_create(active, interventions=[intervention])
    assert "interventions" in error.message_dict


def test_administrations_of_another_client_are_refused(active) -> None:
    other = make_client(active.clinician, first_name="Sam", last_name="Okafor")
    error = _refused_create(active, administrations=[make_administration(active.clinician, other)])
    assert "administrations" in error.message_dict


def test_a_voided_administration_is_refused(active) -> None:
    from trellis.measures.services import administration_void

    score = make_administration(active.clinician, active.client)
    administration_void(actor=actor(active.clinician), administration=score, reason="Typo")
    error = _refused_create(active, administrations=[score])
    assert "administrations" in error.message_dict


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("session_date", FROZEN_DAY + timedelta(days=1)),  # tomorrow
        ("duration_minutes", 0),
        ("duration_minutes", 600),
        ("session_type", "spa"),
        ("risk_level", "extreme"),
    ],
)
@pytest.mark.usefixtures("frozen_day")  # "tomorrow" was computed at import
def test_out_of_range_session_facts_are_refused(active, field, value) -> None:
    error = _refused_create(active, **{field: value})
    assert field in error.message_dict


def test_a_refused_edit_changes_nothing(active) -> None:
    note = make_note(active.clinician, active.client)
    before, mark = _snapshot(note), last_id()
    with pytest.raises(ValidationError):
        services.note_update(
            actor=actor(active.clinician),
            note=note,
            data={"duration_minutes": 30, "ratings": {_goal(active): 9}},
            expected_version=1,
        )
    assert _snapshot(note) == before
    assert events_since(mark) == []


# ---- signing: only a complete note, only by its author ----


def _refused_sign(cast, note: ProgressNote, by=None) -> ValidationError:
    before, mark = _snapshot(note), last_id()
    with pytest.raises(ValidationError) as caught:
        services.note_sign(**SIGN, actor=actor(by or cast.clinician), note=note, expected_version=1)
    assert _snapshot(note) == before
    assert not ProgressNote.objects.get(pk=note.pk).is_signed
    assert events_since(mark) == []
    return caught.value


def test_missing_sections_keep_a_note_from_being_signed(active) -> None:
    note = make_note(active.clinician, active.client, sections={"data": "Came late."})
    error = _refused_sign(active, note)
    assert error.messages == ["Write the Assessment and Plan sections."]


def test_every_goal_worked_on_needs_a_rating_to_sign(active) -> None:
    note = make_note(active.clinician, active.client, goals=[_goal(active)], ratings={})
    error = _refused_sign(active, note)
    assert error.messages == ["Rate progress on the goal “Mood lifts enough to work.”."]


def test_length_and_risk_level_are_needed_to_sign(active) -> None:
    note = make_note(active.clinician, active.client, duration_minutes=None, risk_level="")
    error = _refused_sign(active, note)
    assert error.messages == [
        "Say how long the session was (minutes).",
        "Record the risk level.",
    ]


def test_an_open_critical_item_requires_the_risk_assessment(active) -> None:
    make_administration(active.clinician, active.client, PHQ9_ITEM9)
    note = make_note(active.clinician, active.client, risk_level="low", risk_assessment="")
    error = _refused_sign(active, note)
    assert error.messages == ["A critical item is open for this client: write the risk assessment."]
    services.note_update(
        actor=actor(active.clinician),
        note=note,
        data={"risk_assessment": "Passive thoughts; no plan or intent; safety plan reviewed."},
        expected_version=1,
    )
    services.note_sign(**SIGN, actor=actor(active.clinician), note=note, expected_version=2)
    assert ProgressNote.objects.get(pk=note.pk).is_signed


@pytest.mark.parametrize("persona", ["supervisor", "admin"])
def test_only_the_author_signs(active, persona) -> None:
    note = make_note(active.clinician, active.client)
    before, mark = _snapshot(note), last_id()
    with pytest.raises(NotAuthorError) as caught:
        services.note_sign(
            **SIGN, actor=actor(getattr(active, persona)), note=note, expected_version=1
        )
    assert "Casey Clinician's: only they can edit or sign it" in str(caught.value)
    assert _snapshot(note) == before and events_since(mark) == []


@pytest.mark.parametrize("persona", ["supervisor", "admin"])
def test_only_the_author_edits_a_draft(active, persona) -> None:
    """Issue 13 item 4: the admin and the supervisor rewrote a clinician's draft, who then
    signed it as their own."""
    note = make_note(active.clinician, active.client)
    before, mark = _snapshot(note), last_id()
    with pytest.raises(NotAuthorError):
        services.note_update(
            actor=actor(getattr(active, persona)),
            note=note,
            data={"sections": {"data": "Words the author never wrote"}},
            expected_version=1,
        )
    assert _snapshot(note) == before and events_since(mark) == []
    assert ProgressNote.objects.get(pk=note.pk).version == 1


def test_others_add_addenda_once_the_author_has_signed(active) -> None:
    note = make_note(active.clinician, active.client, signed=True)
    for persona in ("supervisor", "admin"):
        services.addendum_add(
            actor=actor(getattr(active, persona)), note=note, text=f"Read by the {persona}."
        )
    assert {a.author for a in note.addenda.all()} == {active.supervisor, active.admin}


def test_a_stale_sign_is_refused(active) -> None:
    note = make_note(active.clinician, active.client)
    services.note_update(
        actor=actor(active.clinician), note=note, data={"duration_minutes": 55}, expected_version=1
    )
    with pytest.raises(StaleEditError):
        services.note_sign(**SIGN, actor=actor(active.clinician), note=note, expected_version=1)
    assert not ProgressNote.objects.get(pk=note.pk).is_signed


def test_a_note_can_be_written_before_any_plan_is_active(cast) -> None:
    note = make_note(cast.clinician, cast.client, session_type="intake", signed=True)
    assert note.is_signed and note.plan is None and note.signed_content["goals"] == []


def test_a_signed_note_keeps_what_it_said_when_the_plan_changes(active) -> None:
    goal = _goal(active)
    note = make_note(active.clinician, active.client, signed=True)
    plan_services.plan_item_update(
        actor=actor(active.clinician),
        item=goal,
        data={"statement": "Back at work three days a week."},
        expected_version=goal.version,
    )
    plan_services.plan_item_remove(
        actor=actor(active.clinician), item=goal, expected_version=goal.version
    )
    note = ProgressNote.objects.get(pk=note.pk)
    assert not note.goals.exists()  # the link went with the goal...
    assert note.signed_content["goals"][0]["statement"] == "Mood lifts enough to work."
    assert hash_matches(note)  # ...but the signed record did not change
