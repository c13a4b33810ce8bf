"""Load instrument files (YAML or JSON) into ``Instrument``, refusing anything doubtful.

A practice can add its own instrument without code, so the file is the contract: every
field is checked, every error names the file and the field path, and every number must
sit in a block whose ``source:`` names an entry of the file's ``references`` list.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Literal, cast

from trellis.core.datafile import DecodeError, decode

from ._reader import Node, optional_number, optional_text
from .errors import InstrumentFileError
from .fhir import instrument_from_fhir
from .schema import (
    AppliesTo,
    Band,
    ChangeStats,
    ClusterCount,
    ClusterRule,
    Condition,
    CriticalItem,
    Cutoff,
    Instrument,
    Item,
    Licence,
    Loinc,
    MissingRule,
    Norms,
    Option,
    ProrateScope,
    Reference,
    ScreenRule,
    Subscale,
)

ROOT_REQUIRED = ("id", "name", "references", "licence", "scoring", "items")
ROOT_OPTIONAL = (
    "construct",
    "instructions",
    "notes",
    "loinc",
    "bands",
    "subscales",
    "critical",
    "cutoffs",
    "cluster_rules",
    "screen",
    "conditional",
    "missing",
    "change",
)
LOINC_CODE = re.compile(r"^\d{1,7}-\d$")
YEAR_IN_TEXT = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def load_instrument(path: str | os.PathLike[str]) -> Instrument:
    """Read one instrument file: our YAML/JSON format, or a FHIR R4 Questionnaire in JSON."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise InstrumentFileError(file.name, "", f"cannot be read ({exc.strerror})") from exc
    return parse_text(text, file.name)


def parse_text(text: str, file: str) -> Instrument:
    """Decode and validate file content; ``file`` is the name used in error messages."""
    data = _decode(text, file)
    if isinstance(data, Mapping) and data.get("resourceType") == "Questionnaire":
        return instrument_from_fhir(data, source=file)
    return parse_instrument(data, file)


def builtin_instruments() -> dict[str, Instrument]:
    """The instruments shipped in ``trellis/data/instruments``, keyed by id (``PHQ-9``)."""
    return dict(_builtin())


@functools.cache
def _builtin() -> dict[str, Instrument]:
    """Loaded once per process: the shipped files do not change while it runs."""
    folder = resources.files("trellis").joinpath("data", "instruments")
    found: dict[str, Instrument] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith((".yaml", ".yml", ".json")):
            continue
        instrument = parse_text(entry.read_text(encoding="utf-8"), entry.name)
        if instrument.id in found:
            other = found[instrument.id].source_file
            raise InstrumentFileError(
                entry.name, "id", f"{instrument.id!r} is also used by {other}"
            )
        found[instrument.id] = instrument
    return found


def _decode(text: str, file: str) -> object:
    """JSON for .json files, YAML for everything else; errors name the line."""
    try:
        return decode(text, file)
    except DecodeError as exc:
        raise InstrumentFileError(file, exc.where, exc.problem) from exc


def parse_instrument(data: object, file: str) -> Instrument:
    """Validate decoded file content and build the instrument."""
    fields = Node(data, "", file).fields(ROOT_REQUIRED, ROOT_OPTIONAL)
    references = _references(fields["references"])
    scoring = fields["scoring"].fields(
        ("source", "higher_is", "options", "range"),
        ("option_sets", "reverse", "multiplier", "note"),
    )
    items = _items(fields, scoring)
    count = len(items)
    multiplier = scoring["multiplier"].number() if "multiplier" in scoring else 1
    if multiplier <= 0:
        scoring["multiplier"].fail("must be above 0")
    higher_is_better = scoring["higher_is"].choice(("worse", "better")) == "better"
    # The draft knows the score range that bands, cut-offs and caseness must lie within.
    draft = Instrument(id="", name="", items=items, multiplier=multiplier)
    _check_range(scoring["range"], draft.min_score, draft.max_score)
    subscales = _subscales(fields, draft, higher_is_better)
    instrument = Instrument(
        id=fields["id"].text(),
        name=fields["name"].text(),
        items=items,
        multiplier=multiplier,
        higher_is_better=higher_is_better,
        bands=_optional_bands(fields, "bands", draft.min_score, draft.max_score),
        subscales=subscales,
        critical=_critical(fields["critical"], items) if "critical" in fields else (),
        cutoffs=_cutoffs(fields["cutoffs"], draft) if "cutoffs" in fields else (),
        cluster_rules=_cluster_rules(fields["cluster_rules"], items, subscales)
        if "cluster_rules" in fields
        else (),
        screen=_screen(fields["screen"], count) if "screen" in fields else (),
        missing=_missing(fields["missing"], items, subscales)
        if "missing" in fields
        else MissingRule(),
        change=_change(fields.get("change"), draft.min_score, draft.max_score, higher_is_better),
        licence=_licence(fields["licence"]),
        loinc=_loinc(fields["loinc"]) if "loinc" in fields else Loinc(),
        references=references,
        instructions=optional_text(fields, "instructions"),
        source_file=file,
    )
    if instrument.bands and instrument.screen:
        fields["screen"].fail("an instrument has either severity bands or screen rules, not both")
    cited = _check_citations(Node(data, "", file), {reference.id for reference in references})
    _check_references(fields["references"], cited)
    return instrument


