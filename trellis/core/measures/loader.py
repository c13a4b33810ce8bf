"""Load instrument files (YAML or JSON) into ``Instrument``, refusing anything doubtful.

A practice can add its own instrument without code, so the file is the contract: every
field is checked, every error names the file and the field path, and every number must
sit in a block whose ``source:`` names an entry of the file's ``references`` list. The
file's shape is its pydantic model (``file_model``, which also publishes the JSON
Schema); the checks here compare fields with each other and with the score range.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import NoReturn, cast

from pydantic import ValidationError

from trellis.core.datafile import DecodeError, decode
from trellis.core.filefields import first_problem

from ._reader import Node
from .errors import InstrumentFileError
from .fhir import instrument_from_fhir
from .file_model import (
    BandEntry,
    CasenessEntry,
    ChangeEntry,
    ClusterRuleEntry,
    ConditionEntry,
    CriticalEntry,
    CutoffEntry,
    InstrumentFile,
    MissingEntry,
    NormsEntry,
    OptionEntry,
    ReferenceEntry,
    ScreenEntry,
    SubscaleEntry,
    UnscoredEntry,
)
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
    Reference,
    ScreenRule,
    Subscale,
    UnscoredItem,
)

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
    """Validate decoded file content and build the instrument.

    The file's shape is checked by its pydantic model (``file_model``), then what needs
    the whole file: the score range, bands, cut-offs, item numbers, citations.
    """
    try:
        model = InstrumentFile.model_validate(data)
    except ValidationError as exc:
        raise InstrumentFileError(file, *first_problem(exc)) from exc
    try:
        instrument = _build(model, file)
        cited = _check_citations(Node(data, "", file), {ref.id for ref in instrument.references})
        _check_references(model.references, cited)
    except _Refusal as exc:
        raise InstrumentFileError(file, exc.path, exc.problem) from None
    return instrument


class _Refusal(Exception):
    """A check across fields failed at ``path``; ``parse_instrument`` adds the file."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(path, problem)
        self.path = path
        self.problem = problem


def _fail(path: str, problem: str) -> NoReturn:
    raise _Refusal(path, problem)


def _build(model: InstrumentFile, file: str) -> Instrument:
    """The instrument, once every rule that compares fields holds."""
    scoring = model.scoring
    items = _items(model)
    higher_is_better = scoring.higher_is == "better"
    # The draft knows the score range that bands, cut-offs and caseness must lie within.
    draft = Instrument(id="", name="", items=items, multiplier=scoring.multiplier)
    low, high = draft.min_score, draft.max_score
    if scoring.range != (low, high):
        _fail(
            "scoring.range",
            f"declares {_show(scoring.range[0])}-{_show(scoring.range[1])} but the items and "
            f"multiplier give {_show(low)}-{_show(high)}",
        )
    subscales = _subscales(model.subscales, draft, higher_is_better)
    loinc = model.loinc
    return Instrument(
        id=model.id,
        name=model.name,
        items=items,
        multiplier=scoring.multiplier,
        higher_is_better=higher_is_better,
        bands=_bands(model.bands, "bands", low, high),
        subscales=subscales,
        critical=_critical(model.critical, items),
        cutoffs=_cutoffs(model.cutoffs, low, high),
        cluster_rules=_cluster_rules(model.cluster_rules, items, subscales),
        screen=_screen(model.screen, len(items)),
        missing=_missing(model.missing, items, subscales),
        change=_change(model.change, "change", low, high, higher_is_better),
        licence=Licence(model.licence.status, model.licence.text, model.licence.source),
        loinc=Loinc(loinc.panel, loinc.total, loinc.note),
        references=_references(model.references),
        instructions=model.instructions,
        source_file=file,
        unscored=_unscored(model.unscored),
    )


def _items(model: InstrumentFile) -> tuple[Item, ...]:
    """The questions with their options, reverse scoring and ask-only-if conditions."""
    scoring = model.scoring
    sets = {"default": _options(scoring.options, "scoring.options")}
    for name, options in scoring.option_sets.items():
        sets[name] = _options(options, f"scoring.option_sets.{name}")
    texts: list[tuple[str, tuple[Option, ...]]] = []
    for index, item in enumerate(model.items):
        name = item.options or "default"
        if name not in sets:
            known = ", ".join(sorted(sets))
            _fail(f"items[{index}].options", f"no option set named {name!r} (scoring has: {known})")
        texts.append((item.text, sets[name]))
    count = len(texts)
    reverse = _numbers(scoring.reverse, "scoring.reverse", count)
    asked_if = _conditional(model.conditional, count)
    return tuple(
        Item(number, text, options, number in reverse, asked_if.get(number))
        for number, (text, options) in enumerate(texts, start=1)
    )


