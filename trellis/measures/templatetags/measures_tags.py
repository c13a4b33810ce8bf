"""Readable names for what scoring stores as codes."""

import re

from django import template

from trellis.core.measures import builtin_instruments

register = template.Library()

_ITEM = re.compile(r"^item(\d+)_positive$")


@register.filter
def flag_label(flag: str) -> str:
    """'item9_positive' -> 'Item 9 positive'; 'positive_screen_men' -> 'Positive screen (men)'."""
    found = _ITEM.match(flag)
    if found:
        return f"Item {found.group(1)} positive"
    words = flag.split("_")
    if words[-1] in {"women", "men"}:
        return " ".join(words[:-1]).capitalize() + f" ({words[-1]})"
    return " ".join(words).capitalize()


@register.filter
def severity_label(severity: str, instrument_id: str) -> str:
    """The manual's own label with its capitals ('Zone I'); scoring stores it lower case."""
    if not severity:
        return ""
    instrument = builtin_instruments().get(instrument_id)
    if instrument is not None:
        for band in instrument.bands:
            if band.label.lower() == severity:
                return band.label
        for rule in instrument.screen:
            if rule.label.lower() == severity:
                return rule.label
    return severity


@register.filter
def full_name(instrument_id: str, names: dict[str, str] | None = None) -> str:
    """'PHQ-9' -> 'PHQ-9 — Patient Health Questionnaire-9' (the practice's names, else the
    shipped ones); the id alone if neither knows it."""
    name = (names or {}).get(instrument_id)
    if name is None:
        shipped = builtin_instruments().get(instrument_id)
        name = shipped.name if shipped is not None else None
    return f"{instrument_id} — {name}" if name and name != instrument_id else instrument_id