def _items(fields: Mapping[str, Node], scoring: Mapping[str, Node]) -> tuple[Item, ...]:
    """The questions with their options, reverse scoring and ask-only-if conditions."""
    texts = _item_texts(fields["items"], _option_sets(scoring))
    count = len(texts)
    reverse = _numbers(scoring["reverse"], count, allow_empty=True) if "reverse" in scoring else ()
    asked_if = _conditional(fields["conditional"], count) if "conditional" in fields else {}
    return tuple(
        Item(number, text, options, number in reverse, asked_if.get(number))
        for number, (text, options) in enumerate(texts, start=1)
    )


def _references(node: Node) -> tuple[Reference, ...]:
    """The bibliography every ``source:`` must point into."""
    found: dict[str, Reference] = {}
    for entry in node.entries():
        fields = entry.fields(("id", "citation"), ("year", "url", "doi", "note"))
        year = fields["year"].integer() if "year" in fields else None
        if year is not None and not 1800 <= year <= 2100:
            fields["year"].fail("must be a year such as 2001")
        reference = Reference(
            fields["id"].text(),
            fields["citation"].text(),
            optional_text(fields, "url"),
            year=year or _year_in(fields["citation"].text()),
        )
        if reference.id in found:
            fields["id"].fail(f"reference id {reference.id!r} is used twice")
        found[reference.id] = reference
    return tuple(found.values())


def _options(node: Node) -> tuple[Option, ...]:
    """A response scale: each option has a text and a distinct whole-number value."""
    options: list[Option] = []
    for entry in node.entries():
        fields = entry.fields(("value", "text"), ("note",))
        option = Option(fields["value"].integer(), fields["text"].text())
        if any(existing.value == option.value for existing in options):
            fields["value"].fail(f"value {option.value} is used by another option")
        options.append(option)
    return tuple(options)


def _option_sets(scoring: Mapping[str, Node]) -> dict[str, tuple[Option, ...]]:
    """The default response scale plus any named ones items may ask for."""
    sets = {"default": _options(scoring["options"])}
    if "option_sets" in scoring:
        node = scoring["option_sets"]
        if not isinstance(node.value, Mapping):
            node.fail("must map a name to a list of options")
        for name, value in node.value.items():
            sets[str(name)] = _options(node.child(str(name), value))
    return sets


def _item_texts(
    node: Node, option_sets: Mapping[str, tuple[Option, ...]]
) -> list[tuple[str, tuple[Option, ...]]]:
    """Each item's wording and response options, in order."""
    texts: list[tuple[str, tuple[Option, ...]]] = []
    for entry in node.entries():
        fields = entry.fields(("text",), ("options", "note"))
        name = fields["options"].text() if "options" in fields else "default"
        if name not in option_sets:
            known = ", ".join(sorted(option_sets))
            fields["options"].fail(f"no option set named {name!r} (scoring has: {known})")
        texts.append((fields["text"].text(), option_sets[name]))
    return texts


def _number(node: Node, count: int) -> int:
    """One item number: 1-based and within the instrument."""
    number = node.integer()
    if not 1 <= number <= count:
        node.fail(f"item {number} does not exist (items are 1-{count})")
    return number


