"""Planning rules: measure-linked targets, relative deadlines and plan quality checks.

Pure Python (no Django): the plans app builds the plain views in ``plan_view`` from its
models and calls these.

    choose_baseline(scores, start, *, label)                 the baseline a plan judges from
    evaluate_target(spec, *, baseline, scores, today, ...)   a target's computed status
    target_statistics(instrument, subscale)                  its numbers from an instrument
    target_line(spec, *, baseline, stats, score_step)        the score that meets it, to draw
    resolve_deadline(text_or_mapping, *, start, ...)         "within 12 weeks" -> a date
    check_plan(plan, *, today)                               quality findings for a plan
    diff.word_diff(old, new), diff.align(old_keys, new_keys) comparing two plan versions
"""

from . import diff
from .baseline import (
    BASELINE_WINDOW_DAYS,
    Baseline,
    choice_no_longer_valid,
    choose_baseline,
    chosen_baseline,
)
from .measure_link import TargetStatistics, target_statistics
from .plan_view import DiagnosisView, GoalView, ObjectiveView, PlanView, ProblemView
from .quality import DEFAULT_MAX_ACTIVE_GOALS, Finding, check_plan
from .relative_dates import RelativeDeadline, parse_relative_deadline, resolve_deadline
from .target_line import on_scale, target_line
from .targets import (
    Score,
    TargetEvaluation,
    TargetSpec,
    check_target,
    describe_target,
    evaluate_target,
)

__all__ = [
    "BASELINE_WINDOW_DAYS",
    "DEFAULT_MAX_ACTIVE_GOALS",
    "Baseline",
    "DiagnosisView",
    "Finding",
    "GoalView",
    "ObjectiveView",
    "PlanView",
    "ProblemView",
    "RelativeDeadline",
    "Score",
    "TargetEvaluation",
    "TargetSpec",
    "TargetStatistics",
    "check_plan",
    "check_target",
    "choice_no_longer_valid",
    "choose_baseline",
    "chosen_baseline",
    "describe_target",
    "diff",
    "evaluate_target",
    "on_scale",
    "parse_relative_deadline",
    "resolve_deadline",
    "target_line",
    "target_statistics",
]
