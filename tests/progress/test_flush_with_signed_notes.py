"""A transactional test (the browser tests are) empties the database afterwards; signed notes
and addenda must not stop that, while the triggers stay in force during the test."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from tests.factories import actor, make_note, make_personas
from trellis.plans import services as plan_services
from trellis.progress import services
from trellis.progress.models import ProgressNote


@pytest.mark.usefixtures("audit_flushable")
@pytest.mark.parametrize("run", [1, 2])
def test_signed_notes_are_flushed_after_a_transactional_test(run) -> None:
    cast = make_personas()
    plan_services.plan_activate(
        actor=actor(cast.clinician), plan=cast.plan, expected_version=cast.plan.version
    )
    note = make_note(cast.clinician, cast.client, signed=True)
    services.addendum_add(actor=actor(cast.clinician), note=note, text="Late entry")
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM progress_progressnote")
    assert ProgressNote.objects.count() == 1
