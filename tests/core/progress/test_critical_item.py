"""A positive critical item without a clinician's response: always said, most urgent."""

from __future__ import annotations

from trellis.core.progress import URGENCY_CRITICAL_ITEM, CriticalSnapshot, Signal

from .helpers import client, codes, days_ago, only


def test_an_open_critical_item_is_signalled_with_its_administration() -> None:
    critical = CriticalSnapshot(
        administration_id="adm-1", instrument="PHQ-9", given_on=days_ago(2), item="item 9"
    )
    assert only(client(open_critical=[critical]), "critical_item") == Signal(
        "critical_item",
        URGENCY_CRITICAL_ITEM,
        "Positive critical item (item 9) on the PHQ-9 of 2025-03-01: "
        "no clinician response recorded yet.",
        "adm-1",
    )


def test_each_open_critical_item_is_its_own_signal() -> None:
    items = [
        CriticalSnapshot(administration_id="a", instrument="PHQ-9", given_on=days_ago(9)),
        CriticalSnapshot(administration_id="b", instrument="ASQ", given_on=days_ago(1)),
    ]
    assert codes(client(open_critical=items)) == ["critical_item", "critical_item"]


def test_an_unnamed_item_reads_without_parentheses() -> None:
    item = CriticalSnapshot(administration_id="a", instrument="ASQ", given_on=days_ago(0))
    reason = only(client(open_critical=[item]), "critical_item").reason
    assert reason.startswith("Positive critical item on the ASQ of 2025-03-03:")


def test_no_open_critical_item_no_signal() -> None:
    assert codes(client(open_critical=[])) == []
