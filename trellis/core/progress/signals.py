"""The caseload dashboard's "needs attention" signals: what to look at, why, how urgently.

``signals_for(snapshot, today=..., settings=...)`` returns a client's signals, most urgent
first (ties keep the order below; targets in the order given). Each has a stable ``code``,
an ``urgency`` for sorting, a ``reason`` a clinician reads and the ``subject`` it is about.

Codes, their rules and subjects. "N days/weeks" are whole days: a gap of exactly N weeks
(N x 7 days) counts as N weeks.

- ``critical_item``: each positive critical item without a clinician's response.
  Subject: the administration id.
- ``deteriorated``: a target whose latest score is a reliable deterioration from its
  baseline, or, on a measure without a reliable-change threshold, in a severity band
  worse than the baseline's (``evaluate_target``'s ``band_deterioration``); or an
  instrument whose latest score in the current plan is a reliable deterioration from the
  plan's baseline on it, or, without a reliable-change threshold, a severity band worse
  (skipped when a target on that same measure already says so). Subject: the target id,
  or the instrument.
- ``review_overdue``: the plan's review date has passed (today is after it). No subject.
- ``review_due``: the review date is today or within ``review_warning_days`` days (14
  days ahead counts; 15 does not). No subject.
- ``target_missed``: a target's deadline has passed (today is after it; the deadline day
  itself is still in time) and it is not met. Subject: the target id.
- ``worse_than_baseline``: a target whose latest score is worse than its baseline by any
  amount, but not deteriorated as above (within measurement error, or on a measure that
  cannot tell): a client getting worse is always seen, from the first follow-up score.
  Subject: the target id.
- ``no_improvement``: a target the plan calls "not improving" (``evaluate_target``'s
  ``not_improving``, the one status both pages read), once its latest score was given at
  least ``no_improvement_weeks`` weeks after its baseline (56 days counts by default, 55
  does not). The time is baseline to latest *score*, not to today: the claim is about
  what a score shows, so a target not measured since week 2 is left to ``measures_due``.
  A target the plan calls "on track" is never flagged here, however small its change.
  Subject: the target id.
- ``no_session``: no session for ``no_session_weeks`` weeks or more, counted from the last
  session or, before the first, from the plan's start. No subject.
- ``measures_due``: each scheduled instrument due by its schedule: today is on or after
  the day last given plus ``every_weeks`` weeks, or it was never given. Subject: the
  instrument.
- ``target_met``: a target met (time to set the next one). Subject: the target id.
- ``improving``: a target the plan calls "on track" whose latest score is a reliable
  improvement on its baseline: good news, shown so the dashboard says what went well
  too. Subject: the target id.

``target_met`` and ``improving`` are good news (``POSITIVE``): they are shown, but a client
with only those does not "need attention".

One target gives at most: ``deteriorated`` alone (it supersedes the rest, as in
``evaluate_target``: a client getting reliably worse is never shown as "met"); else
``target_met`` alone (met, as there, wins over a worse score within measurement error);
else ``worse_than_baseline`` and/or ``target_missed``; else ``target_missed`` and/or
``no_improvement`` (a worse score says more than "not improving", so it replaces it);
else ``improving``.

Reliable change, worse and band changes are judged by the flags given
(``TargetEvaluation``'s: at least the threshold in points counts), never recomputed here.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal, get_args

from trellis.core.planning.targets import Score

from .snapshot import (
    ClientSnapshot,
    CriticalSnapshot,
    InstrumentChange,
    MeasureDue,
    TargetSnapshot,
)

SignalCode = Literal[
    "critical_item",
    "deteriorated",
    "review_overdue",
    "target_missed",
    "worse_than_baseline",
    "no_improvement",
    "no_session",
    "review_due",
    "measures_due",
    "target_met",
    "improving",
]
CODES: tuple[SignalCode, ...] = get_args(SignalCode)  # most urgent first

# Urgency: higher is more urgent. Clinical risk first, then a plan that is failing or
# lapsing, then routine upkeep, then good news. Spaced by ten so a new signal can slot in
# without renumbering; only the order matters, the numbers are never stored.
# A possible risk of harm now, unanswered (DESIGN: "risk is never silent").
URGENCY_CRITICAL_ITEM = 90
# Measurably worse: deterioration is the strongest warning of treatment failure or harm.
URGENCY_DETERIORATED = 80
# The plan is past the date it was agreed to be reconsidered; it may no longer fit.
URGENCY_REVIEW_OVERDUE = 70
# The plan's own yardstick has failed: the target or the approach needs revising.
URGENCY_TARGET_MISSED = 60
# Worse than at baseline, though not beyond measurement error (or with no way to tell):
# perhaps noise, perhaps the start of deterioration. Below a failed target, which is
# certain; above "no reliable improvement", since it moves the wrong way.
URGENCY_WORSE_THAN_BASELINE = 55
# Weeks in with nothing reliable to show: rethink the approach, not an emergency.
URGENCY_NO_IMPROVEMENT = 50
# Contact has lapsed: a dropout risk, though a break may have been agreed.
URGENCY_NO_SESSION = 40
# A review coming up: plan for it.
URGENCY_REVIEW_DUE = 30
# Routine measurement: give the questionnaire at the next contact.
URGENCY_MEASURES_DUE = 20
# Good news: time to set the next target.
URGENCY_TARGET_MET = 10
# Good news too: reliably better and on track; nothing to do but keep going.
URGENCY_IMPROVING = 5

URGENCY: dict[SignalCode, int] = {
    "critical_item": URGENCY_CRITICAL_ITEM,
    "deteriorated": URGENCY_DETERIORATED,
    "review_overdue": URGENCY_REVIEW_OVERDUE,
    "target_missed": URGENCY_TARGET_MISSED,
    "worse_than_baseline": URGENCY_WORSE_THAN_BASELINE,
    "no_improvement": URGENCY_NO_IMPROVEMENT,
    "no_session": URGENCY_NO_SESSION,
    "review_due": URGENCY_REVIEW_DUE,
    "measures_due": URGENCY_MEASURES_DUE,
    "target_met": URGENCY_TARGET_MET,
    "improving": URGENCY_IMPROVING,
}

# The signals that are good news: shown, never counted as needing attention.
POSITIVE: frozenset[SignalCode] = frozenset({"target_met", "improving"})

# Short names for the dashboard's filters and badges.
LABELS: dict[SignalCode, str] = {
    "critical_item": "Critical item",
    "deteriorated": "Deteriorated",
    "review_overdue": "Review overdue",
    "target_missed": "Target missed",
    "worse_than_baseline": "Worse than baseline",
    "no_improvement": "Not improving",
    "no_session": "No recent session",
    "review_due": "Review due",
    "measures_due": "Measures due",
    "target_met": "Target met",
    "improving": "Reliable improvement",
}

_ARROW = "\u2192"


@dataclass(frozen=True, slots=True)
class Signal:
    """One reason a client needs attention."""

    code: SignalCode
    urgency: int
    reason: str
    subject: str | None = None

    @property
    def label(self) -> str:
        return LABELS[self.code]

    @property
    def positive(self) -> bool:
        """Good news (a target met, a reliable improvement), not a call for attention."""
        return self.code in POSITIVE

    def as_dict(self) -> dict[str, str | int | None]:
        return {
            "code": self.code,
            "urgency": self.urgency,
            "reason": self.reason,
            "subject": self.subject,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """A practice's thresholds for the signals (the defaults are this project's)."""

    review_warning_days: int = 14
    no_improvement_weeks: int = 8
    no_session_weeks: int = 3

    def __post_init__(self) -> None:
        _check_count("review_warning_days", self.review_warning_days, minimum=0)
        _check_count("no_improvement_weeks", self.no_improvement_weeks, minimum=1)
        _check_count("no_session_weeks", self.no_session_weeks, minimum=1)


def _check_count(name: str, value: int, *, minimum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError(f"{name} must be a whole number of at least {minimum}, not {value!r}.")


DEFAULT_SETTINGS = Settings()


def signals_for(
    snapshot: ClientSnapshot, *, today: date, settings: Settings = DEFAULT_SETTINGS
) -> list[Signal]:
    """Every signal for the client as of ``today``, most urgent first (module docstring)."""
    found = [
        *map(_critical_item, snapshot.open_critical),
        *_review(snapshot.plan_review_date, today, settings.review_warning_days),
        *_no_session(snapshot, today, settings.no_session_weeks),
        *_measures_due(snapshot.measure_schedule, today),
    ]
    for target in snapshot.targets:
        found += _target_signals(target, today, settings.no_improvement_weeks)
    found += _instrument_deterioration(snapshot)
    return sorted(found, key=lambda signal: -signal.urgency)


def _signal(code: SignalCode, reason: str, subject: str | None = None) -> Signal:
    return Signal(code, URGENCY[code], reason, subject)


def _critical_item(critical: CriticalSnapshot) -> Signal:
    item = f" ({critical.item})" if critical.item else ""
    reason = (
        f"Positive critical item{item} on the {critical.instrument} of "
        f"{critical.given_on.isoformat()}: no clinician response recorded yet."
    )
    return _signal("critical_item", reason, critical.administration_id)


def _review(review_date: date | None, today: date, warning_days: int) -> Iterator[Signal]:
    if review_date is None:
        return
    days = (review_date - today).days
    on = review_date.isoformat()
    if days < 0:
        yield _signal("review_overdue", f"Plan review overdue: due on {on}, {_ago(-days)}.")
    elif days == 0:
        yield _signal("review_due", f"Plan review due today ({on}).")
    elif days <= warning_days:
        yield _signal("review_due", f"Plan review due in {_count(days, 'day')}, on {on}.")


def _no_session(snapshot: ClientSnapshot, today: date, weeks: int) -> Iterator[Signal]:
    since = snapshot.last_session or snapshot.plan_start
    if since is None or today - since < timedelta(weeks=weeks):
        return
    gap = _count((today - since).days // 7, "week")
    if snapshot.last_session is None:
        reason = f"No session yet in {gap} since the plan started on {since.isoformat()}."
    else:
        reason = f"No session in {gap}: the last was on {since.isoformat()}."
    yield _signal("no_session", reason)


def _measures_due(schedule: Sequence[MeasureDue], today: date) -> Iterator[Signal]:
    for measure in schedule:
        weeks = measure.every_weeks
        every = "every week" if weeks == 1 else f"every {weeks} weeks"
        due_on = measure.due_on
        if measure.last_given is None or due_on is None:
            reason = f"{measure.instrument} due: not given yet ({every})."
        elif today < due_on:
            continue
        else:
            when = "today" if due_on == today else f"since {due_on.isoformat()}"
            last = measure.last_given.isoformat()
            reason = f"{measure.instrument} due {when} ({every}; last given {last})."
        yield _signal("measures_due", reason, measure.instrument)


def _target_signals(target: TargetSnapshot, today: date, weeks: int) -> list[Signal]:
    """At most: deteriorated alone, or met alone, or worse and/or missed, or missed
    and/or no improvement.

    Each reason reads "<what> (<the target>): <the scores>."
    """
    subject, about = target.target_id, f"({target.description})"
    change = _from_to(target.baseline, target.latest)
    if target.reliable_deterioration:
        reason = f"Reliable deterioration since baseline {about}: {change}."
        return [_signal("deteriorated", reason, subject)]
    if target.band_deterioration:
        bands = f"{target.baseline_band} {_ARROW} {target.latest_band}"
        reason = f"Worsened by a severity band since baseline, {bands} {about}: {change}."
        return [_signal("deteriorated", reason, subject)]
    if target.status == "met":
        reason = f"Target met {about}: {_latest(target)}; time to set the next one."
        return [_signal("target_met", reason, subject)]
    found = []
    if target.worse_than_baseline:
        # False (not None) means a threshold exists and the change is short of it.
        within = ", within measurement error" if target.reliable_deterioration is False else ""
        reason = f"Worse than baseline{within} {about}: {change}."
        found.append(_signal("worse_than_baseline", reason, subject))
    if target.deadline is not None and today > target.deadline:
        reason = f"Target missed {about}: the deadline has passed; {_latest(target)}."
        found.append(_signal("target_missed", reason, subject))
    if target.worse_than_baseline:
        return found
    stalled = _stalled_weeks(target, weeks)
    if stalled is not None:
        reason = f"Not improving after {_count(stalled, 'week')} {about}: {change}."
        found.append(_signal("no_improvement", reason, subject))
    if not found and target.status == "on_track" and target.reliable_improvement:
        reason = f"Reliable improvement since baseline {about}: {change}."
        found.append(_signal("improving", reason, subject))
    return found


def _stalled_weeks(target: TargetSnapshot, weeks: int) -> int | None:
    """Whole weeks from baseline to the latest score of a target the plan calls "not
    improving", when at least ``weeks``; None when the rule does not apply."""
    baseline, latest = target.baseline, target.latest
    if baseline is None or latest is None or target.status != "not_improving":
        return None
    elapsed = latest.on - baseline.on
    return elapsed.days // 7 if elapsed >= timedelta(weeks=weeks) else None