def _numbers(node: Node, count: int, *, allow_empty: bool = False) -> tuple[int, ...]:
    """Item numbers: 1-based, within the instrument, each at most once."""
    numbers: list[int] = []
    for entry in node.entries(allow_empty=allow_empty):
        number = _number(entry, count)
        if number in numbers:
            entry.fail(f"item {number} is listed twice")
        numbers.append(number)
    return tuple(numbers)


def _conditional(node: Node, count: int) -> dict[int, Condition]:
    """Items asked only after certain answers (ASQ item 5): missing is fine when not asked."""
    found: dict[int, Condition] = {}
    for entry in node.entries():
        fields = entry.fields(("item", "asked_if_any", "at_least", "source"), ("note",))
        item = _number(fields["item"], count)
        on = _numbers(fields["asked_if_any"], count)
        if any(number >= item for number in on):
            fields["asked_if_any"].fail(f"item {item} can only depend on items before it")
        if item in found:
            fields["item"].fail(f"item {item} already has a condition")
        found[item] = Condition(on, fields["at_least"].integer())
    return found


def _check_range(node: Node, low: float, high: float) -> None:
    """The file states the range; a mismatch means an item or option is wrong."""
    entries = node.entries()
    if len(entries) != 2:
        node.fail("must be [lowest, highest]")
    declared = (entries[0].number(), entries[1].number())
    if declared != (low, high):
        node.fail(
            f"declares {_show(declared[0])}-{_show(declared[1])} but the items and "
            f"multiplier give {_show(low)}-{_show(high)}"
        )


def _optional_bands(
    fields: Mapping[str, Node], key: str, low: float, high: float
) -> tuple[Band, ...]:
    """Severity bands if the file has them."""
    return _bands(fields[key], low, high) if key in fields else ()


def _bands(node: Node, low: float, high: float) -> tuple[Band, ...]:
    """Bands in ascending order, inside the score range, without overlaps or gaps."""
    bands: list[Band] = []
    for entry in node.entries():
        fields = entry.fields(("min", "max", "label", "source"), ("note",))
        band = Band(fields["min"].number(), fields["max"].number(), fields["label"].text())
        if band.max < band.min:
            fields["max"].fail("must be >= min")
        if band.min < low or band.max > high:
            entry.fail(f"lies outside the score range {_show(low)}-{_show(high)}")
        if bands and band.min <= bands[-1].max:
            fields["min"].fail(
                f"overlaps the band before it (which ends at {_show(bands[-1].max)})"
            )
        if bands and band.min > bands[-1].max + 1:
            fields["min"].fail(
                f"leaves a gap after the band before it (which ends at {_show(bands[-1].max)})"
            )
        bands.append(band)
    return tuple(bands)


def _subscales(
    fields: Mapping[str, Node], draft: Instrument, higher_is_better: bool
) -> tuple[Subscale, ...]:
    """Named subsets of items, each with its own bands and change statistics if published."""
    if "subscales" not in fields:
        return ()
    found: list[Subscale] = []
    for entry in fields["subscales"].entries():
        sub = entry.fields(("id", "name", "items", "source"), ("bands", "change", "note"))
        numbers = _numbers(sub["items"], len(draft.items))
        low, high = draft.range_of(numbers)
        subscale = Subscale(
            id=sub["id"].text(),
            name=sub["name"].text(),
            items=numbers,
            bands=_optional_bands(sub, "bands", low, high),
            change=_change(sub.get("change"), low, high, higher_is_better),
        )
        if any(other.id == subscale.id for other in found):
            sub["id"].fail(f"subscale id {subscale.id!r} is used twice")
        found.append(subscale)
    return tuple(found)


def _critical(node: Node, items: tuple[Item, ...]) -> tuple[CriticalItem, ...]:
    """Answers that raise a flag whatever the total."""
    found: list[CriticalItem] = []
    for entry in node.entries():
        fields = entry.fields(("item", "at_least", "flag", "source"), ("note",))
        number = _number(fields["item"], len(items))
        at_least = fields["at_least"].integer()
        highest = items[number - 1].highest
        if at_least > highest:
            fields["at_least"].fail(
                f"can never be reached (item {number}'s options go up to {highest})"
            )
        found.append(CriticalItem(number, at_least, _flag(fields["flag"])))
    return tuple(found)


