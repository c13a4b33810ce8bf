"""The target form opens on what the objective already says: the instrument it names, its
target date; the subscale is a list of that measure's subscales and the baseline a list of
the client's scores on that measure only."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD, actor, make_administration, phq9_answers
from trellis.measures import services as measure_services
from trellis.measures.registry import instrument_get
from trellis.plans import services
from trellis.plans.items import OBJECTIVE
from trellis.plans.models import Goal, TreatmentPlan

pytestmark = pytest.mark.django_db

GAD7_TEN = [2, 2, 2, 1, 1, 1, 1]
DASS21 = [1] * 21


@pytest.fixture(autouse=True)
def started_a_month_ago(cast) -> None:
    start = timezone.localdate() - timedelta(days=30)
    TreatmentPlan.objects.filter(pk=cast.plan.pk).update(start_date=start)
    cast.plan.refresh_from_db()


@pytest.fixture
def signed_in(client, cast):
    client.login(username=cast.clinician.email, password=PASSWORD)
    return client


def _objective(cast, statement: str, target_date=None):
    goal = Goal.objects.get(problem__plan=cast.plan)
    data = {"statement": statement}
    if target_date is not None:
        data["target_date"] = target_date
    return services.plan_item_add(
        actor=actor(cast.clinician), kind=OBJECTIVE, parent=goal, data=data
    )


def _select(page: str, name: str) -> str:
    found = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S)
    assert found, f"no select {name}"
    return found.group(1)


def _selected(options: str) -> list[str]:
    return re.findall(r'<option value="([^"]*)"[^>]*selected', options)


def _add_page(http, objective, **query) -> str:
    url = reverse("plans:target_add", args=["objective", objective.pk])
    return http.get(url, query).content.decode()


def test_the_form_opens_on_the_named_instrument_and_the_objectives_date(signed_in, cast) -> None:
    due = cast.plan.start_date + timedelta(weeks=12)
    objective = _objective(cast, "GAD-7 below 8 within 12 weeks.", target_date=due)
    page = _add_page(signed_in, objective)
    measure = _select(page, "instrument_id")
    assert _selected(measure) == ["GAD-7"]
    assert "GAD-7 — Generalized Anxiety Disorder-7" in measure
    assert f'value="{due.isoformat()}"' in page


def test_nothing_named_means_no_measure_chosen_and_never_the_asq(signed_in, cast) -> None:
    objective = _objective(cast, "Walk three times a week within 6 weeks.")
    measure = _select(_add_page(signed_in, objective), "instrument_id")
    assert _selected(measure) == [""]  # the blank "choose" line
    first = re.search(r"<option[^>]*>([^<]*)</option>", measure)
    assert first and first.group(1) == "Choose a measure…"
    assert "ASQ — " in measure  # offered, with its name in full, but not chosen


def test_the_subscale_is_a_list_of_that_measures_subscales(signed_in, cast) -> None:
    objective = _objective(cast, "DASS-21 depression down by 6 points.")
    subscale = _select(_add_page(signed_in, objective), "subscale")
    assert re.findall(r'value="([^"]*)"', subscale) == ["", "depression", "anxiety", "stress"]
    assert ">Total score<" in subscale
    phq = _objective(cast, "PHQ-9 below 10.")
    assert re.findall(r'value="([^"]*)"', _select(_add_page(signed_in, phq), "subscale")) == [""]


def test_a_subscale_of_another_measure_is_refused_by_name(signed_in, cast) -> None:
    objective = _objective(cast, "PHQ-9 below 10.")
    url = reverse("plans:target_add", args=["objective", objective.pk])
    data = {"instrument_id": "PHQ-9", "subscale": "depression", "kind": "recovery"}
    response = signed_in.post(url, data)
    assert response.status_code == 200
    assert "PHQ-9 has no subscale depression" in response.content.decode()
    assert not objective.targets.exists()


def test_the_baseline_list_holds_only_that_measures_scores(signed_in, cast) -> None:
    day = cast.plan.start_date
    phq = make_administration(cast.clinician, cast.client, phq9_answers(15), on=day)
    gad = make_administration(cast.clinician, cast.client, GAD7_TEN, instrument="GAD-7", on=day)
    objective = _objective(cast, "GAD-7 below 8.")
    baseline = _select(_add_page(signed_in, objective), "baseline")
    assert str(gad.pk) in baseline and str(phq.pk) not in baseline
    # Another measure chosen (the htmx request the select makes): the list follows it.
    again = _select(_add_page(signed_in, objective, instrument_id="PHQ-9"), "baseline")
    assert str(phq.pk) in again and str(gad.pk) not in again
    # A posted score of another measure is refused and nothing is saved.
    url = reverse("plans:target_add", args=["objective", objective.pk])
    data = {"instrument_id": "GAD-7", "kind": "recovery", "baseline": str(phq.pk)}
    response = signed_in.post(url, data)
    assert "not one of this client&#x27;s valid scores on this measure" in response.content.decode()
    assert not objective.targets.exists()


def test_the_measure_select_asks_for_the_form_again_without_the_version(signed_in, cast) -> None:
    objective = _objective(cast, "PHQ-9 below 10.")
    page = _add_page(signed_in, objective)
    select = re.search(r'<select name="instrument_id"[^>]*>', page).group(0)
    assert 'hx-get="' + reverse("plans:target_add", args=["objective", objective.pk]) in select
    assert 'hx-select="#target-form"' in select and "version" not in select


def test_the_words_fill_the_subscale_kind_and_value(signed_in, cast) -> None:
    objective = _objective(cast, "DASS-21 depression score at or below 9 within 10 weeks.")
    page = _add_page(signed_in, objective)
    assert _selected(_select(page, "instrument_id")) == ["DASS-21"]
    assert _selected(_select(page, "subscale")) == ["depression"]
    assert _selected(_select(page, "kind")) == ["at_or_below"]
    assert 'name="value" value="9.0"' in page or 'name="value" value="9"' in page
    deadline = cast.plan.start_date + timedelta(weeks=10)
    assert f'value="{deadline.isoformat()}"' in page  # read from "within 10 weeks"


def test_what_was_typed_wins_when_the_form_is_shown_again(signed_in, cast) -> None:
    due = cast.plan.start_date + timedelta(weeks=12)
    objective = _objective(cast, "GAD-7 below 8 within 12 weeks.", target_date=due)
    page = _add_page(
        signed_in, objective, instrument_id="PHQ-9", kind="recovery", deadline="2027-05-01"
    )
    assert _selected(_select(page, "instrument_id")) == ["PHQ-9"]
    assert _selected(_select(page, "kind")) == ["recovery"]
    assert 'value="2027-05-01"' in page


def test_a_total_only_score_is_labelled_in_the_baseline_list(signed_in, cast) -> None:
    measure_services.administration_record_total(
        actor=actor(cast.clinician),
        client=cast.client,
        instrument=instrument_get(None, "PHQ-9"),
        total=17,
        administered_at=timezone.now() - timedelta(days=35),
        notes="Referral letter",
    )
    objective = _objective(cast, "PHQ-9 below 10.")
    assert "PHQ-9 17 (total only) on" in _select(_add_page(signed_in, objective), "baseline")
