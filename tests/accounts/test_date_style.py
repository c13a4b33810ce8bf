"""One date style per practice, used on every page through the ``day`` and ``moment``
filters, read with the signed-in user so it costs no query."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.template import engines
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD, Personas, actor, make_client
from trellis.accounts.dates import date_style, format_dates_in, format_day, format_moment
from trellis.accounts.models import PracticeSettings
from trellis.plans import services as plan_services
from trellis.plans.models import TreatmentPlan

pytestmark = pytest.mark.django_db

DAY = date(2026, 3, 9)
AT = datetime(2026, 3, 9, 14, 5, tzinfo=ZoneInfo("UTC"))


@pytest.mark.parametrize(
    ("style", "day", "moment"),
    [
        ("iso", "2026-03-09", "2026-03-09 14:05"),
        ("us", "03/09/2026", "03/09/2026 2:05 PM"),
        ("dmy", "09/03/2026", "09/03/2026 14:05"),
        ("long", "9 Mar 2026", "9 Mar 2026 14:05"),
    ],
)
def test_each_style_writes_a_day_and_a_moment(style: str, day: str, moment: str) -> None:
    with date_style(style):
        assert (format_day(DAY), format_moment(AT)) == (day, moment)
        assert format_day("2026-03-09") == day  # as stored records keep dates
    assert format_day(None) == "" and format_day("not a date") == "not a date"


def test_dates_inside_a_sentence_follow_the_style() -> None:
    reason = "Plan review overdue: due on 2026-03-09, 3 days ago (version 2026-99-99)."
    with date_style("us"):
        assert format_dates_in(reason) == (
            "Plan review overdue: due on 03/09/2026, 3 days ago (version 2026-99-99)."
        )
    assert format_dates_in(reason) == reason


def test_the_filters_are_built_into_every_template() -> None:
    template = engines["django"].from_string(
        "{{ d|day }} · {{ t|moment }} · {{ n|day|default:'—' }}"
    )
    with date_style("long"):
        assert (
            template.render({"d": DAY, "t": AT, "n": None}) == "9 Mar 2026 · 9 Mar 2026 14:05 · —"
        )


def test_an_admin_sets_the_style_and_every_page_follows(client, cast: Personas) -> None:
    client.login(username=cast.admin.email, password=PASSWORD)
    url = reverse("pages:practice_settings")
    assert "how dates are written" in client.get(url).content.decode().lower()
    data = {"review_warning_days": 14, "no_improvement_weeks": 8, "no_session_weeks": 3}
    assert client.post(url, {**data, "date_style": "long"}).status_code == 302
    assert PracticeSettings.objects.get(practice=cast.practice).date_style == "long"
    client.login(username=cast.clinician.email, password=PASSWORD)
    page = client.get(reverse("pages:client", args=[cast.client.pk])).content.decode()
    assert "12 Apr 1990" in page and "1990-04-12" not in page
    plan = client.get(reverse("plans:detail", args=[cast.plan.pk])).content.decode()
    assert cast.plan.start_date.strftime("%Y-%m-%d") not in plan
    plan_services.plan_activate(
        actor=actor(cast.clinician), plan=cast.plan, expected_version=cast.plan.version
    )
    due = timezone.localdate() - timedelta(days=3)
    TreatmentPlan.objects.filter(pk=cast.plan.pk).update(review_date=due)
    dashboard = client.get(reverse("dashboard")).content.decode()
    with date_style("long"):
        assert f"due on {format_day(due)}" in dashboard  # inside the signal's reason
    assert due.isoformat() not in dashboard


def test_another_practice_keeps_its_own_style(client, cast: Personas) -> None:
    PracticeSettings.objects.create(practice=cast.practice, date_style="us")
    theirs = make_client(cast.outsider, date_of_birth=date(1991, 5, 6))
    client.login(username=cast.outsider.email, password=PASSWORD)
    body = client.get(reverse("pages:client", args=[theirs.pk])).content.decode()
    assert "1991-05-06" in body and "05/06/1991" not in body


def test_the_style_costs_no_query(client, cast: Personas) -> None:
    client.login(username=cast.clinician.email, password=PASSWORD)
    url = reverse("pages:client", args=[cast.client.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as without:
        client.get(url)
    PracticeSettings.objects.create(practice=cast.practice, date_style="dmy")
    with CaptureQueriesContext(connection) as with_style:
        body = client.get(url).content.decode()
    assert "12/04/1990" in body
    assert len(with_style) == len(without)