def _flag(node: Node) -> str:
    """Flags are machine-readable words: lower case, digits and underscores."""
    flag = node.text()
    if not re.fullmatch(r"[a-z0-9_]+", flag):
        node.fail("must be lower case letters, digits and underscores (e.g. item9_positive)")
    return flag


def _cutoffs(node: Node, draft: Instrument) -> tuple[Cutoff, ...]:
    """Published cut-offs on the total, with the population they were validated in."""
    found: list[Cutoff] = []
    for entry in node.entries():
        fields = entry.fields(
            ("at_least", "label", "source"),
            ("flag", "population", "at_least_high", "applies_to", "note"),
        )
        cutoff = Cutoff(
            at_least=fields["at_least"].number(),
            label=fields["label"].text(),
            flag=_flag(fields["flag"]) if "flag" in fields else None,
            population=optional_text(fields, "population"),
            at_least_high=optional_number(fields, "at_least_high"),
            applies_to=_applies_to(fields["applies_to"]) if "applies_to" in fields else None,
        )
        if not draft.min_score <= cutoff.at_least <= draft.max_score:
            fields["at_least"].fail(
                f"lies outside the score range {_show(draft.min_score)}-{_show(draft.max_score)}"
            )
        if cutoff.at_least_high is not None and cutoff.at_least_high < cutoff.at_least:
            fields["at_least_high"].fail("must be >= at_least")
        found.append(cutoff)
    return tuple(found)


def _cluster_rules(
    node: Node, items: tuple[Item, ...], subscales: tuple[Subscale, ...]
) -> tuple[ClusterRule, ...]:
    """Symptom-pattern rules over subscales, e.g. the PCL-5's DSM-5 provisional diagnosis.

    ``{flag, label, item_at_least, clusters: [{subscale: B, at_least: 1}, ...], source}``.
    """
    by_id = {subscale.id: subscale for subscale in subscales}
    found: list[ClusterRule] = []
    for entry in node.entries():
        fields = entry.fields(("flag", "label", "item_at_least", "clusters", "source"), ("note",))
        threshold = fields["item_at_least"].integer()
        highest = min(item.highest for item in items)
        if not 0 < threshold <= highest:
            fields["item_at_least"].fail(f"must be between 1 and {highest} (the items' options)")
        clusters: list[ClusterCount] = []
        for cluster_node in fields["clusters"].entries():
            cluster = cluster_node.fields(("subscale", "at_least"), ("note",))
            name = cluster["subscale"].text()
            if name not in by_id:
                known = ", ".join(by_id) or "none"
                cluster["subscale"].fail(f"unknown subscale {name!r} (subscales: {known})")
            count = cluster["at_least"].integer()
            size = len(by_id[name].items)
            if not 1 <= count <= size:
                cluster["at_least"].fail(f"must be between 1 and {size}, the items in {name}")
            clusters.append(ClusterCount(name, by_id[name].items, count))
        if not clusters:
            fields["clusters"].fail("must name at least one subscale")
        found.append(
            ClusterRule(_flag(fields["flag"]), fields["label"].text(), threshold, tuple(clusters))
        )
    return tuple(found)


def _applies_to(node: Node) -> AppliesTo:
    """Who a cut-off is for: ``{sex: female}``, ``{sex: male, min_age: 65}``, ``{max_age: 64}``.

    Ages are whole years on the day of the administration, inclusive at both ends.
    """
    fields = node.fields((), ("sex", "min_age", "max_age"))
    if not fields:
        node.fail("must name a sex (female or male), a min_age or a max_age")
    sex = fields["sex"].choice(("female", "male")) if "sex" in fields else None
    ages: dict[str, int | None] = {}
    for key in ("min_age", "max_age"):
        if key not in fields:
            ages[key] = None
            continue
        age = fields[key].integer()
        if not 0 <= age <= 130:
            fields[key].fail("must be an age in whole years, 0-130")
        ages[key] = age
    low, high = ages["min_age"], ages["max_age"]
    if low is not None and high is not None and high < low:
        fields["max_age"].fail(f"must be >= min_age ({low})")
    return AppliesTo(sex=cast("Literal['female', 'male'] | None", sex), min_age=low, max_age=high)


