"""A client's scores on one instrument drawn as SVG, the same on the page and in print,
with the lines of the plan's measure-linked targets on it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

from trellis.core.charts import ChartBand, ChartPoint, ChartTarget, score_chart_svg
from trellis.core.charts.svg import number
from trellis.core.measures import Instrument
from trellis.core.planning import on_scale, target_line, target_statistics
from trellis.plans.measure_history import InstrumentHistory
from trellis.plans.targets import TargetView, spec_of


@dataclass(frozen=True)
class TargetLine:
    """A target on an instrument's chart: the score that meets it, or why it has no line."""

    view: TargetView
    value: float | None
    higher_is_better: bool = False
    why_not: str = ""

    @property
    def label(self) -> str:
        """The target's description, saying where its line is when the kind implies it."""
        if self.value is None or self.view.target.kind in ("at_or_below", "at_or_above"):
            return self.view.description
        side = "above" if self.higher_is_better else "below"
        return f"{self.view.description} \u00b7 met at {number(self.value)} or {side}"

    @property
    def shown_value(self) -> str:
        return "" if self.value is None else number(self.value)

    @property
    def baseline_note(self) -> str:
        """'from 14 on 2026-11-11' where the line is worked out from the baseline score."""
        evaluation = self.view.evaluation
        if self.value is None or evaluation is None or evaluation.baseline is None:
            return ""
        if self.view.target.kind in ("at_or_below", "at_or_above", "recovery"):
            return ""
        baseline = evaluation.baseline
        return f"from {number(baseline.value)} on {baseline.on.isoformat()}"


@dataclass(frozen=True)
class InstrumentChart:
    """One instrument's chart, with the scores and target lines it was drawn from."""

    history: InstrumentHistory
    svg: SafeString
    lines: list[TargetLine]


def instrument_charts(
    histories: Iterable[InstrumentHistory],
    views: Sequence[TargetView],
    *,
    prefix: str = "chart",
    plan_start: date | None = None,
) -> list[InstrumentChart]:
    """A chart per instrument, each with the lines of the targets on its total score, their
    deadlines and the start of the plan they belong to."""
    charts = []
    for history in histories:
        lines = target_lines(history, views)
        svg = history_chart(history, lines, prefix=prefix, plan_start=plan_start)
        charts.append(InstrumentChart(history, svg, lines))
    return charts


def target_lines(history: InstrumentHistory, views: Iterable[TargetView]) -> list[TargetLine]:
    """The targets on this instrument's total (subscale targets are judged on another score
    and are left off), each with the score that meets it, from the baseline it is judged by."""
    return [
        _line(view, history.instrument)
        for view in views
        if view.target.instrument_id == history.instrument_id and not view.target.subscale
    ]


def _line(view: TargetView, instrument: Instrument | None) -> TargetLine:
    if instrument is None or view.evaluation is None:
        return TargetLine(view, None, why_not=view.problem or "The instrument is not available.")
    baseline = view.evaluation.baseline
    value = target_line(
        spec_of(view.target),
        baseline=None if baseline is None else baseline.value,
        stats=target_statistics(instrument),
        score_step=instrument.multiplier,
    )
    better = instrument.higher_is_better
    if value is None:
        return TargetLine(view, None, better, _why_no_line(view, instrument))
    if not on_scale(value, instrument.min_score, instrument.max_score):
        scale = f"{number(instrument.min_score)}\u2013{number(instrument.max_score)}"
        return TargetLine(view, None, better, f"Met at {number(value)}: off the {scale} scale.")
    return TargetLine(view, value, better)


def _why_no_line(view: TargetView, instrument: Instrument) -> str:
    evaluation = view.evaluation
    baseline = evaluation.baseline if evaluation else None
    if baseline is None:
        return "no baseline score yet to work the target out from."
    cutoff = target_statistics(instrument).caseness_cutoff
    if view.target.kind == "recovery" and cutoff is not None:
        return (
            f"the baseline {number(baseline.value)} is not a case (cut-off {number(cutoff)}), "
            "so recovery does not apply."
        )
    return view.reason


def history_chart(
    history: InstrumentHistory,
    lines: Sequence[TargetLine] = (),
    *,
    prefix: str = "chart",
    plan_start: date | None = None,
) -> SafeString:
    points = [
        ChartPoint(
            timezone.localdate(row.administration.administered_at),
            row.administration.total,
            row.administration.severity or None,
        )
        for row in history.rows
        if row.administration.total is not None  # scored rows all have one: a point needs it
    ]
    instrument = history.instrument
    if instrument is not None:
        low, high = instrument.min_score, instrument.max_score
        bands = [ChartBand(b.min, b.max, b.label) for b in instrument.bands]
        better = instrument.higher_is_better
    else:
        low, high = 0.0, max((p.value for p in points), default=0.0) or 1.0
        bands, better = [], False
    targets = [
        ChartTarget(line.value, line.label, line.view.target.deadline)
        for line in lines
        if line.value is not None
    ]
    svg = score_chart_svg(
        title=f"{history.name} ({history.instrument_id}) scores over time",
        points=points,
        y_min=low,
        y_max=high,
        bands=bands,
        targets=targets,
        higher_is_better=better,
        chart_id=f"{prefix}-{slugify(history.instrument_id)}",
        plan_start=plan_start,
    )
    return mark_safe(svg)  # noqa: S308 - built by score_chart_svg, which escapes every text
