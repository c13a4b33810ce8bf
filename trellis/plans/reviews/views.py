"""Pages for reviewing the plan in force and reading a recorded review. Thin: access helper,
service, render or redirect."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from trellis.audit.actor import Actor
from trellis.plans import selectors
from trellis.plans.models import PlanReview, PlanStatus, ReviewDecision
from trellis.plans.reviews.evidence import evidence_summary, review_evidence
from trellis.plans.reviews.forms import ReviewForm
from trellis.plans.reviews.selectors import next_review_default, review_get, reviews_of
from trellis.plans.reviews.services import review_record
from trellis.views import add_service_errors, staff_view


@staff_view
def review(request: HttpRequest, actor: Actor, plan_id: str) -> HttpResponse:
    plan = selectors.plan_with_tree(actor, plan_id)
    earlier = reviews_of(plan)
    previous = earlier[0] if earlier else None
    evidence = review_evidence(plan, previous)
    today = timezone.localdate()
    initial = {
        "reviewed_on": today,
        "next_review_date": next_review_default(plan, today, previous),
        "summary": evidence_summary(evidence),
    }
    form = ReviewForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            done = review_record(actor=actor, plan=plan, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _after_review(request, done)
    context = {
        "plan": plan,
        "client": plan.client,
        "form": form,
        "evidence": evidence,
        "reviews": earlier,
        "can_review": plan.status == PlanStatus.ACTIVE,
    }
    return render(request, "plans/review_form.html", context, status=422 if form.errors else 200)


def _after_review(request: HttpRequest, done: PlanReview) -> HttpResponse:
    label = done.get_decision_display()
    if done.decision == ReviewDecision.REVISE and done.new_version:
        messages.success(
            request,
            f"Review recorded. Version {done.new_version.version_number} is a draft copy: "
            "edit it, then activate it (the current version stays in force until then).",
        )
        return redirect("plans:detail", plan_id=done.new_version.pk)
    messages.success(request, f"Review recorded: {label[0].lower()}{label[1:]}.")
    return redirect("plans:detail", plan_id=done.plan.pk)


@staff_view
def review_detail(request: HttpRequest, actor: Actor, review_id: str) -> HttpResponse:
    found = review_get(actor, review_id)
    context = {"review": found, "plan": found.plan, "client": found.plan.client}
    return render(request, "plans/review_detail.html", context)
