"""Which plans in force are due for review, for the caseload dashboard: a plain test on a
plan's review date, and the same test as a query filter."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from django.db.models import Q

from trellis.plans.models import PlanStatus, TreatmentPlan

DUE_SOON_DAYS = 14


ReviewState = Literal["missing", "overdue", "due"]


@dataclass(frozen=True)
class ReviewDue:
    """A plan in force whose review is due soon, overdue, or has no date at all."""

    plan: TreatmentPlan
    state: ReviewState
    review_date: date | None
    days: int | None  # until the review date; negative when overdue

    @property
    def reason(self) -> str:
        if self.state == "missing" or self.review_date is None or self.days is None:
            return "No review date is set."
        when = self.review_date.isoformat()
        if self.state == "overdue":
            return f"Review overdue by {-self.days} day{'s' if self.days != -1 else ''} ({when})."
        if self.days == 0:
            return f"Review due today ({when})."
        return f"Review due in {self.days} day{'s' if self.days != 1 else ''} ({when})."


def review_state(
    review_date: date | None, today: date, *, window_days: int = DUE_SOON_DAYS
) -> ReviewState | None:
    """Overdue after the date, due from ``window_days`` before it through the day itself."""
    if review_date is None:
        return "missing"
    if review_date < today:
        return "overdue"
    if review_date <= today + timedelta(days=window_days):
        return "due"
    return None


def review_due(
    plans: Iterable[TreatmentPlan], today: date, *, window_days: int = DUE_SOON_DAYS
) -> list[ReviewDue]:
    """The plans in force that need a review, most urgent first (no queries: pass plans
    already fetched, e.g. filtered with ``review_due_filter``)."""
    found = []
    for plan in plans:
        if plan.status != PlanStatus.ACTIVE:
            continue
        state = review_state(plan.review_date, today, window_days=window_days)
        if state is None:
            continue
        days = (plan.review_date - today).days if plan.review_date else None
        found.append(ReviewDue(plan, state, plan.review_date, days))
    rank = {"missing": 0, "overdue": 1, "due": 2}
    return sorted(found, key=lambda d: (rank[d.state], d.days if d.days is not None else 0))


def review_due_filter(today: date, *, window_days: int = DUE_SOON_DAYS) -> Q:
    """The same test for a queryset of plans, so the database does the filtering."""
    return Q(status=PlanStatus.ACTIVE) & (
        Q(review_date__isnull=True) | Q(review_date__lte=today + timedelta(days=window_days))
    )
