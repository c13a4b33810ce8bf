"""A signed note never changes, and an addendum never does: refused by the service, by the
models, and by the database itself (SQLite and PostgreSQL alike)."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from tests.factories import SIGN, actor, make_note
from trellis.progress import services, triggers
from trellis.progress.content import hash_matches
from trellis.progress.models import Addendum, GoalRating, ProgressNote, SignedNoteError

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(active) -> ProgressNote:
    return make_note(active.clinician, active.client, signed=True)


def _unchanged(note: ProgressNote) -> None:
    fresh = ProgressNote.objects.get(pk=note.pk)
    assert fresh.version == note.version
    assert fresh.sections == note.sections
    assert fresh.risk_assessment == note.risk_assessment
    assert fresh.signed_content == note.signed_content
    assert hash_matches(fresh)


# ---- service ----


def test_the_service_refuses_to_edit_a_signed_note(active, signed) -> None:
    with pytest.raises(SignedNoteError, match="add an addendum"):
        services.note_update(
            actor=actor(active.clinician),
            note=signed,
            data={"risk_assessment": "Changed"},
            expected_version=signed.version,
        )
    _unchanged(signed)


def test_the_service_refuses_to_sign_twice(active, signed) -> None:
    with pytest.raises(SignedNoteError):
        services.note_sign(
            **SIGN, actor=actor(active.clinician), note=signed, expected_version=signed.version
        )
    _unchanged(signed)


# ---- models ----


def test_the_model_refuses_to_save_or_delete_a_signed_note(signed) -> None:
    stale_copy = ProgressNote.objects.get(pk=signed.pk)
    stale_copy.risk_assessment = "Changed"
    with pytest.raises(SignedNoteError):
        stale_copy.save()
    with pytest.raises(SignedNoteError):
        stale_copy.delete()
    _unchanged(signed)


def test_even_an_instance_loaded_before_signing_cannot_save(active) -> None:
    note = make_note(active.clinician, active.client)
    loaded_as_draft = ProgressNote.objects.get(pk=note.pk)
    services.note_sign(**SIGN, actor=actor(active.clinician), note=note, expected_version=1)
    loaded_as_draft.risk_assessment = "Changed"
    with pytest.raises(SignedNoteError):
        loaded_as_draft.save()


def test_bulk_updates_and_deletes_of_signed_notes_are_refused(signed) -> None:
    with pytest.raises(SignedNoteError):
        ProgressNote.objects.filter(pk=signed.pk).update(risk_assessment="Changed")
    with pytest.raises(SignedNoteError):
        ProgressNote.objects.all().delete()
    _unchanged(signed)


def test_a_signed_notes_ratings_cannot_be_saved(signed) -> None:
    rating = GoalRating.objects.get(note=signed)
    rating.rating = 5
    with pytest.raises(SignedNoteError):
        rating.save()
    assert GoalRating.objects.get(pk=rating.pk).rating == 3


def test_an_addendum_never_changes(active, signed) -> None:
    addendum = services.addendum_add(actor=actor(active.clinician), note=signed, text="Late entry")
    addendum.text = "Rewritten"
    with pytest.raises(SignedNoteError):
        addendum.save()
    with pytest.raises(SignedNoteError):
        addendum.delete()
    with pytest.raises(SignedNoteError):
        Addendum.objects.filter(pk=addendum.pk).update(text="Rewritten")
    with pytest.raises(SignedNoteError):
        Addendum.objects.all().delete()
    assert Addendum.objects.get(pk=addendum.pk).text == "Late entry"


# ---- database ----


def _refused(sql: str, params: list) -> None:
    triggers.install(connection)  # idempotent; a transactional test elsewhere may have lifted them
    with (
        pytest.raises(IntegrityError, match="never change"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, params)


def _pk(value) -> str:
    """A UUID as this database stores it (SQLite: 32 hex digits; PostgreSQL: uuid)."""
    return value.hex if connection.vendor == "sqlite" else str(value)


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE progress_progressnote SET risk_assessment = 'Changed' WHERE id = %s",
        "UPDATE progress_progressnote SET signed_content = NULL, signed_at = NULL, "
        "signed_by_id = NULL, content_hash = '' WHERE id = %s",
        "UPDATE progress_progressnote SET content_hash = content_hash WHERE id = %s",
        "DELETE FROM progress_progressnote WHERE id = %s",
    ],
)
def test_the_database_refuses_raw_changes_to_a_signed_note(signed, sql) -> None:
    _refused(sql, [_pk(signed.pk)])
    _unchanged(signed)


def test_the_database_refuses_raw_changes_to_a_signed_notes_ratings(signed) -> None:
    _refused("UPDATE progress_goalrating SET rating = 5 WHERE note_id = %s", [_pk(signed.pk)])
    assert GoalRating.objects.get(note=signed).rating == 3


def test_the_database_refuses_new_links_to_a_signed_note(active, signed) -> None:
    """Many-to-many ``add()`` skips every model method: only the trigger stands in the way."""
    objective = active.plan.problems.get().goals.get().objectives.get()
    triggers.install(connection)
    with pytest.raises(IntegrityError, match="never change"), transaction.atomic():
        signed.objectives.add(objective)
    assert not signed.objectives.exists()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE progress_addendum SET text = 'Rewritten' WHERE id = %s",
        "DELETE FROM progress_addendum WHERE id = %s",
    ],
)
def test_the_database_refuses_raw_changes_to_an_addendum(active, signed, sql) -> None:
    addendum = services.addendum_add(actor=actor(active.clinician), note=signed, text="Late entry")
    _refused(sql, [_pk(addendum.pk)])
    assert Addendum.objects.get(pk=addendum.pk).text == "Late entry"


def test_the_database_lets_drafts_change(active) -> None:
    """Only signed rows are locked: a draft is edited, and signing is its last update."""
    triggers.install(connection)
    note = make_note(active.clinician, active.client)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE progress_progressnote SET risk_assessment = 'Edited' WHERE id = %s",
            [_pk(note.pk)],
        )
        cursor.execute(
            "UPDATE progress_goalrating SET rating = 4 WHERE note_id = %s", [_pk(note.pk)]
        )
    assert ProgressNote.objects.get(pk=note.pk).risk_assessment == "Edited"
    services.note_sign(**SIGN, actor=actor(active.clinician), note=note, expected_version=1)
    assert ProgressNote.objects.get(pk=note.pk).signed_content["goals"][0]["rating"] == 4
