"""Issue 12: when a measure was given is written in the practice's date style on its page
(a paper form by its day alone, one given in session with the time), while the API keeps
sending the ISO date-time it always has."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.api.helpers import Api
from tests.factories import PASSWORD, make_administration
from trellis.accounts.dates import date_style, format_day, format_moment
from trellis.accounts.models import PracticeSettings
from trellis.measures.models import Administration

pytestmark = pytest.mark.django_db


@pytest.fixture
def long_style(cast) -> None:
    PracticeSettings.objects.create(practice=cast.practice, date_style="long")


def test_in_session_and_paper_scores_read_the_practices_way(client, cast, long_style) -> None:
    day = timezone.localdate() - timedelta(days=3)
    in_session = make_administration(cast.clinician, cast.client, on=day)
    paper = make_administration(cast.clinician, cast.client, on=day - timedelta(days=1))
    Administration.objects.filter(pk=paper.pk).update(mode="paper")
    client.login(username=cast.clinician.email, password=PASSWORD)
    seen = client.get(reverse("measures:detail", args=[in_session.pk])).content.decode()
    on_paper = client.get(reverse("measures:detail", args=[paper.pk])).content.decode()
    with date_style("long"):
        assert f"{format_moment(in_session.administered_at)} by Casey Clinician" in seen
        assert f"<dd>{format_day(day - timedelta(days=1))} by Casey Clinician" in on_paper
    assert day.isoformat() not in seen


def test_the_api_still_sends_iso(cast, long_style) -> None:
    given = make_administration(cast.clinician, cast.client)
    body = Api(cast.clinician).get(f"/administrations/{given.pk}").json()
    sent = datetime.fromisoformat(body["administered_at"])  # ISO 8601, to the millisecond
    assert abs(sent - given.administered_at) < timedelta(milliseconds=1)