def _screen(node: Node, count: int) -> tuple[ScreenRule, ...]:
    """A screener's decision rule: ordered steps, the first that holds gives the result."""
    entries = node.entries()
    rules: list[ScreenRule] = []
    for index, entry in enumerate(entries):
        fields = entry.fields(("label", "source"), ("any_of", "at_least", "note"))
        last = index == len(entries) - 1
        if "any_of" not in fields:
            if not last:
                entry.fail("only the last rule may omit any_of (it is the 'otherwise' result)")
            rules.append(ScreenRule(fields["label"].text(), None))
            continue
        if "at_least" not in fields:
            entry.child("at_least", None).fail("is required with any_of")
        condition = Condition(_numbers(fields["any_of"], count), fields["at_least"].integer())
        rules.append(ScreenRule(fields["label"].text(), condition))
    if rules[-1].condition is not None:
        entries[-1].fail("the last rule must omit any_of: it is the result when no rule holds")
    return tuple(rules)


def _missing(node: Node, items: tuple[Item, ...], subscales: tuple[Subscale, ...]) -> MissingRule:
    """The manual's rule for unanswered items; anything it does not allow is rejected."""
    fields = node.fields(
        ("rule",), ("source", "max_missing", "per", "value", "items", "basis", "note")
    )
    kind = fields["rule"].choice(("reject", "prorate", "count_as"))
    allowed: dict[str, set[str]] = {
        "reject": set(),
        "prorate": {"max_missing", "per"},
        "count_as": {"value", "items"},
    }
    for key in ("max_missing", "per", "value", "items"):
        if key in fields and key not in allowed[kind]:
            fields[key].fail(f"is not used when rule is {kind}")
    if kind == "reject":
        return MissingRule()
    if "source" not in fields:
        node.child("source", None).fail(f"is required: a {kind} rule must cite the manual")
    basis = "published"
    if "basis" in fields:
        basis = fields["basis"].choice(("published", "team_reading"))
    if kind == "prorate":
        rule = _prorate(node, fields, items, subscales)
        return MissingRule(rule.kind, rule.max_missing, rule.per, basis=_basis(basis))
    for key in ("value", "items"):
        if key not in fields:
            node.child(key, None).fail("is required when rule is count_as")
    numbers = _numbers(fields["items"], len(items))
    value = fields["value"].integer()
    for number in numbers:
        if value not in items[number - 1].values:
            fields["value"].fail(f"{value} is not an option of item {number}")
    return MissingRule(kind="count_as", value=value, items=numbers, basis=_basis(basis))


def _basis(word: str) -> Literal["published", "team_reading"]:
    """The checked choice, typed."""
    return "team_reading" if word == "team_reading" else "published"


def _prorate(
    node: Node, fields: Mapping[str, Node], items: tuple[Item, ...], subscales: tuple[Subscale, ...]
) -> MissingRule:
    """How many answers may be filled in from the others, and within what."""
    if "max_missing" not in fields:
        node.child("max_missing", None).fail("is required when rule is prorate")
    max_missing = fields["max_missing"].integer()
    per: ProrateScope = "total"
    if "per" in fields and fields["per"].choice(("total", "subscale")) == "subscale":
        per = "subscale"
    group_sizes = [len(s.items) for s in subscales] if per == "subscale" else [len(items)]
    if not 1 <= max_missing < min(group_sizes):
        fields["max_missing"].fail("must be at least 1 and leave at least one answer per group")
    if per == "subscale":
        covered = sorted(number for subscale in subscales for number in subscale.items)
        if covered != list(range(1, len(items) + 1)):
            fields["per"].fail("prorating per subscale needs subscales that hold every item once")
    return MissingRule(kind="prorate", max_missing=max_missing, per=per)


