"""Load template files (YAML or JSON) into ``Template``, refusing anything doubtful.

A practice can add its own template without code, so the file is the contract
(``trellis/data/templates/README.md``): every field is checked, unknown fields are
refused (they are usually typos), and every error names the file and the field path.
What needs outside knowledge (instruments, ICD-10-CM codes, the SMART analyzer) is
checked by ``checks.check_template``.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from trellis.core.datafile import DecodeError, decode
from trellis.core.measures._reader import Node, optional_text
from trellis.core.planning import parse_relative_deadline
from trellis.core.planning.targets import KINDS

from ._reader import TemplateNode
from .errors import TemplateFileError
from .schema import (
    AGE_GROUPS,
    MODALITIES,
    MeasureSchedule,
    Reference,
    Template,
    TemplateGoal,
    TemplateIntervention,
    TemplateObjective,
    TemplateProblem,
    TemplateTarget,
)

ROOT_REQUIRED = (
    *("id", "title", "summary", "age_group", "modality", "icd10", "keywords"),
    *("review_interval_days", "expected_sessions", "session_frequency", "measures"),
    *("references", "problems"),
)
ROOT_OPTIONAL = ("adaptations",)
VALUED_KINDS = ("at_or_below", "at_or_above", "down_by_points", "down_by_percent")
TEMPLATE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ADAPTATION_KEY = re.compile(r"[a-z][a-z0-9_]*")
# A category (F32), optionally a dot and one to four more characters (F32.A, F10.120).
ICD10_CODE = re.compile(r"[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?")


def load_template(path: str | os.PathLike[str]) -> Template:
    """Read one template file; errors name the file by its name."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise TemplateFileError(file.name, "", f"cannot be read ({exc.strerror})") from exc
    return parse_template_text(text, file.name)


def parse_template_text(text: str, file: str) -> Template:
    """Decode (JSON for ``.json`` files, YAML otherwise) and validate file content."""
    return parse_template(_decode(text, file), file)


def builtin_templates() -> dict[str, Template]:
    """The templates shipped in ``trellis/data/templates``, keyed by id."""
    return dict(_builtin())


@functools.cache
def _builtin() -> dict[str, Template]:
    """Loaded once per process: the shipped files do not change while it runs."""
    return _load_folder(resources.files("trellis").joinpath("data", "templates"))


def _load_folder(folder: Traversable) -> dict[str, Template]:
    """Every ``*.yaml`` of a folder (its README is not one), each named after its id."""
    found: dict[str, Template] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        template = parse_template_text(entry.read_text(encoding="utf-8"), entry.name)
        stem = entry.name.removesuffix(".yaml")
        if template.id != stem:
            problem = f"{template.id!r} must be the file name without .yaml ({stem!r})"
            raise TemplateFileError(entry.name, "id", problem)
        found[template.id] = template
    return found


def _decode(text: str, file: str) -> object:
    """The file's data; syntax errors and duplicate keys name the line."""
    try:
        return decode(text, file)
    except DecodeError as exc:
        raise TemplateFileError(file, exc.where, exc.problem) from exc


def parse_template(data: object, file: str) -> Template:
    """Validate decoded file content and build the template; ``file`` names it in errors."""
    fields = TemplateNode(data, "", file).fields(ROOT_REQUIRED, ROOT_OPTIONAL)
    references = _references(fields["references"])
    icd10 = tuple(_icd10(entry) for entry in fields["icd10"].entries())
    _no_repeats(fields["icd10"], icd10, "code")
    context = _Context(frozenset(icd10), frozenset(ref.id for ref in references))
    return Template(
        id=_template_id(fields["id"]),
        title=_text(fields["title"]),
        summary=_text(fields["summary"]),
        age_group=fields["age_group"].choice(AGE_GROUPS),
        modality=fields["modality"].choice(MODALITIES),
        icd10=icd10,
        keywords=_keywords(fields["keywords"]),
        review_interval_days=_positive(fields["review_interval_days"]),
        expected_sessions=_positive(fields["expected_sessions"]),
        session_frequency=_text(fields["session_frequency"]),
        measures=_measures(fields["measures"]),
        adaptations=_adaptations(fields["adaptations"]) if "adaptations" in fields else {},
        references=references,
        problems=tuple(_problem(entry, context) for entry in fields["problems"].entries()),
        source_file=file,
    )