def _unscored(entries: tuple[UnscoredEntry, ...]) -> tuple[UnscoredItem, ...]:
    """Questions outside every score, each with its own id and response options."""
    found: list[UnscoredItem] = []
    for index, entry in enumerate(entries):
        if any(existing.id == entry.id for existing in found):
            _fail(f"unscored[{index}].id", f"id {entry.id!r} is used by another question")
        options = _options(entry.options, f"unscored[{index}].options")
        found.append(UnscoredItem(entry.id, entry.text, options))
    return tuple(found)


def _references(entries: tuple[ReferenceEntry, ...]) -> tuple[Reference, ...]:
    """The bibliography every ``source:`` must point into."""
    found: dict[str, Reference] = {}
    for index, entry in enumerate(entries):
        if entry.id in found:
            _fail(f"references[{index}].id", f"reference id {entry.id!r} is used twice")
        year = entry.year or _year_in(entry.citation)
        found[entry.id] = Reference(entry.id, entry.citation, entry.url, year=year)
    return tuple(found.values())


def _options(entries: tuple[OptionEntry, ...], path: str) -> tuple[Option, ...]:
    """A response scale: each option has a text and a distinct whole-number value."""
    options: list[Option] = []
    for index, entry in enumerate(entries):
        if any(existing.value == entry.value for existing in options):
            _fail(f"{path}[{index}].value", f"value {entry.value} is used by another option")
        options.append(Option(entry.value, entry.text))
    return tuple(options)


def _number(number: int, path: str, count: int) -> int:
    """One item number: 1-based and within the instrument."""
    if not 1 <= number <= count:
        _fail(path, f"item {number} does not exist (items are 1-{count})")
    return number


def _numbers(numbers: tuple[int, ...], path: str, count: int) -> tuple[int, ...]:
    """Item numbers: 1-based, within the instrument, each at most once."""
    for index, number in enumerate(numbers):
        _number(number, f"{path}[{index}]", count)
        if number in numbers[:index]:
            _fail(f"{path}[{index}]", f"item {number} is listed twice")
    return numbers


def _conditional(entries: tuple[ConditionEntry, ...], count: int) -> dict[int, Condition]:
    """Items asked only after certain answers (ASQ item 5): missing is fine when not asked."""
    found: dict[int, Condition] = {}
    for index, entry in enumerate(entries):
        path = f"conditional[{index}]"
        item = _number(entry.item, f"{path}.item", count)
        on = _numbers(entry.asked_if_any, f"{path}.asked_if_any", count)
        if any(number >= item for number in on):
            _fail(f"{path}.asked_if_any", f"item {item} can only depend on items before it")
        if item in found:
            _fail(f"{path}.item", f"item {item} already has a condition")
        found[item] = Condition(on, entry.at_least)
    return found


def _bands(entries: tuple[BandEntry, ...], path: str, low: float, high: float) -> tuple[Band, ...]:
    """Bands in ascending order, inside the score range, without overlaps or gaps."""
    bands: list[Band] = []
    for index, entry in enumerate(entries):
        band = Band(entry.min, entry.max, entry.label)
        if band.min < low or band.max > high:
            _fail(f"{path}[{index}]", f"lies outside the score range {_show(low)}-{_show(high)}")
        if bands and band.min <= bands[-1].max:
            _fail(
                f"{path}[{index}].min",
                f"overlaps the band before it (which ends at {_show(bands[-1].max)})",
            )
        if bands and band.min > bands[-1].max + 1:
            _fail(
                f"{path}[{index}].min",
                f"leaves a gap after the band before it (which ends at {_show(bands[-1].max)})",
            )
        bands.append(band)
    return tuple(bands)


def _subscales(
    entries: tuple[SubscaleEntry, ...], draft: Instrument, higher_is_better: bool
) -> tuple[Subscale, ...]:
    """Named subsets of items, each with its own bands and change statistics if published."""
    found: list[Subscale] = []
    for index, entry in enumerate(entries):
        path = f"subscales[{index}]"
        numbers = _numbers(entry.items, f"{path}.items", len(draft.items))
        low, high = draft.range_of(numbers)
        if any(other.id == entry.id for other in found):
            _fail(f"{path}.id", f"subscale id {entry.id!r} is used twice")
        found.append(
            Subscale(
                id=entry.id,
                name=entry.name,
                items=numbers,
                bands=_bands(entry.bands, f"{path}.bands", low, high),
                change=_change(entry.change, f"{path}.change", low, high, higher_is_better),
            )
        )
    return tuple(found)


