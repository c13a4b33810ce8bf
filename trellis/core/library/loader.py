"""Load template files (YAML or JSON) into ``Template``, refusing anything doubtful.

A practice can add its own template without code, so the file is the contract
(``trellis/data/templates/README.md``, and the JSON Schema ``file_model`` publishes):
every field is checked, unknown fields are refused (they are usually typos), and every
error names the file and the field path.
What needs outside knowledge (instruments, ICD-10-CM codes, the SMART analyzer) is
checked by ``checks.check_template``.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from pydantic import ValidationError

from trellis.core.datafile import DecodeError, decode
from trellis.core.filefields import first_problem

from .errors import TemplateFileError
from .file_model import (
    GoalEntry,
    InterventionEntry,
    ObjectiveEntry,
    ProblemEntry,
    TargetEntry,
    TemplateFile,
)
from .schema import (
    MeasureSchedule,
    Reference,
    Template,
    TemplateGoal,
    TemplateIntervention,
    TemplateObjective,
    TemplateProblem,
    TemplateTarget,
)


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
    """Validate decoded file content and build the template; ``file`` names it in errors.

    The file's shape is checked by its pydantic model (``file_model``), then what needs
    the whole file: codes and references that parts point at, nothing listed twice.
    """
    try:
        model = TemplateFile.model_validate(data)
    except ValidationError as exc:
        raise TemplateFileError(file, *first_problem(exc)) from exc
    try:
        return _build(model, file)
    except _Refusal as exc:
        raise TemplateFileError(file, exc.path, exc.problem) from None


class _Refusal(Exception):
    """A check across fields failed at ``path``; ``parse_template`` adds the file."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(path, problem)
        self.path = path
        self.problem = problem


def _build(model: TemplateFile, file: str) -> Template:
    references = _references(model)
    _no_repeats("icd10", model.icd10, "code")
    _no_repeats("keywords", model.keywords, "keyword")
    measures: list[MeasureSchedule] = []
    for index, entry in enumerate(model.measures):
        if any(other.instrument == entry.instrument for other in measures):
            raise _Refusal(
                f"measures[{index}].instrument", f"{entry.instrument} is scheduled twice"
            )
        measures.append(MeasureSchedule(entry.instrument, entry.every_weeks))
    context = _Context(frozenset(model.icd10), frozenset(ref.id for ref in references))
    return Template(
        id=model.id,
        title=model.title,
        summary=model.summary,
        age_group=model.age_group,
        modality=model.modality,
        icd10=model.icd10,
        keywords=model.keywords,
        review_interval_days=model.review_interval_days,
        expected_sessions=model.expected_sessions,
        session_frequency=model.session_frequency,
        measures=tuple(measures),
        adaptations=model.adaptations,
        references=references,
        problems=tuple(
            _problem(entry, f"problems[{index}]", context)
            for index, entry in enumerate(model.problems)
        ),
        source_file=file,
    )


@dataclass(frozen=True, slots=True)
class _Context:
    """What the nested parts are checked against: the template's codes and references."""

    icd10: frozenset[str]
    reference_ids: frozenset[str]


def _no_repeats(path: str, values: tuple[str, ...], what: str) -> None:
    for index, value in enumerate(values):
        if value in values[:index]:
            raise _Refusal(f"{path}[{index}]", f"{what} {value!r} is listed twice")


def _references(model: TemplateFile) -> tuple[Reference, ...]:
    """What the interventions rest on; every ``source:`` must name one of these."""
    found: dict[str, Reference] = {}
    for index, entry in enumerate(model.references):
        if entry.id in found:
            raise _Refusal(f"references[{index}].id", f"reference id {entry.id!r} is used twice")
        found[entry.id] = Reference(entry.id, entry.citation, entry.url)
    return tuple(found.values())


def _problem(entry: ProblemEntry, path: str, context: _Context) -> TemplateProblem:
    if entry.icd10 is not None and entry.icd10 not in context.icd10:
        listed = ", ".join(sorted(context.icd10))
        raise _Refusal(
            f"{path}.icd10", f"{entry.icd10} is not among the template's codes ({listed})"
        )
    return TemplateProblem(
        title=entry.title,
        behavioral_definition=entry.behavioral_definition,
        icd10=entry.icd10,
        goals=tuple(
            _goal(goal, f"{path}.goals[{index}]", context) for index, goal in enumerate(entry.goals)
        ),
    )


def _goal(entry: GoalEntry, path: str, context: _Context) -> TemplateGoal:
    return TemplateGoal(
        statement=entry.statement,
        target=_target(entry.target),
        objectives=tuple(
            _objective(objective, f"{path}.objectives[{index}]", context)
            for index, objective in enumerate(entry.objectives)
        ),
    )


def _objective(entry: ObjectiveEntry, path: str, context: _Context) -> TemplateObjective:
    return TemplateObjective(
        statement=entry.statement,
        deadline=entry.deadline,
        target=_target(entry.target),
        interventions=tuple(
            _intervention(item, f"{path}.interventions[{index}]", context)
            for index, item in enumerate(entry.interventions)
        ),
    )


def _intervention(entry: InterventionEntry, path: str, context: _Context) -> TemplateIntervention:
    if entry.source not in context.reference_ids:
        listed = ", ".join(sorted(context.reference_ids))
        raise _Refusal(
            f"{path}.source", f"unknown reference {entry.source!r} (references: {listed})"
        )
    return TemplateIntervention(
        modality=entry.modality,
        description=entry.description,
        frequency=entry.frequency,
        source=entry.source,
        delivered_by=entry.delivered_by or "",
    )


def _target(entry: TargetEntry | None) -> TemplateTarget | None:
    if entry is None:
        return None
    return TemplateTarget(
        instrument=entry.instrument,
        kind=entry.kind,
        value=entry.value,
        deadline=entry.deadline,
        subscale=entry.subscale,
    )