def _change(node: Node | None, low: float, high: float, higher_is_better: bool) -> ChangeStats:
    """Published statistics for judging change; what the file leaves null stays unknown."""
    if node is None or node.is_null:
        return ChangeStats()
    fields = node.fields((), ("sd", "reliability", "reliable_change", "caseness", "norms", "note"))
    sd = _stat(fields, "sd", "value", ("note",))
    if sd is not None and sd <= 0:
        fields["sd"].child("value", sd).fail("must be above 0")
    reliability = _stat(fields, "reliability", "value", ("kind", "note"))
    if reliability is not None and not 0 < reliability < 1:
        fields["reliability"].child("value", reliability).fail("must be between 0 and 1")
    points = _stat(fields, "reliable_change", "points", ("note",))
    if points is not None and points <= 0:
        fields["reliable_change"].child("points", points).fail("must be above 0")
    _one_basis(fields, points, sd, reliability)
    at_least, at_most = _caseness(fields.get("caseness"), low, high, higher_is_better)
    return ChangeStats(
        sd=sd,
        reliability=reliability,
        reliable_change_points=points,
        caseness_at_least=at_least,
        caseness_at_most=at_most,
        norms=_norms(fields.get("norms"), higher_is_better),
    )


def _one_basis(
    fields: Mapping[str, Node], points: float | None, sd: float | None, reliability: float | None
) -> None:
    """Reliable change rests on one basis, from one sample, so two verdicts never disagree.

    A points threshold beside an RCI lets the page show |RCI| > 1.96 next to "not reliable"
    (the PHQ-9 once did, 18 -> 13); an SD from one sample with an alpha from another gives
    an RCI that describes neither (Jacobson & Truax 1991 take both from the same data).
    """
    if points is not None and (sd is not None or reliability is not None):
        fields["reliable_change"].fail(
            "give one basis for reliable change: a published points threshold, or an SD and "
            "a reliability for the RCI, not both (they can disagree on the same page)"
        )
    if (sd is None) != (reliability is None):
        missing = "reliability" if reliability is None else "sd"
        fields[missing if missing in fields else "sd"].fail(
            "the RCI needs both an sd and a reliability; give both or neither"
        )
    if sd is not None and reliability is not None:
        sources = [
            cast(Mapping[str, object], fields[key].value)["source"] for key in ("sd", "reliability")
        ]
        if sources[0] != sources[1]:
            fields["reliability"].fail(
                "the SD and the reliability must come from one sample (the same source); "
                f"got {sources[0]!r} and {sources[1]!r}"
            )


def _stat(
    fields: Mapping[str, Node], key: str, value_key: str, extra: tuple[str, ...]
) -> float | None:
    """One cited statistic (``{value: 0.89, source: ...}``), or None when null or absent."""
    node = fields.get(key)
    if node is None or node.is_null:
        return None
    stat = node.fields(("source",), (value_key, *extra))
    return optional_number(stat, value_key)


def _caseness(
    node: Node | None, low: float, high: float, higher_is_better: bool
) -> tuple[float | None, float | None]:
    """The clinical cut-off that defines a case, in the direction that means 'unwell'."""
    if node is None or node.is_null:
        return None, None
    fields = node.fields(("source",), ("at_least", "at_most", "note"))
    wanted = "at_most" if higher_is_better else "at_least"
    unwanted = "at_least" if higher_is_better else "at_most"
    if unwanted in fields:
        direction = "better" if higher_is_better else "worse"
        fields[unwanted].fail(f"higher is {direction} here, so caseness is given as {wanted}")
    if wanted not in fields:
        node.child(wanted, None).fail("is required")
    value = fields[wanted].number()
    if not low <= value <= high:
        fields[wanted].fail(f"lies outside the score range {_show(low)}-{_show(high)}")
    return (None, value) if higher_is_better else (value, None)


def _norms(node: Node | None, higher_is_better: bool) -> Norms | None:
    """Clinical and non-clinical means and SDs for Jacobson-Truax criterion c."""
    if node is None or node.is_null:
        return None
    fields = node.fields(("clinical", "nonclinical", "source"), ("note",))
    groups = []
    for key in ("clinical", "nonclinical"):
        group = fields[key].fields(("mean", "sd"), ("n", "note"))
        mean, sd = group["mean"].number(), group["sd"].number()
        if sd <= 0:
            group["sd"].fail("must be above 0")
        groups.append((mean, sd))
    (clinical_mean, clinical_sd), (nonclinical_mean, nonclinical_sd) = groups
    if (clinical_mean < nonclinical_mean) != higher_is_better:
        fields["clinical"].fail(
            "the clinical mean must lie on the unwell side of the non-clinical mean"
        )
    return Norms(clinical_mean, clinical_sd, nonclinical_mean, nonclinical_sd)


