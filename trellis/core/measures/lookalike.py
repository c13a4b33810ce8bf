"""A practice's instrument that is a shipped one in disguise must keep its critical items.

An imported PHQ-9 (a FHIR Questionnaire, or our own format) that declares no critical item
would raise no flag on item 9: a suicide-risk answer nobody sees. A file is taken for a
shipped instrument when it carries the same LOINC panel code, or when one of its items
reads as the shipped instrument's critical item; such a file must declare critical items.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .schema import Instrument

_WORD = re.compile(r"[a-z0-9]+")
SAME_TEXT = 0.8  # share of the critical item's words an item must contain


def missing_critical_items(candidate: Instrument, shipped: Iterable[Instrument]) -> str | None:
    """Why ``candidate`` must declare critical items, or None when it need not."""
    if candidate.critical:
        return None
    for known in shipped:
        if not known.critical:
            continue
        flagged = ", ".join(f"item {c.item}" for c in known.critical)
        if candidate.loinc.panel and candidate.loinc.panel == known.loinc.panel:
            why = f"its LOINC code {candidate.loinc.panel} is the {known.id}'s"
        elif (match := _matching_item(candidate, known)) is not None:
            why = f"its item {match[0]} reads as the {known.id}'s item {match[1]}"
        else:
            continue
        return (
            f"declares no critical items, but {why}, whose {flagged} must alert whatever the "
            "total. Declare the critical item (in a FHIR Questionnaire: the critical-at-least "
            "extension on the item; in our format: a critical: entry)."
        )
    return None


def _matching_item(candidate: Instrument, known: Instrument) -> tuple[int, int] | None:
    for critical in known.critical:
        words = _words(known.items[critical.item - 1].text)
        for item in candidate.items:
            if words and len(words & _words(item.text)) >= SAME_TEXT * len(words):
                return item.number, critical.item
    return None


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))