@dataclass(frozen=True, slots=True)
class _Context:
    """What the nested parts are checked against: the template's codes and references."""

    icd10: frozenset[str]
    reference_ids: frozenset[str]


def _text(node: Node) -> str:
    """Non-empty text, stripped (a YAML ``>`` block ends with a newline)."""
    return node.text().strip()


def _optional(fields: Mapping[str, Node], key: str) -> str | None:
    text = optional_text(fields, key)
    return None if text is None else text.strip()


def _positive(node: Node) -> int:
    number = node.integer()
    if number < 1:
        node.fail("must be a whole number from 1")
    return number


def _template_id(node: Node) -> str:
    template_id = node.text()
    if not TEMPLATE_ID.fullmatch(template_id):
        node.fail("must be lower-case letters and digits joined by hyphens (gad-adult-cbt)")
    return template_id


def _icd10(node: Node) -> str:
    code = node.text()
    if not ICD10_CODE.fullmatch(code):
        node.fail(f"{code!r} is not written as an ICD-10-CM code (F41.1, F43.10)")
    return code


def _no_repeats(node: Node, values: tuple[str, ...], what: str) -> None:
    for index, value in enumerate(values):
        if value in values[:index]:
            node.child(index, value).fail(f"{what} {value!r} is listed twice")


def _keywords(node: Node) -> tuple[str, ...]:
    words = tuple(_text(entry) for entry in node.entries())
    _no_repeats(node, words, "keyword")
    return words


def _measures(node: Node) -> tuple[MeasureSchedule, ...]:
    """What to give and how often; a template may have none (no shipped measure fits)."""
    found: list[MeasureSchedule] = []
    for entry in node.entries(allow_empty=True):
        fields = entry.fields(("instrument", "every_weeks"))
        schedule = MeasureSchedule(_text(fields["instrument"]), fields["every_weeks"].integer())
        if not 1 <= schedule.every_weeks <= 52:
            fields["every_weeks"].fail("must be a whole number of weeks from 1 to 52")
        if any(other.instrument == schedule.instrument for other in found):
            fields["instrument"].fail(f"{schedule.instrument} is scheduled twice")
        found.append(schedule)
    return tuple(found)


def _adaptations(node: Node) -> dict[str, str]:
    """Where they matter: ``child_teen: ...``, ``cultural: ...``."""
    if not isinstance(node.value, Mapping):
        node.fail("must map a name (child_teen, cultural...) to a text")
    found: dict[str, str] = {}
    for key, value in node.value.items():
        child = node.child(str(key), value)
        if not isinstance(key, str) or not ADAPTATION_KEY.fullmatch(key):
            child.fail("must be named in lower case with underscores (child_teen, cultural)")
        found[key] = _text(child)
    return found


def _references(node: Node) -> tuple[Reference, ...]:
    """What the interventions rest on; every ``source:`` must name one of these."""
    found: dict[str, Reference] = {}
    for entry in node.entries():
        fields = entry.fields(("id", "citation"), ("url",))
        reference = Reference(
            _text(fields["id"]), _text(fields["citation"]), _optional(fields, "url")
        )
        if reference.id in found:
            fields["id"].fail(f"reference id {reference.id!r} is used twice")
        found[reference.id] = reference
    return tuple(found.values())


