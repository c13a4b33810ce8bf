"""The caseload's order: by urgency (critical item > deterioration > review overdue > target
missed > worse than baseline > no improvement > no session > review due > measures due >
target met), then name; clients with nothing to look at last."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from trellis.core.progress import (
    CODES,
    URGENCY,
    ClientSnapshot,
    CriticalSnapshot,
    MeasureDue,
    RankedClient,
    Settings,
    rank_clients,
    signals_for,
)

from .helpers import TODAY, client, days_ago, days_ahead, gad7_target

ORDER = [
    "critical_item",
    "deteriorated",
    "review_overdue",
    "target_missed",
    "worse_than_baseline",
    "no_improvement",
    "no_session",
    "review_due",
    "measures_due",
    "target_met",
    "improving",
]


def with_only(code: str, name: str) -> ClientSnapshot:
    """A client whose one signal is ``code``."""
    facts: dict[str, dict[str, Any]] = {
        "critical_item": {
            "open_critical": [
                CriticalSnapshot(administration_id="a", instrument="PHQ-9", given_on=TODAY)
            ]
        },
        "deteriorated": {"targets": [gad7_target(15, 19, weeks_apart=timedelta(weeks=2))]},
        "review_overdue": {"plan_review_date": days_ago(1)},
        "target_missed": {
            "targets": [gad7_target(15, 10, deadline=days_ago(1), weeks_apart=timedelta(weeks=4))]
        },
        "worse_than_baseline": {"targets": [gad7_target(15, 16, weeks_apart=timedelta(weeks=2))]},
        "no_improvement": {"targets": [gad7_target(15, 13, between=(13, 13))]},
        "no_session": {"last_session": days_ago(21)},
        "review_due": {"plan_review_date": days_ahead(3)},
        "measures_due": {
            "measure_schedule": [MeasureDue(instrument="PHQ-9", every_weeks=2, last_given=None)]
        },
        "target_met": {"targets": [gad7_target(15, 5)]},
        "improving": {"targets": [gad7_target(15, 10)]},
    }
    snapshot = client(name, **facts[code])
    assert [s.code for s in signals_for(snapshot, today=TODAY)] == [code]
    return snapshot


def names(ranked: list[RankedClient]) -> list[str]:
    return [snapshot.name for snapshot, _ in ranked]


def test_the_codes_are_listed_most_urgent_first() -> None:
    assert list(CODES) == ORDER
    assert sorted(CODES, key=lambda code: -URGENCY[code]) == ORDER


def test_clients_are_ordered_by_their_most_urgent_signal() -> None:
    # Names in reverse alphabetical order so that a sort by name alone would fail.
    clients = [with_only(code, f"Client {chr(ord('Z') - i)}") for i, code in enumerate(ORDER)]
    quiet = client("Client A")
    ranked = rank_clients([quiet, *reversed(clients)], today=TODAY)
    assert [signals[0].code for _, signals in ranked[:-1]] == ORDER
    assert ranked[-1] == (quiet, [])


def test_equal_urgency_sorts_by_name_ignoring_case() -> None:
    clients = [with_only("review_due", name) for name in ("cole", "Blake", "avery")]
    assert names(rank_clients(clients, today=TODAY)) == ["avery", "Blake", "cole"]


def test_clients_without_signals_come_last_by_name() -> None:
    ranked = rank_clients(
        [client("Ash"), with_only("target_met", "Zed"), client("Aaron")], today=TODAY
    )
    assert names(ranked) == ["Zed", "Aaron", "Ash"]


def test_a_tie_on_the_most_urgent_signal_goes_to_the_next() -> None:
    critical = CriticalSnapshot(administration_id="a", instrument="PHQ-9", given_on=TODAY)
    alone = client("Avery", open_critical=[critical])
    worse = client(
        "Blake",
        open_critical=[critical],
        targets=[gad7_target(15, 19, weeks_apart=timedelta(weeks=2))],
    )
    assert names(rank_clients([alone, worse], today=TODAY)) == ["Blake", "Avery"]


def test_a_client_with_more_to_look_at_comes_first_on_an_equal_run() -> None:
    overdue = client("Avery", plan_review_date=days_ago(1))
    more = client("Blake", plan_review_date=days_ago(1), targets=[gad7_target(15, 5)])
    assert names(rank_clients([overdue, more], today=TODAY)) == ["Blake", "Avery"]


def test_same_name_is_ordered_by_id_whatever_the_input_order() -> None:
    one = client("Sam Lee", client_id="2", plan_review_date=days_ago(1))
    two = client("Sam Lee", client_id="1", plan_review_date=days_ago(1))
    assert [s.client_id for s, _ in rank_clients([one, two], today=TODAY)] == ["1", "2"]
    assert [s.client_id for s, _ in rank_clients([two, one], today=TODAY)] == ["1", "2"]


def test_signals_within_a_client_are_most_urgent_first() -> None:
    snapshot = client(
        "Avery",
        plan_review_date=days_ahead(2),
        last_session=days_ago(30),
        targets=[gad7_target(15, 5, target_id="met"), gad7_target(15, 20, target_id="worse")],
        open_critical=[CriticalSnapshot(administration_id="a", instrument="PHQ-9", given_on=TODAY)],
        measure_schedule=[MeasureDue(instrument="PHQ-9", every_weeks=2, last_given=None)],
    )
    [(_, signals)] = rank_clients([snapshot], today=TODAY)
    assert [s.code for s in signals] == [
        "critical_item",
        "deteriorated",
        "no_session",
        "review_due",
        "measures_due",
        "target_met",
    ]
    urgencies = [s.urgency for s in signals]
    assert urgencies == sorted(urgencies, reverse=True)


def test_ranking_uses_the_practice_settings() -> None:
    lapsed = client("Avery", last_session=days_ago(10))
    assert rank_clients([lapsed], today=TODAY)[0][1] == []
    ranked = rank_clients([lapsed], today=TODAY, settings=Settings(no_session_weeks=1))
    assert [s.code for s in ranked[0][1]] == ["no_session"]
