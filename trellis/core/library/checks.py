"""Library checks: what a template must satisfy beyond its file format.

Loading checks the file alone; these need outside knowledge: the instruments, the
ICD-10-CM code set and the SMART analyzer. Each finding reads "file: path: problem"
like a load error, so the same fix-it workflow applies. The format rules that loading
already enforces (references, deadlines, modalities) are checked again here because a
``Template`` may also be built in code, e.g. from a practice's saved copy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import cast

from trellis.core.measures import Instrument
from trellis.core.planning import (
    TargetSpec,
    check_target,
    parse_relative_deadline,
    target_statistics,
)
from trellis.core.planning.targets import KINDS, TargetKind
from trellis.core.smart import analyze

from .schema import (
    AGE_GROUPS,
    MODALITIES,
    Template,
    TemplateGoal,
    TemplateIntervention,
    TemplateObjective,
    TemplateProblem,
    TemplateTarget,
)

IcdExists = Callable[[str], bool]
# The criteria a library objective must meet, with how a message names them.
SMART_CRITERIA = (
    ("specific", "specific"),
    ("measurable", "measurable"),
    ("time_bound", "time-bound"),
)


def check_library(
    templates: Mapping[str, Template],
    *,
    instruments: Mapping[str, Instrument],
    icd_exists: IcdExists,
) -> list[str]:
    """Every problem of every template, template by template in key order."""
    problems: list[str] = []
    for key in sorted(templates):
        template = templates[key]
        if key != template.id:
            problems.append(f"{_file(template)}: id: {template.id!r} is listed as {key!r}")
        problems += check_template(template, instruments=instruments, icd_exists=icd_exists)
    return problems


def check_template(
    template: Template,
    *,
    instruments: Mapping[str, Instrument],
    icd_exists: IcdExists,
) -> list[str]:
    """Every problem of one template, as "file: path: problem" lines; empty when sound."""
    checker = _Checker(template, instruments, icd_exists)
    return [f"{_file(template)}: {path}: {problem}" for path, problem in checker.findings()]


def _file(template: Template) -> str:
    return template.source_file or template.id


type Finding = tuple[str, str]


class _Checker:
    """Walks one template and yields (path, problem) for each thing wrong."""

    def __init__(
        self, template: Template, instruments: Mapping[str, Instrument], icd_exists: IcdExists
    ) -> None:
        self.template = template
        self.instruments = instruments
        self.icd_exists = icd_exists
        self.reference_ids = frozenset(ref.id for ref in template.references)
        self.scheduled = frozenset(m.instrument for m in template.measures)

    def findings(self) -> Iterator[Finding]:
        template = self.template
        if template.age_group not in AGE_GROUPS:
            yield "age_group", f"must be one of {', '.join(AGE_GROUPS)}"
        yield from self._modality("modality", template.modality)
        for index, code in enumerate(template.icd10):
            yield from self._icd10(f"icd10[{index}]", code)
        for index, schedule in enumerate(template.measures):
            yield from self._instrument(f"measures[{index}].instrument", schedule.instrument)
        for index, problem in enumerate(template.problems):
            yield from self._problem(f"problems[{index}]", problem)

    def _problem(self, path: str, problem: TemplateProblem) -> Iterator[Finding]:
        if problem.icd10 is not None:
            yield from self._icd10(f"{path}.icd10", problem.icd10)
            if problem.icd10 not in self.template.icd10:
                yield f"{path}.icd10", f"{problem.icd10} is not among the template's codes"
        for index, goal in enumerate(problem.goals):
            yield from self._goal(f"{path}.goals[{index}]", goal)

    def _goal(self, path: str, goal: TemplateGoal) -> Iterator[Finding]:
        if goal.target is not None:
            yield from self._target(f"{path}.target", goal.target)
        for index, objective in enumerate(goal.objectives):
            yield from self._objective(f"{path}.objectives[{index}]", objective)

    def _objective(self, path: str, objective: TemplateObjective) -> Iterator[Finding]:
        yield from self._smart(f"{path}.statement", objective.statement)
        if objective.deadline is None:
            yield f"{path}.deadline", "is required"
        else:
            yield from self._deadline(f"{path}.deadline", objective.deadline)
        if objective.target is not None:
            yield from self._target(f"{path}.target", objective.target)
        for index, intervention in enumerate(objective.interventions):
            yield from self._intervention(f"{path}.interventions[{index}]", intervention)

    def _intervention(self, path: str, intervention: TemplateIntervention) -> Iterator[Finding]:
        yield from self._modality(f"{path}.modality", intervention.modality)
        if intervention.source not in self.reference_ids:
            listed = ", ".join(sorted(self.reference_ids)) or "none"
            yield (
                f"{path}.source",
                f"{intervention.source!r} is not a reference of this template "
                f"(references: {listed})",
            )

    def _modality(self, path: str, modality: str) -> Iterator[Finding]:
        if modality not in MODALITIES:
            yield path, f"{modality!r} is not a modality ({', '.join(MODALITIES)})"

    def _icd10(self, path: str, code: str) -> Iterator[Finding]:
        if not self.icd_exists(code):
            yield path, f"{code!r} is not a complete ICD-10-CM code of the shipped code set"

    def _instrument(self, path: str, name: str) -> Iterator[Finding]:
        if name not in self.instruments:
            known = ", ".join(sorted(self.instruments))
            yield path, f"unknown instrument {name!r} (instruments: {known})"

    def _deadline(self, path: str, deadline: str) -> Iterator[Finding]:
        try:
            parse_relative_deadline(deadline)
        except ValueError as exc:
            yield path, str(exc)

    def _smart(self, path: str, statement: str) -> Iterator[Finding]:
        """An objective must be specific, measurable and time-bound by the analyzer."""
        result = analyze(statement)
        failed = [
            f"not {label} ({getattr(result, name).reason})"
            for name, label in SMART_CRITERIA
            if not getattr(result, name).value
        ]
        if failed:
            advice = "; ".join(result.suggestions)
            yield (
                path,
                f"{', '.join(failed)}; suggestion: {advice}" if advice else ", ".join(failed),
            )

    def _target(self, path: str, target: TemplateTarget) -> Iterator[Finding]:
        """The instrument exists, is given, and can judge this kind of target and value."""
        if target.deadline is not None:
            yield from self._deadline(f"{path}.deadline", target.deadline)
        if target.kind not in KINDS:
            yield f"{path}.kind", f"must be one of {', '.join(KINDS)}"
            return
        instrument = self.instruments.get(target.instrument)
        if instrument is None:
            yield from self._instrument(f"{path}.instrument", target.instrument)
            return
        if target.instrument not in self.scheduled:
            yield (
                f"{path}.instrument",
                f"{target.instrument} is not among the template's measures, so the target "
                "could never be judged",
            )
        if target.subscale is not None and not any(
            sub.id == target.subscale for sub in instrument.subscales
        ):
            known = ", ".join(sub.id for sub in instrument.subscales) or "none"
            yield (
                f"{path}.subscale",
                f"{instrument.id} has no subscale {target.subscale!r} ({known})",
            )
            return
        yield from self._judgeable(path, target, instrument)

    def _judgeable(
        self, path: str, target: TemplateTarget, instrument: Instrument
    ) -> Iterator[Finding]:
        """The planning rules accept the target: value fits the kind, direction fits."""
        stats = target_statistics(instrument, target.subscale)
        try:
            kind = cast(TargetKind, target.kind)
            spec = TargetSpec(target.instrument, target.subscale, kind, target.value, None)
            check_target(
                spec,
                higher_is_better=stats.higher_is_better,
                reliable_change=stats.reliable_change,
                caseness_cutoff=stats.caseness_cutoff,
            )
        except ValueError as exc:
            yield path, str(exc)
            return
        yield from self._in_range(path, target, instrument)

    def _in_range(
        self, path: str, target: TemplateTarget, instrument: Instrument
    ) -> Iterator[Finding]:
        """A score to reach must be one the instrument can give; a fall must fit within it."""
        if target.value is None:
            return
        low, high = _score_range(instrument, target.subscale)
        scale = f"the {_label(target)} range {_show(low)}-{_show(high)}"
        if target.kind in ("at_or_below", "at_or_above") and not low <= target.value <= high:
            yield f"{path}.value", f"{_show(target.value)} is outside {scale}"
        if target.kind == "down_by_points" and target.value > high - low:
            yield f"{path}.value", f"a fall of {_show(target.value)} points does not fit {scale}"


def _label(target: TemplateTarget) -> str:
    """'GAD-7' or 'DASS-21 depression'."""
    if target.subscale is None:
        return target.instrument
    return f"{target.instrument} {target.subscale}"


def _score_range(instrument: Instrument, subscale: str | None) -> tuple[float, float]:
    if subscale is None:
        return instrument.min_score, instrument.max_score
    return instrument.range_of(instrument.subscale(subscale).items)


def _show(value: float) -> str:
    """Numbers in messages: 27, not 27.0."""
    return str(int(value)) if float(value).is_integer() else str(value)
