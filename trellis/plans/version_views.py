"""Pages for reviewing a plan, revising it into a new version, comparing versions and
signing one. Thin: access helper, service, render or redirect."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from trellis.audit.actor import Actor
from trellis.plans import reviews, selectors, signatures, versions
from trellis.plans.models import PlanStatus, ReviewDecision, TreatmentPlan
from trellis.plans.review_forms import ReviewForm, SignForm
from trellis.views import add_service_errors, staff_view


def _plan_url(plan: TreatmentPlan | Any) -> str:
    return reverse("plans:detail", kwargs={"plan_id": plan.pk})


def _errors(error: ValidationError | PermissionDenied) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


# --- Reviews ----------------------------------------------------------------------------


@staff_view
def review(request: HttpRequest, actor: Actor, plan_id: str) -> HttpResponse:
    plan = selectors.plan_with_tree(actor, plan_id)
    earlier = reviews.reviews_of(plan)
    previous = earlier[0] if earlier else None
    evidence = reviews.review_evidence(plan, previous)
    today = timezone.localdate()
    initial = {
        "reviewed_on": today,
        "next_review_date": reviews.next_review_default(plan, today, previous),
        "summary": reviews.evidence_summary(evidence),
    }
    form = ReviewForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            done = reviews.review_record(actor=actor, plan=plan, data=form.cleaned_data)
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


def _after_review(request: HttpRequest, done: Any) -> HttpResponse:
    label = done.get_decision_display()
    if done.decision == ReviewDecision.REVISE and done.new_version:
        messages.success(
            request,
            f"Review recorded. Version {done.new_version.version_number} is a draft copy: "
            "edit it, then activate it (the current version stays in force until then).",
        )
        return redirect(_plan_url(done.new_version))
    messages.success(request, f"Review recorded: {label[0].lower()}{label[1:]}.")
    return redirect(_plan_url(done.plan))


@staff_view
def review_detail(request: HttpRequest, actor: Actor, review_id: str) -> HttpResponse:
    found = reviews.review_get(actor, review_id)
    context = {"review": found, "plan": found.plan, "client": found.plan.client}
    return render(request, "plans/review_detail.html", context)


# --- Versions ---------------------------------------------------------------------------


@staff_view
@require_POST
def revise(request: HttpRequest, actor: Actor, plan_id: str) -> HttpResponse:
    plan = selectors.plan_get(actor, plan_id)
    try:
        draft = versions.plan_revise(actor=actor, plan=plan)
    except versions.RevisionExistsError as error:
        messages.info(request, _errors(error))
        return redirect(_plan_url(error.draft))
    except ValidationError as error:
        messages.error(request, _errors(error))
        return redirect(_plan_url(plan))
    messages.success(
        request,
        f"Version {draft.version_number} is a draft copy of version {plan.version_number}: "
        "edit it, then activate it.",
    )
    return redirect(_plan_url(draft))


def _other_version(plan: TreatmentPlan, all_versions: list[TreatmentPlan]) -> Any:
    """By default, compare with the version before this one, else the one after."""
    if plan.previous_version_id:
        return plan.previous_version_id
    later = [v for v in all_versions if v.version_number > plan.version_number]
    return later[0].pk if later else None


@staff_view
def compare(request: HttpRequest, actor: Actor, plan_id: str) -> HttpResponse:
    plan = selectors.plan_with_tree(actor, plan_id)
    all_versions = versions.plan_versions(plan)
    other_id = request.GET.get("with") or _other_version(plan, all_versions)
    context: dict[str, Any] = {"plan": plan, "client": plan.client, "versions": all_versions}
    if other_id is None:
        return render(request, "plans/compare.html", context)
    other = selectors.plan_with_tree(actor, other_id)
    if other.lineage != plan.lineage or other.pk == plan.pk:
        raise Http404("Not a version of this plan")
    old, new = versions.ordered(plan, other)
    context["comparison"] = versions.compare_versions(old, new)
    return render(request, "plans/compare.html", context)


@staff_view
def history(request: HttpRequest, actor: Actor, plan_id: str) -> HttpResponse:
    """The plan page's panel of reviews, versions and signatures (a page without JS)."""
    plan = selectors.plan_get(actor, plan_id)
    all_versions = versions.plan_versions(plan)
    context = {
        "plan": plan,
        "client": plan.client,
        "versions": all_versions,
        "open_revision": next(
            (v for v in all_versions if v.status == PlanStatus.DRAFT and v.pk != plan.pk), None
        ),
        "reviews": reviews.reviews_of(plan),
        "signatures": signatures.signature_state(plan),
    }
    template = "plans/version_panel.html" if request.htmx else "plans/version_history.html"
    return render(request, template, context)


# --- Signatures -------------------------------------------------------------------------


@staff_view
def sign(request: HttpRequest, actor: Actor, plan_id: str) -> HttpResponse:
    plan = selectors.plan_with_tree(actor, plan_id)
    digest = signatures.plan_hash(plan)
    form = SignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            signatures.plan_sign(
                actor=actor,
                plan=plan,
                role=data["role"],
                expected_hash=data["content_hash"],
                signed_name=data.get("signed_name") or "",
                in_person=bool(data.get("in_person")),
            )
        except (ValidationError, PermissionDenied) as error:
            if isinstance(error, ValidationError):
                add_service_errors(form, error)
            else:
                form.add_error(None, str(error))
        else:
            messages.success(request, "Signed. This version can no longer be changed.")
            return redirect(reverse("plans:sign", kwargs={"plan_id": plan.pk}))
    state = signatures.signature_state(plan)
    context = {
        "plan": plan,
        "client": plan.client,
        "form": form,
        "content_hash": digest,
        "signatures": state,
        "roles": signatures.roles_open_to(actor.user, plan, state),
        "posted_role": form.data.get("role") if form.is_bound else None,
    }
    return render(request, "plans/sign_form.html", context, status=422 if form.errors else 200)
