"""Parallel writes: none fails with "database is locked" on SQLite, none is lost or
duplicated on either database.

Each edit reads (the item, its plan, the version) before it writes. Begun deferred, two
such transactions deadlock on SQLite's lock upgrade and one is refused at once; the
settings begin them immediate, so the second waits for the first instead.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from tests.factories import actor, make_client, make_plan, make_practice, make_user
from trellis.plans import services
from trellis.plans.items import GOAL, OBJECTIVE, PROBLEM
from trellis.plans.models import Goal, Objective

WRITERS = 8


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's locking")
def test_parallel_goal_edits_all_save(audit_flushable) -> None:
    practice = make_practice("Parallel Practice")
    clinician = make_user("p@parallel.test", practice, full_name="P Clinician")
    plan = make_plan(clinician, make_client(clinician))
    problem = services.plan_item_add(
        actor=actor(clinician), kind=PROBLEM, parent=plan, data={"title": "Worry"}
    )
    goals = [
        services.plan_item_add(
            actor=actor(clinician), kind=GOAL, parent=problem, data={"statement": f"Goal {n}"}
        )
        for n in range(WRITERS)
    ]
    start = threading.Barrier(WRITERS)
    errors: list[BaseException] = []

    def edit(goal: Goal) -> None:
        try:
            start.wait()
            services.plan_item_update(
                actor=actor(clinician),
                item=Goal.objects.get(pk=goal.pk),
                data={"statement": f"{goal.statement}, edited"},
                expected_version=goal.version,
            )
        except BaseException as exc:  # surfaced below: a thread's error must fail the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=edit, args=(goal,)) for goal in goals]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    statements = sorted(Goal.objects.filter(problem=problem).values_list("statement", flat=True))
    assert statements == [f"Goal {n}, edited" for n in range(WRITERS)]


@pytest.mark.django_db(transaction=True)
def test_ten_clinicians_add_objectives_to_one_goal_at_once(audit_flushable) -> None:
    """On both databases: every addition saved, none refused, no two at one position."""
    practice = make_practice("Busy Practice")
    clinician = make_user("b@busy.test", practice, full_name="B Clinician")
    plan = make_plan(clinician, make_client(clinician))
    problem = services.plan_item_add(
        actor=actor(clinician), kind=PROBLEM, parent=plan, data={"title": "Worry"}
    )
    goal = services.plan_item_add(
        actor=actor(clinician), kind=GOAL, parent=problem, data={"statement": "Worry less"}
    )
    start = threading.Barrier(10)
    errors: list[BaseException] = []

    def add(n: int) -> None:
        try:
            start.wait()
            services.plan_item_add(
                actor=actor(clinician),
                kind=OBJECTIVE,
                parent=Goal.objects.get(pk=goal.pk),
                data={"statement": f"Log worry {n} times a week within 4 weeks."},
            )
        except BaseException as exc:  # surfaced below: a thread's error must fail the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=add, args=(n,)) for n in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    positions = list(Objective.objects.filter(goal=goal).values_list("position", flat=True))
    assert sorted(positions) == list(range(1, 11))


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's journal")
def test_sqlite_runs_in_wal_mode() -> None:
    """Readers do not wait for a writer, nor the writer for readers."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