def _critical(
    entries: tuple[CriticalEntry, ...], items: tuple[Item, ...]
) -> tuple[CriticalItem, ...]:
    """Answers that raise a flag whatever the total."""
    found: list[CriticalItem] = []
    for index, entry in enumerate(entries):
        path = f"critical[{index}]"
        number = _number(entry.item, f"{path}.item", len(items))
        highest = items[number - 1].highest
        if entry.at_least > highest:
            _fail(
                f"{path}.at_least",
                f"can never be reached (item {number}'s options go up to {highest})",
            )
        found.append(CriticalItem(number, entry.at_least, entry.flag))
    return tuple(found)


def _cutoffs(entries: tuple[CutoffEntry, ...], low: float, high: float) -> tuple[Cutoff, ...]:
    """Published cut-offs on the total, with the population they were validated in."""
    found: list[Cutoff] = []
    for index, entry in enumerate(entries):
        if not low <= entry.at_least <= high:
            _fail(
                f"cutoffs[{index}].at_least",
                f"lies outside the score range {_show(low)}-{_show(high)}",
            )
        who = entry.applies_to
        found.append(
            Cutoff(
                at_least=entry.at_least,
                label=entry.label,
                flag=entry.flag,
                population=entry.population,
                at_least_high=entry.at_least_high,
                applies_to=AppliesTo(who.sex, who.min_age, who.max_age) if who else None,
            )
        )
    return tuple(found)


def _cluster_rules(
    entries: tuple[ClusterRuleEntry, ...], items: tuple[Item, ...], subscales: tuple[Subscale, ...]
) -> tuple[ClusterRule, ...]:
    """Symptom-pattern rules over subscales, e.g. the PCL-5's DSM-5 provisional diagnosis.

    ``{flag, label, item_at_least, clusters: [{subscale: B, at_least: 1}, ...], source}``.
    """
    by_id = {subscale.id: subscale for subscale in subscales}
    found: list[ClusterRule] = []
    for index, entry in enumerate(entries):
        path = f"cluster_rules[{index}]"
        highest = min(item.highest for item in items)
        if not 0 < entry.item_at_least <= highest:
            _fail(f"{path}.item_at_least", f"must be between 1 and {highest} (the items' options)")
        clusters: list[ClusterCount] = []
        for number, cluster in enumerate(entry.clusters):
            where = f"{path}.clusters[{number}]"
            if cluster.subscale not in by_id:
                known = ", ".join(by_id) or "none"
                _fail(
                    f"{where}.subscale",
                    f"unknown subscale {cluster.subscale!r} (subscales: {known})",
                )
            size = len(by_id[cluster.subscale].items)
            if not 1 <= cluster.at_least <= size:
                _fail(
                    f"{where}.at_least",
                    f"must be between 1 and {size}, the items in {cluster.subscale}",
                )
            clusters.append(
                ClusterCount(cluster.subscale, by_id[cluster.subscale].items, cluster.at_least)
            )
        found.append(ClusterRule(entry.flag, entry.label, entry.item_at_least, tuple(clusters)))
    return tuple(found)


def _screen(entries: tuple[ScreenEntry, ...], count: int) -> tuple[ScreenRule, ...]:
    """A screener's decision rule: ordered steps, the first that holds gives the result."""
    rules: list[ScreenRule] = []
    for index, entry in enumerate(entries):
        if entry.any_of is None:
            if index < len(entries) - 1:
                _fail(
                    f"screen[{index}]",
                    "only the last rule may omit any_of (it is the 'otherwise' result)",
                )
            rules.append(ScreenRule(entry.label, None))
            continue
        numbers = _numbers(entry.any_of, f"screen[{index}].any_of", count)
        rules.append(ScreenRule(entry.label, Condition(numbers, cast(int, entry.at_least))))
    if rules and rules[-1].condition is not None:
        _fail(
            f"screen[{len(rules) - 1}]",
            "the last rule must omit any_of: it is the result when no rule holds",
        )
    return tuple(rules)


