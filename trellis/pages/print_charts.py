"""The charts of a printed plan: each instrument its targets are measured on, with the
scores, severity bands and target lines; and the progress ratings of its goals. The same
charts as on the measures and notes pages, in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Sequence

from trellis.core.measures import Instrument
from trellis.measures.models import Administration
from trellis.measures.registry import instruments_for
from trellis.plans import selectors
from trellis.plans.episodes import plan_episode
from trellis.plans.measure_charts import InstrumentChart, instrument_charts
from trellis.plans.measure_history import InstrumentHistory, group_histories
from trellis.plans.models import TreatmentPlan
from trellis.plans.targets import TargetView
from trellis.progress.charts import RatingsChart, ratings_chart
from trellis.progress.selectors import ratings_by_goal

PREFIX = "print"


def plan_measure_charts(plan: TreatmentPlan) -> list[InstrumentChart]:
    """A chart per instrument the plan's targets name, in plan order, for a plan fetched by
    plan_with_tree; like ``attach_target_views`` (which it calls), it hangs each goal's and
    objective's ``target_views`` on the plan. Two queries, none without targets."""
    if not selectors.plan_targets(plan):
        selectors.attach_target_views(plan)
        return []
    scores = selectors.plan_target_scores(plan)
    known = instruments_for(plan.client.practice_id)
    views = selectors.attach_target_views(plan, administrations=scores, instruments=known)
    histories = _histories(plan, views, scores, known)
    return instrument_charts(histories, views, prefix=PREFIX, plan_start=plan.start_date)


def _histories(
    plan: TreatmentPlan,
    views: Sequence[TargetView],
    scores: Sequence[Administration],
    known: dict[str, Instrument],
) -> list[InstrumentHistory]:
    """Each targeted instrument's scores, judged from this plan's baselines; one not given
    yet still shows its targets."""
    episodes = [plan_episode(plan, (view.target for view in views))] if views else []
    grouped = group_histories(scores, known, episodes)
    found = {history.instrument_id: history for history in grouped}
    histories = []
    for instrument_id in dict.fromkeys(view.target.instrument_id for view in views):
        history = found.get(instrument_id)
        instrument = known.get(instrument_id)
        if history is None and instrument is not None:
            history = InstrumentHistory(instrument, instrument_id, instrument.name)
        if history is not None:
            histories.append(history)
    return histories


def plan_ratings_chart(plan: TreatmentPlan) -> RatingsChart | None:
    """The ratings of the plan's goals (matched by lineage, so ratings given under an
    earlier version count), each line named as the plan numbers the goal; one query.
    None when the plan has no goals. For a plan fetched by plan_with_tree."""
    labels = {}
    for p, problem in enumerate(plan.problems.all(), 1):
        for g, goal in enumerate(problem.goals.all(), 1):
            labels[goal.lineage] = f"Goal {p}.{g}: {goal.statement}"
    if not labels:
        return None
    goals = ratings_by_goal(plan.client, lineages=labels)
    return ratings_chart(goals, labels=labels, chart_id=f"{PREFIX}-ratings")
