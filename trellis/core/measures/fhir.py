"""Import a FHIR R4 Questionnaire whose answer options carry scores.

Other systems publish instruments as Questionnaires; when each answer option carries a
score (the ``itemWeight`` extension, or R4's older ``ordinalValue``), we can score it like
our own files. Plain dicts in, no ``fhir.resources`` needed: the core stays dependency-free.
Bands and change statistics are not part of a Questionnaire, so they are absent; a
practice adds them by writing the instrument as one of our data files instead. A critical
item (an answer that must alert whatever the total, like PHQ-9 item 9) is declared with
Trellis's item extension ``CRITICAL_AT_LEAST``: ``{"url": CRITICAL_AT_LEAST,
"valueInteger": 1}`` alerts on any answer scoring 1 or more on that item, raising the flag
``item<N>_positive``. ``enableWhen`` is not interpreted: every scored item must be answered
(missing = reject).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ._reader import Node
from .schema import CriticalItem, Instrument, Item, Licence, Loinc, Option

ITEM_WEIGHT = "http://hl7.org/fhir/StructureDefinition/itemWeight"
ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
SCORE_EXTENSIONS = (ITEM_WEIGHT, ORDINAL_VALUE)
LOINC_SYSTEM = "http://loinc.org"
CHOICE_TYPES = ("choice", "coding", "open-choice")
CRITICAL_AT_LEAST = "https://trellis.invalid/fhir/StructureDefinition/critical-at-least"


def instrument_from_fhir(
    resource: Mapping[str, object], source: str = "questionnaire"
) -> Instrument:
    """Build an instrument from a Questionnaire; ``source`` names it in error messages."""
    root = Node(resource, "", source)
    if not isinstance(resource, Mapping) or resource.get("resourceType") != "Questionnaire":
        root.child("resourceType", None).fail("must be 'Questionnaire'")
    items: list[Item] = []
    critical: list[CriticalItem] = []
    for node in _scored_items(root):
        item = _item(node, len(items) + 1)
        items.append(item)
        threshold = _critical_at_least(node, item)
        if threshold is not None:
            critical.append(CriticalItem(item.number, threshold, f"item{item.number}_positive"))
    if not items:
        root.child("item", None).fail("has no choice items whose answer options carry scores")
    title = _text(resource.get("title"))
    ident = _text(resource.get("name")) or _text(resource.get("id")) or title
    if ident is None:
        root.child("name", None).fail("is required (or id, or title) to identify the instrument")
    copyright_text = _text(resource.get("copyright"))
    return Instrument(
        id=ident,
        name=title or ident,
        items=tuple(items),
        critical=tuple(critical),
        licence=Licence("as stated in the Questionnaire", copyright_text)
        if copyright_text
        else None,
        loinc=Loinc(panel=_loinc(resource.get("code"))),
        source_file=source,
    )


def _scored_items(parent: Node) -> Iterator[Node]:
    """Choice items in questionnaire order, looking inside groups; display text is skipped."""
    value = parent.value
    children = value.get("item") if isinstance(value, Mapping) else None
    if children is None:
        return
    for node in parent.child("item", children).entries(allow_empty=True):
        fields = node.value if isinstance(node.value, Mapping) else {}
        if fields.get("type") in CHOICE_TYPES or "answerOption" in fields:
            yield node
        yield from _scored_items(node)


def _item(node: Node, number: int) -> Item:
    """One scored item: every answer option must carry a distinct whole-number score."""
    fields = node.fields(("linkId",), strict=False)
    if "answerOption" not in fields:
        node.child("answerOption", None).fail(
            "is required: scores are read from answer options (answerValueSet is not supported)"
        )
    options: list[Option] = []
    for entry in fields["answerOption"].entries():
        option = Option(_weight(entry), _option_text(entry))
        if any(existing.value == option.value for existing in options):
            entry.fail(f"score {option.value} is used by another option of this item")
        options.append(option)
    text = _text(fields["text"].value) if "text" in fields else None
    return Item(number, text or fields["linkId"].text(), tuple(options))


def _critical_at_least(node: Node, item: Item) -> int | None:
    """The item's critical threshold, if it declares one; it must be one of its scores."""
    extensions = node.value.get("extension") if isinstance(node.value, Mapping) else None
    for extension in extensions if isinstance(extensions, list) else []:
        if isinstance(extension, Mapping) and extension.get("url") == CRITICAL_AT_LEAST:
            value = extension.get("valueInteger")
            where = node.child("extension", extensions)
            if isinstance(value, bool) or not isinstance(value, int):
                where.fail(f"{CRITICAL_AT_LEAST} needs a valueInteger (the lowest alerting score)")
            if value not in item.values or value <= item.lowest:
                where.fail(
                    f"critical-at-least {value} must be one of the item's scores above its lowest"
                )
            return value
    return None


def _weight(entry: Node) -> int:
    """The option's score from itemWeight or ordinalValue, on the option or its coding."""
    option = entry.value if isinstance(entry.value, Mapping) else {}
    coding = option.get("valueCoding")
    places = (option, coding) if isinstance(coding, Mapping) else (option,)
    for place in places:
        extensions = place.get("extension")
        for extension in extensions if isinstance(extensions, list) else []:
            if isinstance(extension, Mapping) and extension.get("url") in SCORE_EXTENSIONS:
                return _whole(entry, extension)
    entry.fail("has no score: add an itemWeight or ordinalValue extension")


def _whole(entry: Node, extension: Mapping[str, object]) -> int:
    """Answers are recorded as scores, so a score must be a whole number."""
    value = extension.get("valueDecimal", extension.get("valueInteger"))
    if isinstance(value, bool) or not isinstance(value, int | float):
        entry.fail(f"{extension.get('url')} needs a valueDecimal or valueInteger")
    if not float(value).is_integer():
        entry.fail(f"score {value} is not a whole number")
    return int(value)


def _option_text(entry: Node) -> str:
    """What the respondent sees for an option."""
    option = entry.value if isinstance(entry.value, Mapping) else {}
    coding = option.get("valueCoding")
    if isinstance(coding, Mapping):
        text = _text(coding.get("display")) or _text(coding.get("code"))
    else:
        value = next((option[key] for key in _VALUE_KEYS if key in option), None)
        text = _text(value) if isinstance(value, str) else None if value is None else str(value)
    if text is None:
        entry.fail("needs a valueCoding, valueString or valueInteger to show the respondent")
    return text


def _loinc(codes: object) -> str | None:
    """The Questionnaire's LOINC code (the panel), if it carries one."""
    for coding in codes if isinstance(codes, list) else []:
        if isinstance(coding, Mapping) and coding.get("system") == LOINC_SYSTEM:
            return _text(coding.get("code"))
    return None


def _text(value: object) -> str | None:
    """A non-empty string, or None."""
    return value if isinstance(value, str) and value.strip() else None


_VALUE_KEYS = ("valueString", "valueInteger", "valueDate", "valueTime")