def _problem(node: Node, context: _Context) -> TemplateProblem:
    fields = node.fields(("title", "behavioral_definition", "goals"), ("icd10",))
    icd10 = None
    if "icd10" in fields and not fields["icd10"].is_null:
        icd10 = _icd10(fields["icd10"])
        if icd10 not in context.icd10:
            listed = ", ".join(sorted(context.icd10))
            fields["icd10"].fail(f"{icd10} is not among the template's codes ({listed})")
    return TemplateProblem(
        title=_text(fields["title"]),
        behavioral_definition=_text(fields["behavioral_definition"]),
        icd10=icd10,
        goals=tuple(_goal(entry, context) for entry in fields["goals"].entries()),
    )


def _goal(node: Node, context: _Context) -> TemplateGoal:
    fields = node.fields(("statement", "objectives"), ("target",))
    return TemplateGoal(
        statement=_text(fields["statement"]),
        target=_optional_target(fields),
        objectives=tuple(_objective(entry, context) for entry in fields["objectives"].entries()),
    )


def _objective(node: Node, context: _Context) -> TemplateObjective:
    fields = node.fields(("statement", "deadline", "interventions"), ("target",))
    return TemplateObjective(
        statement=_text(fields["statement"]),
        deadline=_deadline(fields["deadline"]),
        target=_optional_target(fields),
        interventions=tuple(
            _intervention(entry, context) for entry in fields["interventions"].entries()
        ),
    )


def _intervention(node: Node, context: _Context) -> TemplateIntervention:
    fields = node.fields(("modality", "description", "frequency", "source"), ("delivered_by",))
    source = _text(fields["source"])
    if source not in context.reference_ids:
        listed = ", ".join(sorted(context.reference_ids))
        fields["source"].fail(f"unknown reference {source!r} (references: {listed})")
    return TemplateIntervention(
        modality=fields["modality"].choice(MODALITIES),
        description=_text(fields["description"]),
        frequency=_text(fields["frequency"]),
        source=source,
        delivered_by=_optional(fields, "delivered_by") or "",
    )


def _deadline(node: Node) -> str:
    """A relative deadline: "within 12 weeks", "by session 8"."""
    text = _text(node)
    try:
        deadline = parse_relative_deadline(text)
    except ValueError as exc:
        node.fail(str(exc))
    try:
        far = deadline.resolve(_SOME_START) > _SOME_START + _LONGEST_DEADLINE
    except ValueError:  # past the calendar
        far = True
    if far:
        node.fail(f"{text!r} is more than five years from the plan's start")
    return text


# A template's deadlines are counted from a plan's start; none lies beyond five years.
_SOME_START = date(2000, 1, 1)
_LONGEST_DEADLINE = timedelta(days=5 * 365 + 2)


def _optional_target(fields: Mapping[str, Node]) -> TemplateTarget | None:
    node = fields.get("target")
    return None if node is None or node.is_null else _target(node)


def _target(node: Node) -> TemplateTarget:
    """``{instrument: GAD-7, kind: at_or_below, value: 9, deadline: within 16 weeks}``."""
    fields = node.fields(("instrument", "kind"), ("value", "deadline", "subscale"))
    kind = fields["kind"].choice(KINDS)
    has_value = "value" in fields and not fields["value"].is_null
    if kind in VALUED_KINDS and not has_value:
        node.child("value", None).fail(f"is required when kind is {kind}")
    if kind not in VALUED_KINDS and has_value:
        fields["value"].fail(f"is not used when kind is {kind}")
    value = fields["value"].number() if has_value else None
    if value is not None:
        _check_value(fields["value"], kind, value)
    deadline = fields.get("deadline")
    return TemplateTarget(
        instrument=_text(fields["instrument"]),
        kind=kind,
        value=value,
        deadline=None if deadline is None or deadline.is_null else _deadline(deadline),
        subscale=_optional(fields, "subscale"),
    )


def _check_value(node: Node, kind: str, value: float) -> None:
    """Values that no instrument could make sense of; ranges are checked with the instrument."""
    if kind == "down_by_percent" and not 0 < value <= 100:
        node.fail("must be a percentage above 0 and at most 100")
    if kind == "down_by_points" and value <= 0:
        node.fail("must be above 0 (the points the score should fall by)")