def _licence(node: Node) -> Licence:
    """What the instrument's use rests on: status, the terms, and where they are stated."""
    fields = node.fields(("status", "text", "source"), ("note",))
    return Licence(fields["status"].text(), fields["text"].text(), fields["source"].texts())


def _loinc(node: Node) -> Loinc:
    """LOINC codes, or null with a note saying why none is given."""
    fields = node.fields((), ("panel", "total", "source", "note"))
    codes: list[str | None] = []
    for key in ("panel", "total"):
        code = optional_text(fields, key)
        if code is not None and not LOINC_CODE.match(code):
            fields[key].fail(f"{code!r} is not a LOINC code (like 44261-6)")
        codes.append(code)
    if any(codes) and "source" not in fields:
        node.child("source", None).fail("is required when a LOINC code is given")
    return Loinc(codes[0], codes[1], optional_text(fields, "note"))


def _year_in(citation: str) -> int | None:
    """The publication year a citation states ("... Arch Intern Med. 1998;158 ..."), if any."""
    found = YEAR_IN_TEXT.search(citation)
    return int(found.group(1)) if found else None


def _check_references(node: Node, cited: set[str]) -> None:
    """Each reference has a year and backs at least one number or claim in the file.

    An uncited reference hides which number it was meant to support; an undated one cannot
    be found again or judged for currency.
    """
    for entry in node.entries():
        fields = entry.fields(("id", "citation"), ("year", "url", "doi", "note"))
        reference_id = fields["id"].text()
        if reference_id not in cited:
            fields["id"].fail(
                f"reference {reference_id!r} is cited by no `source:`: cite it where its "
                "number is used, or remove it"
            )
        if "year" not in fields and _year_in(fields["citation"].text()) is None:
            fields["citation"].fail(
                f"reference {reference_id!r} has no year: add `year:` (for an undated web "
                "page, the year its content was checked)"
            )


def _check_citations(root: Node, known: set[str]) -> set[str]:
    """Every number must sit below a block whose ``source`` resolves to a reference.

    Returns the reference ids that some ``source`` names.
    """
    cited: set[str] = set()
    if not isinstance(root.value, Mapping):
        return cited
    for key, value in root.value.items():
        if key != "references":
            _walk_citations(root.child(str(key), value), known, cited_ids=cited, cited=False)
    return cited


def _walk_citations(node: Node, known: set[str], *, cited_ids: set[str], cited: bool) -> None:
    """Depth-first walk; a block's own ``source`` covers everything inside it."""
    value = node.value
    if isinstance(value, Mapping):
        mapping = cast(Mapping[str, object], value)
        if "source" in mapping:
            cited_ids.update(_check_source(node.child("source", mapping["source"]), known))
            cited = True
        for key, child in mapping.items():
            if key != "source":
                _walk_citations(
                    node.child(str(key), child), known, cited_ids=cited_ids, cited=cited
                )
    elif isinstance(value, list):
        for index, child in enumerate(value):
            _walk_citations(node.child(index, child), known, cited_ids=cited_ids, cited=cited)
    elif isinstance(value, int | float) and not isinstance(value, bool) and not cited:
        node.fail("this number has no citation: add `source:` to the block that holds it")


def _check_source(node: Node, known: set[str]) -> list[str]:
    """A ``source`` is a reference id, or a list of them, each listed in ``references``."""
    ids = node.entries() if isinstance(node.value, list) else [node]
    found: list[str] = []
    for entry in ids:
        reference = entry.text()
        if reference not in known:
            listed = ", ".join(sorted(known))
            entry.fail(f"unknown reference {reference!r} (references: {listed})")
        found.append(reference)
    return found


def _show(value: float) -> str:
    """Numbers in messages: 27, not 27.0."""
    return str(int(value)) if float(value).is_integer() else str(value)


def instrument_key(name: str) -> str:
    """'phq9', 'PHQ 9' and 'PHQ-9' all name the PHQ-9: case, spaces and hyphens ignored."""
    return "".join(ch for ch in name.upper() if ch.isalnum())


def find_instrument(instruments: Mapping[str, Instrument], name: str) -> Instrument | None:
    """The instrument ``name`` means, typed loosely, among ``instruments``; None if none."""
    wanted = instrument_key(name)
    for instrument_id, instrument in instruments.items():
        if instrument_key(instrument_id) == wanted:
            return instrument
    return None
