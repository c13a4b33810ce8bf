"""Note formats, the progress-rating scale and the signed-content digest: plain data and
functions, no Django, so they are tested without a database."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Section:
    name: str
    label: str
    help: str


FORMATS: dict[str, tuple[Section, ...]] = {
    "dap": (
        Section("data", "Data", "What the client said and did; what you observed."),
        Section("assessment", "Assessment", "Your reading of it: progress, barriers, risk."),
        Section("plan", "Plan", "What comes next in treatment."),
    ),
    "soap": (
        Section("subjective", "Subjective", "The client's report, in their words where possible."),
        Section("objective", "Objective", "What you observed; scores and other facts."),
        Section("assessment", "Assessment", "Your clinical reading of it."),
        Section("plan", "Plan", "What comes next in treatment."),
    ),
    "birp": (
        Section("behavior", "Behavior", "The client's presentation and what they reported."),
        Section("intervention", "Intervention", "What you did in the session."),
        Section("response", "Response", "How the client responded to it."),
        Section("plan", "Plan", "What comes next in treatment."),
    ),
}

# A 5-point scale with words, so that a rating reads the same to everyone who sees it.
RATINGS: dict[int, str] = {
    1: "Worse",
    2: "No change",
    3: "Some progress",
    4: "Good progress",
    5: "Goal met",
}


class SectionError(ValueError):
    """Sections that do not fit the note's format."""


def sections_of(note_format: str) -> tuple[Section, ...]:
    try:
        return FORMATS[note_format]
    except KeyError:
        raise SectionError(f"{note_format!r} is not a note format (DAP, SOAP or BIRP).") from None


def clean_sections(note_format: str, sections: Mapping[str, Any]) -> dict[str, str]:
    """The format's sections in order, each stripped text; an unknown section is refused."""
    names = [s.name for s in sections_of(note_format)]
    unknown = sorted(set(sections) - set(names))
    if unknown:
        label = note_format.upper()
        raise SectionError(f"{label} notes have no section {', '.join(map(repr, unknown))}.")
    for name, text in sections.items():
        if not isinstance(text, str):
            raise SectionError(f"The {name} section must be text.")
    return {name: str(sections.get(name, "")).strip() for name in names}


def missing_sections(note_format: str, sections: Mapping[str, str]) -> list[str]:
    return [s.label for s in sections_of(note_format) if not sections.get(s.name, "").strip()]


def carry_sections(old_format: str, sections: Mapping[str, str], new_format: str) -> dict[str, str]:
    """Sections for a note switched to another format, losing no text: a section of the same
    name keeps its text; text of the others goes, under its old heading, to the first section."""
    new = sections_of(new_format)
    carried = {s.name: sections.get(s.name, "") for s in new}
    names = {s.name for s in new}
    leftovers = [
        f"[{s.label}] {sections[s.name].strip()}"
        for s in sections_of(old_format)
        if s.name not in names and sections.get(s.name, "").strip()
    ]
    if leftovers:
        first = new[0].name
        carried[first] = "\n\n".join([*leftovers, carried[first]]).strip()
    return carried


def rating_label(rating: int) -> str:
    return RATINGS.get(rating, "")


def canonical_json(content: Any) -> str:
    """One text for one content, whatever the key order or the database it came from."""
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_hash(content: Any) -> str:
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()
