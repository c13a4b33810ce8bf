"""The safety plan: emergency contacts offered, 988 prefilled, means safety, "reviewed
with the client today" (audited, allowed on a signed plan), and the client page showing
the current safety plan even when no plan is in force."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.api.helpers import Api
from tests.audit_helpers import events_since, last_id
from tests.factories import PASSWORD, actor, make_client, make_diagnosis, make_plan
from trellis.clients.models import EmergencyContact
from trellis.plans import services
from trellis.plans.models import SafetyPlanReview
from trellis.plans.safety import CRISIS_LINE_988, current_safety_plan, safety_plan_reviewed

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def signed_in(client, cast):
    client.login(username=cast.clinician.email, password=PASSWORD)
    return client


def _write_safety(cast, plan, **extra):
    services.plan_update(
        actor=actor(cast.clinician),
        plan=plan,
        data={
            "warning_signs": "Not sleeping, skipping meals",
            "coping_strategies": "Walk",
            **extra,
        },
        expected_version=plan.version,
    )
    plan.refresh_from_db()


def test_the_safety_form_offers_emergency_contacts_and_prefills_988(signed_in, cast) -> None:
    EmergencyContact.objects.create(
        client=cast.client, name="Jordan Reyes", relationship="sister", phone="555-0142"
    )
    url = reverse("plans:section", args=[cast.plan.pk, "safety"])
    body = signed_in.get(url, **HTMX).content.decode()
    assert 'data-append-line="Jordan Reyes (sister): 555-0142"' in body
    assert 'data-append-to="support_contacts"' in body
    assert CRISIS_LINE_988.replace("&", "&amp;") in body
    assert '<option value="" selected>Not asked yet</option>' in body


def test_a_written_crisis_line_is_not_replaced_by_988(signed_in, cast) -> None:
    _write_safety(cast, cast.plan, crisis_lines="Local crisis team 555-0100")
    body = signed_in.get(
        reverse("plans:section", args=[cast.plan.pk, "safety"]), **HTMX
    ).content.decode()
    assert "Local crisis team 555-0100" in body
    assert "988lifeline.org" not in body


def test_means_safety_is_saved_and_shown_in_words(signed_in, cast) -> None:
    url = reverse("plans:section", args=[cast.plan.pk, "safety"])
    form = signed_in.get(url, **HTMX).context["s"]["form"]
    data = {name: form.initial.get(name, "") or "" for name in form.fields}
    data.update(
        firearms_access="yes",
        firearms_plan="Brother keeps the rifle at his house until March",
        medication_access="unknown",
    )
    response = signed_in.post(url, data, **HTMX)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Brother keeps the rifle" in body
    assert "<dd>Yes</dd>" in body and "<dd>Not known yet</dd>" in body
    cast.plan.refresh_from_db()
    assert (cast.plan.firearms_access, cast.plan.medication_access) == ("yes", "unknown")
    assert "988" in cast.plan.crisis_lines


def test_a_bad_means_answer_is_refused_and_nothing_changes(signed_in, cast) -> None:
    url = reverse("plans:section", args=[cast.plan.pk, "safety"])
    form = signed_in.get(url, **HTMX).context["s"]["form"]
    data = {name: form.initial.get(name, "") or "" for name in form.fields}
    data.update(firearms_access="maybe", warning_signs="Typed and kept")
    response = signed_in.post(url, data, **HTMX)
    assert response.status_code == 422
    assert "Typed and kept" in response.content.decode()
    cast.plan.refresh_from_db()
    assert cast.plan.firearms_access == "" and cast.plan.warning_signs != "Typed and kept"


def test_reviewed_with_the_client_today_is_recorded_and_audited(signed_in, cast) -> None:
    _write_safety(cast, cast.plan)
    mark = last_id()
    response = signed_in.post(reverse("plans:safety_reviewed", args=[cast.plan.pk]), **HTMX)
    assert response.status_code == 200
    review = SafetyPlanReview.objects.get(plan=cast.plan)
    assert "Last reviewed with the client on" in response.content.decode()
    assert review.reviewed_by == cast.clinician
    created = [e for e in events_since(mark) if e.action == "create"]
    assert [(e.object_type, e.object_id) for e in created] == [("safetyplanreview", str(review.pk))]


def test_an_empty_safety_plan_cannot_be_marked_reviewed(cast) -> None:
    with pytest.raises(ValidationError, match="empty"):
        safety_plan_reviewed(actor=actor(cast.clinician), plan=cast.plan)
    assert not SafetyPlanReview.objects.exists()


def test_the_client_page_shows_the_latest_safety_plan_when_none_is_in_force(
    signed_in, cast
) -> None:
    _write_safety(cast, cast.plan, support_contacts="Jordan (sister)")
    services.plan_close(
        actor=actor(cast.clinician), plan=cast.plan, expected_version=cast.plan.version
    )
    body = signed_in.get(reverse("pages:client", args=[cast.client.pk])).content.decode()
    assert "Current safety plan" in body
    assert f"From “{cast.plan.title}” (closed)" in body
    assert "no plan is in force, so this is the most recent safety plan" in body
    assert "Jordan (sister)" in body


def test_the_plan_in_force_wins_over_a_newer_draft(cast) -> None:
    client = make_client(cast.clinician)
    draft = make_plan(cast.clinician, client, title="Draft")
    _write_safety(cast, draft)
    active = make_plan(cast.clinician, client, title="In force")
    _write_safety(cast, active)
    active.status = "active"
    assert current_safety_plan([draft, active]) == active
    empty = make_plan(cast.clinician, make_client(cast.clinician))
    assert current_safety_plan([empty]) is None


def test_the_plan_check_asks_for_means_safety_when_risk_is_flagged(signed_in, cast) -> None:
    make_diagnosis(cast.clinician, cast.client, "Z91.51")
    _write_safety(cast, cast.plan, firearms_access="no")
    body = signed_in.get(reverse("plans:detail", args=[cast.plan.pk])).content.decode()
    assert "access to medication has not been asked" in body
    assert "access to firearms" not in body


def test_the_print_view_says_when_the_safety_plan_was_last_reviewed(signed_in, cast) -> None:
    url = reverse("pages:plan_print", args=[cast.plan.pk])
    assert "Not yet gone through together." in signed_in.get(url).content.decode()
    _write_safety(cast, cast.plan)
    review = safety_plan_reviewed(actor=actor(cast.clinician), plan=cast.plan)
    body = signed_in.get(url).content.decode()
    assert f"Last gone through together on {review.reviewed_on.isoformat()}." in body


def test_the_api_records_a_review_and_refuses_an_empty_safety_plan(cast) -> None:
    api = Api(cast.clinician)
    url = f"/plans/{cast.plan.pk}/safety-plan/reviewed"
    refused = api.post(url)
    assert refused.status_code == 422 and "empty" in refused.content.decode()
    _write_safety(cast, cast.plan)
    made = api.post(url)
    assert made.status_code == 201, made.content
    assert made.json()["plan_id"] == str(cast.plan.pk)
    assert SafetyPlanReview.objects.filter(plan=cast.plan).count() == 1
    outsider = Api(cast.outsider).post(url)
    assert outsider.status_code == 404
    assert SafetyPlanReview.objects.filter(plan=cast.plan).count() == 1
