"""The caseload dashboard: signals with reasons, scoped to the user, bounded queries."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bench.synthetic import Sizes, generate
from tests.clock import FROZEN_DAY
from tests.factories import PASSWORD, PHQ9_ITEM9, actor, make_administration, make_client
from trellis.audit.models import AuditEvent
from trellis.measures.models import Administration
from trellis.plans import services as plan_services
from trellis.plans.models import TreatmentPlan
from trellis.progress.dashboard import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, cast):
    client.login(username=cast.clinician.email, password=PASSWORD)
    return client


def _activate(cast, plan) -> None:
    plan_services.plan_activate(
        actor=actor(cast.clinician), plan=plan, expected_version=plan.version
    )


def test_a_critical_item_puts_the_client_first(cast) -> None:
    calm = make_client(cast.clinician, first_name="Calm", last_name="Person")
    make_administration(cast.clinician, cast.client, PHQ9_ITEM9)
    rows = build(actor(cast.clinician)).rows
    assert rows[0].client == cast.client
    assert rows[0].signals[0].code == "critical_item"
    assert "item 9" in rows[0].signals[0].reason
    assert calm in [row.client for row in rows]


def test_an_overdue_review_and_a_missed_target_show_with_reasons(signed_in, cast) -> None:
    _activate(cast, cast.plan)
    past = timezone.localdate() - timedelta(days=120)
    TreatmentPlan.objects.filter(pk=cast.plan.pk).update(
        start_date=past, review_date=past + timedelta(days=90)
    )
    body = signed_in.get(reverse("dashboard")).content.decode()
    assert "Review overdue" in body or "review_overdue" in body
    assert cast.client.display_name in body


def test_the_dashboard_is_scoped_and_audited(client, cast) -> None:
    client.login(username=cast.colleague.email, password=PASSWORD)
    body = client.get(reverse("dashboard")).content.decode()
    assert cast.client.display_name not in body
    client.login(username=cast.supervisor.email, password=PASSWORD)
    before = AuditEvent.objects.filter(object_type="dashboard").count()
    body = client.get(reverse("dashboard")).content.decode()
    assert cast.client.display_name in body
    assert AuditEvent.objects.filter(object_type="dashboard").count() == before + 1


def test_a_supervisor_filters_by_clinician(client, cast) -> None:
    client.login(username=cast.supervisor.email, password=PASSWORD)
    own = make_client(cast.supervisor, first_name="Own", last_name="Client")
    body = client.get(reverse("dashboard"), {"clinician": cast.clinician.pk}).content.decode()
    assert cast.client.display_name in body and own.display_name not in body


def test_the_signal_filter(signed_in, cast) -> None:
    make_client(cast.clinician, first_name="Quiet", last_name="One")
    make_administration(cast.clinician, cast.client, PHQ9_ITEM9)
    body = signed_in.get(reverse("dashboard"), {"signal": "critical_item"}).content.decode()
    assert cast.client.display_name in body and "Quiet One" not in body


def _queries(http) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert http.get(reverse("dashboard")).status_code == 200
    return len(captured)


def test_queries_do_not_grow_with_the_caseload(signed_in, cast) -> None:
    generate(cast.practice, [cast.clinician], Sizes(clients=5, administrations=40, notes=20))
    few = _queries(signed_in)
    generate(
        cast.practice,
        [cast.clinician],
        Sizes(clients=500, administrations=4000, notes=2000),
        seed=8,
    )
    many = _queries(signed_in)
    assert many == few
    assert few <= 23  # 20, and one each for the to-dos: unsigned notes, signatures, drafts


def test_a_practice_sets_its_own_thresholds(client, cast) -> None:
    from trellis.progress.dashboard import dashboard_settings

    assert dashboard_settings(cast.practice.pk).no_improvement_weeks == 8
    client.login(username=cast.clinician.email, password=PASSWORD)
    url = reverse("pages:practice_settings")
    assert client.get(url).status_code == 403
    client.login(username=cast.admin.email, password=PASSWORD)
    data = {"review_warning_days": 7, "no_improvement_weeks": 6, "no_session_weeks": 2}
    assert client.post(url, data).status_code == 302
    rules = dashboard_settings(cast.practice.pk)
    assert (rules.review_warning_days, rules.no_improvement_weeks, rules.no_session_weeks) == (
        7,
        6,
        2,
    )
    assert dashboard_settings(cast.other_practice.pk).no_improvement_weeks == 8
    bad = client.post(url, {**data, "no_session_weeks": 0})
    assert "At least 1 week." in bad.content.decode()


def test_the_client_page_says_what_needs_attention(signed_in, cast) -> None:
    _activate(cast, cast.plan)
    past = timezone.localdate() - timedelta(days=120)
    TreatmentPlan.objects.filter(pk=cast.plan.pk).update(
        start_date=past, review_date=past + timedelta(days=90)
    )
    body = signed_in.get(reverse("pages:client", args=[cast.client.pk])).content.decode()
    assert "Needs attention" in body
    assert "Plan review overdue" in body


def test_a_practice_sets_how_long_a_new_plan_runs_before_review(client, cast) -> None:
    from tests.factories import make_plan

    client.login(username=cast.admin.email, password=PASSWORD)
    data = {
        "review_warning_days": 14,
        "no_improvement_weeks": 8,
        "no_session_weeks": 3,
        "plan_review_days": 60,
    }
    assert client.post(reverse("pages:practice_settings"), data).status_code == 302
    plan = make_plan(cast.clinician, cast.client, title="Shorter cycle")
    assert plan.review_date == plan.start_date + timedelta(days=60)


def test_a_k10_a_band_worse_reaches_the_caseload(cast) -> None:
    """The K10 has no reliable-change figure; 15 (low) -> 16 (moderate) is a band worse
    (Andrews & Slade 2001 bands), which the caseload shows as a deterioration."""
    _activate(cast, cast.plan)
    today = timezone.localdate()
    TreatmentPlan.objects.filter(pk=cast.plan.pk).update(start_date=today - timedelta(days=30))
    low = [2, 1, 1, 1, 1, 1, 1, 1, 1, 5]  # K10 items are scored 1-5: total 15
    moderate = [2, 2, 1, 1, 1, 1, 1, 1, 1, 5]  # 16
    make_administration(
        cast.clinician, cast.client, low, instrument="K10", on=today - timedelta(days=28)
    )
    make_administration(
        cast.clinician, cast.client, moderate, instrument="K10", on=today - timedelta(days=1)
    )
    row = next(r for r in build(actor(cast.clinician)).rows if r.client == cast.client)
    reasons = [s.reason for s in row.signals if s.code == "deteriorated"]
    assert any("severity band on the K10" in r and "(low \u2192 moderate)" in r for r in reasons)


ZONE = ZoneInfo(settings.TIME_ZONE)


def test_synthetic_scores_given_today_are_not_in_the_future(cast, time_machine) -> None:
    """Just after midnight a synthetic score dated today is stamped now, not at ten: the
    rows are bulk-created, past the service's refusal of a time in the future."""
    time_machine.move_to(datetime.combine(FROZEN_DAY, time(0, 5), tzinfo=ZONE), tick=True)
    generate(cast.practice, [cast.clinician], Sizes(clients=30, administrations=600, notes=0))
    given = list(Administration.objects.values_list("administered_at", flat=True))
    assert any(timezone.localdate(at) == FROZEN_DAY for at in given)  # the case is made
    assert max(given) <= timezone.now()