def _missing(
    entry: MissingEntry, items: tuple[Item, ...], subscales: tuple[Subscale, ...]
) -> MissingRule:
    """The manual's rule for unanswered items; anything it does not allow is rejected."""
    if entry.rule == "reject":
        return MissingRule()
    if entry.rule == "prorate":
        per = entry.per or "total"
        if per == "subscale":
            covered = sorted(number for subscale in subscales for number in subscale.items)
            if covered != list(range(1, len(items) + 1)):
                _fail(
                    "missing.per",
                    "prorating per subscale needs subscales that hold every item once",
                )
        sizes = [len(s.items) for s in subscales] if per == "subscale" else [len(items)]
        max_missing = cast(int, entry.max_missing)
        if not 1 <= max_missing < min(sizes):
            _fail(
                "missing.max_missing",
                "must be at least 1 and leave at least one answer per group",
            )
        return MissingRule("prorate", max_missing, per, basis=entry.basis)
    numbers = _numbers(cast(tuple[int, ...], entry.items), "missing.items", len(items))
    value = cast(int, entry.value)
    for number in numbers:
        if value not in items[number - 1].values:
            _fail("missing.value", f"{value} is not an option of item {number}")
    return MissingRule(kind="count_as", value=value, items=numbers, basis=entry.basis)


def _change(
    entry: ChangeEntry | None, path: str, low: float, high: float, higher_is_better: bool
) -> ChangeStats:
    """Published statistics for judging change; what the file leaves null stays unknown."""
    if entry is None:
        return ChangeStats()
    at_least, at_most = _caseness(entry.caseness, f"{path}.caseness", low, high, higher_is_better)
    return ChangeStats(
        sd=entry.sd.value if entry.sd else None,
        reliability=entry.reliability.value if entry.reliability else None,
        reliable_change_points=entry.reliable_change.points if entry.reliable_change else None,
        caseness_at_least=at_least,
        caseness_at_most=at_most,
        norms=_norms(entry.norms, f"{path}.norms", higher_is_better),
    )


def _caseness(
    entry: CasenessEntry | None, path: str, low: float, high: float, higher_is_better: bool
) -> tuple[float | None, float | None]:
    """The clinical cut-off that defines a case, in the direction that means 'unwell'."""
    if entry is None:
        return None, None
    wanted = "at_most" if higher_is_better else "at_least"
    unwanted = "at_least" if higher_is_better else "at_most"
    if entry.present(unwanted):
        direction = "better" if higher_is_better else "worse"
        _fail(f"{path}.{unwanted}", f"higher is {direction} here, so caseness is given as {wanted}")
    value = entry.at_most if higher_is_better else entry.at_least
    if value is None:
        _fail(f"{path}.{wanted}", "is required")
    if not low <= value <= high:
        _fail(f"{path}.{wanted}", f"lies outside the score range {_show(low)}-{_show(high)}")
    return (None, value) if higher_is_better else (value, None)


def _norms(entry: NormsEntry | None, path: str, higher_is_better: bool) -> Norms | None:
    """Clinical and non-clinical means and SDs for Jacobson-Truax criterion c."""
    if entry is None:
        return None
    clinical, nonclinical = entry.clinical, entry.nonclinical
    if (clinical.mean < nonclinical.mean) != higher_is_better:
        _fail(
            f"{path}.clinical",
            "the clinical mean must lie on the unwell side of the non-clinical mean",
        )
    return Norms(clinical.mean, clinical.sd, nonclinical.mean, nonclinical.sd)


def _year_in(citation: str) -> int | None:
    """The publication year a citation states ("... Arch Intern Med. 1998;158 ..."), if any."""
    found = YEAR_IN_TEXT.search(citation)
    return int(found.group(1)) if found else None


def _check_references(entries: tuple[ReferenceEntry, ...], cited: set[str]) -> None:
    """Each reference has a year and backs at least one number or claim in the file.

    An uncited reference hides which number it was meant to support; an undated one cannot
    be found again or judged for currency.
    """
    for index, entry in enumerate(entries):
        if entry.id not in cited:
            _fail(
                f"references[{index}].id",
                f"reference {entry.id!r} is cited by no `source:`: cite it where its "
                "number is used, or remove it",
            )
        if entry.year is None and _year_in(entry.citation) is None:
            _fail(
                f"references[{index}].citation",
                f"reference {entry.id!r} has no year: add `year:` (for an undated web "
                "page, the year its content was checked)",
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