def _instrument_deterioration(snapshot: ClientSnapshot) -> Iterator[Signal]:
    """Instruments reliably worse in this plan, unless a target on them already says so."""
    told = {t.measure for t in snapshot.targets if t.reliable_deterioration or t.band_deterioration}
    for change in snapshot.instrument_changes:
        worse = change.reliable_deterioration or change.band_worsening is not None
        if worse and change.instrument not in told:
            yield _signal("deteriorated", _instrument_reason(change), change.instrument)


def _instrument_reason(change: InstrumentChange) -> str:
    scores = _from_to(change.first, change.latest)
    if change.reliable_deterioration:
        return f"Reliable deterioration on the {change.instrument} in this plan: {scores}."
    before, after = change.band_worsening or ("", "")
    return (
        f"Worse by a severity band on the {change.instrument} in this plan "
        f"({before} {_ARROW} {after}): {scores}."
    )


def _from_to(before: Score | None, after: Score | None) -> str:
    """'15 on 2025-01-06 -> 20 on 2025-03-03' (either side may be unknown)."""
    return f"{_score(before)} {_ARROW} {_score(after)}"


def _score(score: Score | None) -> str:
    return "none" if score is None else f"{_number(score.value)} on {score.on.isoformat()}"


def _latest(target: TargetSnapshot) -> str:
    return "no score yet" if target.latest is None else f"latest {_score(target.latest)}"


def _number(value: float) -> str:
    """6, 6.5, 6.33: whole numbers without a decimal point, others to two places."""
    return f"{round(value, 2):g}"


def _count(number: int, unit: str) -> str:
    return f"{number} {unit}" if number == 1 else f"{number} {unit}s"


def _ago(days: int) -> str:
    return "yesterday" if days == 1 else f"{days} days ago"
