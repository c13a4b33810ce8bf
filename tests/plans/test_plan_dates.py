"""Dates on a plan stay in a range before any arithmetic on them (issue 13 item 6: a plan
starting 9999-12-31 answered 500 in the UI and the API). Each refusal names the field and
changes nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.api.helpers import Api, errors_by_field, objective_of, snapshot
from tests.core.library.helpers import minimal_data
from tests.factories import PASSWORD, Personas, actor, make_plan
from trellis.core.library import builtin_templates, parse_template
from trellis.core.library.errors import TemplateFileError
from trellis.core.smart import deadline_to_date
from trellis.library.registry import template_get
from trellis.library.services import template_apply
from trellis.plans import services
from trellis.plans.dates import check_dates, latest_date, latest_start
from trellis.plans.models import Goal, MeasureTarget, TreatmentPlan

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 7)
END_OF_TIME = date(9999, 12, 31)


def test_the_ranges_at_their_boundaries() -> None:
    assert latest_start(TODAY) == date(2027, 12, 8)  # 366 days
    assert latest_date(TODAY) == date(2036, 12, 7)  # 3,653 days: ten years with leap days
    check_dates({"start_date": date(1900, 1, 1), "review_date": date(2036, 12, 7)}, TODAY)
    check_dates({"start_date": date(2027, 12, 8)}, TODAY)
    for values, field in [
        ({"start_date": date(1899, 12, 31)}, "start_date"),
        ({"start_date": date(2027, 12, 9)}, "start_date"),
        ({"review_date": date(2036, 12, 8)}, "review_date"),
        ({"target_date": END_OF_TIME}, "target_date"),
        ({"deadline": date(1, 1, 1)}, "deadline"),
        ({"next_review_date": END_OF_TIME}, "next_review_date"),
    ]:
        with pytest.raises(ValidationError) as caught:
            check_dates(values, TODAY)
        assert list(caught.value.message_dict) == [field]


def test_the_message_says_the_range() -> None:
    with pytest.raises(ValidationError) as caught:
        check_dates({"start_date": END_OF_TIME}, TODAY)
    assert caught.value.message_dict == {
        "start_date": ["Choose a date between 1900-01-01 and 2027-12-08 (a year from today)."]
    }


def test_the_service_refuses_a_start_at_the_end_of_time(cast: Personas) -> None:
    before = snapshot()
    with pytest.raises(ValidationError) as caught:
        make_plan(cast.clinician, cast.client, start_date=END_OF_TIME)
    assert "start_date" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.plan_update(
            actor=actor(cast.clinician),
            plan=cast.plan,
            data={"review_date": END_OF_TIME},
            expected_version=cast.plan.version,
        )
    assert "review_date" in caught.value.message_dict
    assert snapshot() == before


def test_the_new_plan_page_names_the_field(client, cast: Personas) -> None:
    client.login(username=cast.clinician.email, password=PASSWORD)
    before = TreatmentPlan.objects.count()
    response = client.post(
        reverse("plans:create", args=[cast.client.pk]),
        {"title": "Far away", "start_date": "9999-12-31", "review_date": ""},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "a year from today" in form.errors["start_date"][0]
    assert 'value="Far away"' in response.content.decode()  # nothing typed is lost
    assert TreatmentPlan.objects.count() == before


def test_the_api_answers_422_on_the_field(cast: Personas) -> None:
    api = Api(cast.clinician)
    before = snapshot()
    response = api.post(f"/clients/{cast.client.pk}/plans", {"start_date": "9999-12-31"})
    assert response.status_code == 422, response.content
    assert "a year from today" in errors_by_field(response)["start_date"]
    response = api.patch(
        f"/objectives/{objective_of(cast.plan).pk}",
        {"version": 1, "target_date": "9999-12-31"},
    )
    assert response.status_code == 422, response.content
    assert "ten years from today" in errors_by_field(response)["target_date"]
    assert snapshot() == before


def test_a_target_deadline_at_the_end_of_time_is_refused(cast: Personas) -> None:
    with pytest.raises(ValidationError) as caught:
        services.target_add(
            actor=actor(cast.clinician),
            owner=Goal.objects.get(problem__plan=cast.plan),
            data={
                "instrument_id": "PHQ-9",
                "kind": "at_or_below",
                "value": 9,
                "deadline": END_OF_TIME,
            },
        )
    assert "deadline" in caught.value.message_dict
    assert not MeasureTarget.objects.exists()


def test_applying_a_template_from_the_end_of_time_is_refused(cast: Personas) -> None:
    entry = template_get(cast.clinician.practice_id, sorted(builtin_templates())[0])
    before = TreatmentPlan.objects.count()
    with pytest.raises(ValidationError) as caught:
        template_apply(
            actor=actor(cast.clinician), client=cast.client, entry=entry, start_date=END_OF_TIME
        )
    assert "start_date" in caught.value.message_dict
    assert TreatmentPlan.objects.count() == before


def test_a_deadline_past_the_calendar_has_no_date() -> None:
    start = timezone.localdate()
    assert deadline_to_date("within 99999999 weeks", start) is None
    assert deadline_to_date("9999999999999 days", start) is None
    assert deadline_to_date("by next year", END_OF_TIME) is None
    assert deadline_to_date("within 3 weeks", date(2026, 1, 1)) == date(2026, 1, 22)


def _with_deadline(deadline: str) -> object:
    data = minimal_data()
    data["problems"][0]["goals"][0]["objectives"][0]["deadline"] = deadline
    return data


def test_a_template_deadline_is_at_most_five_years_out() -> None:
    template = parse_template(_with_deadline("within 260 weeks"), "t.yaml")
    assert template.objectives[0].deadline == "within 260 weeks"
    with pytest.raises(TemplateFileError) as caught:
        parse_template(_with_deadline("within 99999999 weeks"), "t.yaml")
    assert "more than five years from the plan's start" in str(caught.value)
    assert str(caught.value).startswith("t.yaml: problems[0].goals[0].objectives[0].deadline:")


def test_the_review_date_is_within_ten_years(cast: Personas) -> None:
    plan = make_plan(
        cast.clinician, cast.client, review_date=timezone.localdate() + timedelta(days=3653)
    )
    assert plan.review_date == latest_date()
