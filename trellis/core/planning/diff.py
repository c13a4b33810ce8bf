"""Comparing two plan versions, as plain text and keys: which words changed, and how two
versions' sibling items line up (kept, moved, added, removed).

Pure Python: the plans app reads the items and marks the result safe for its pages.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from html import escape
from typing import Literal

# A date is one token: "2027-01-30" -> "2027-03-01" is a changed date, not "-30" -> "03-".
_TOKENS = re.compile(r"\d{4}-\d{2}-\d{2}\b|\w+|[^\w\s]+|\s+")


def _segments(old: str, new: str) -> list[tuple[str, str, str]]:
    """(tag, old text, new text) runs, with a lone space between two changes folded into
    one change, so "close to a sister" reads as one deletion rather than four."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    merged: list[tuple[str, str, str]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        merged.append((tag, "".join(a[i1:i2]), "".join(b[j1:j2])))
        while (
            len(merged) >= 3
            and merged[-1][0] != "equal"
            and merged[-2][0] == "equal"
            and merged[-2][1].isspace()
            and merged[-3][0] != "equal"
        ):
            last, space, first = merged.pop(), merged.pop(), merged.pop()
            merged.append(("replace", first[1] + space[1] + last[1], first[2] + space[2] + last[2]))
    return merged


def word_diff(old: str, new: str) -> tuple[str, str]:
    """HTML of the old text with removed words in <del> and of the new with added words in
    <ins>; every character of either text is escaped."""
    left: list[str] = []
    right: list[str] = []
    for tag, removed, added in _segments(old, new):
        if tag == "equal":
            left.append(escape(removed))
            right.append(escape(added))
            continue
        if removed:
            left.append(f"<del>{escape(removed)}</del>")
        if added:
            right.append(f"<ins>{escape(added)}</ins>")
    return "".join(left), "".join(right)


@dataclass(frozen=True, slots=True)
class Step:
    """One step of lining up two sibling lists: ``old``/``new`` are indexes (None on the
    side the item is missing from); ``moved`` when a kept item changed place."""

    kind: Literal["kept", "added", "removed"]
    old: int | None
    new: int | None
    moved: bool = False


def align(old_keys: Sequence[Hashable], new_keys: Sequence[Hashable]) -> list[Step]:
    """Walk two sibling lists by their lineage keys in order: equal runs pair up, the rest
    are added, removed, or (the same key found elsewhere in the other list) moved."""
    old_at = {key: i for i, key in enumerate(old_keys)}
    new_keys_set = set(new_keys)
    steps: list[Step] = []
    matcher = SequenceMatcher(None, list(old_keys), list(new_keys), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            steps += [Step("kept", i, j) for i, j in zip(range(i1, i2), range(j1, j2), strict=True)]
            continue
        steps += [
            Step("removed", i, None) for i in range(i1, i2) if old_keys[i] not in new_keys_set
        ]
        for j in range(j1, j2):
            if new_keys[j] in old_at:
                steps.append(Step("kept", old_at[new_keys[j]], j, moved=True))
            else:
                steps.append(Step("added", None, j))
    return steps
