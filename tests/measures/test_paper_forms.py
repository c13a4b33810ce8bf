"""Paper forms: the day they were filled in (no time), a stack entered one after another,
and a historical total when only the score is known, marked as such wherever it shows."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.api.helpers import Api
from tests.audit_helpers import events_since, last_id
from tests.factories import PASSWORD, actor, make_administration, phq9_answers
from trellis.measures import services
from trellis.measures.models import Administration
from trellis.measures.registry import instrument_get
from trellis.plans.models import TreatmentPlan

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, cast):
    client.login(username=cast.clinician.email, password=PASSWORD)
    return client


def _paper(answers, day, **extra):
    data = {f"item_{n}": str(v) for n, v in enumerate(answers, 1) if v is not None}
    data.update({"filled_on": day.isoformat(), "notes": ""}, **extra)
    return data


def test_a_paper_form_asks_the_day_and_keeps_it(signed_in, cast) -> None:
    url = reverse("measures:administer_paper", args=[cast.client.pk, "PHQ-9"])
    page = signed_in.get(url).content.decode()
    assert 'type="date" name="filled_on"' in page and "datetime-local" not in page
    day = timezone.localdate() - timedelta(days=20)
    response = signed_in.post(url, _paper(phq9_answers(12), day))
    assert response.status_code == 302
    saved = Administration.objects.get()
    assert saved.mode == "paper" and timezone.localdate(saved.administered_at) == day
    assert saved.given_on_display == day.isoformat()  # no made-up hour
    detail = signed_in.get(reverse("measures:detail", args=[saved.pk])).content.decode()
    assert f"{day.isoformat()} by Casey Clinician · Paper form entered later" in detail


def test_a_paper_form_without_its_day_is_refused_and_keeps_the_answers(signed_in, cast) -> None:
    url = reverse("measures:administer_paper", args=[cast.client.pk, "PHQ-9"])
    response = signed_in.post(url, _paper(phq9_answers(12), timezone.localdate(), filled_on=""))
    assert response.status_code == 200
    assert "Give the day the form was filled in." in response.content.decode()
    assert len(re.findall(r"<input[^>]* checked", response.content.decode())) == 9
    assert not Administration.objects.exists()


def test_save_and_enter_another_comes_back_for_the_next_form(signed_in, cast) -> None:
    url = reverse("measures:administer_paper", args=[cast.client.pk, "PHQ-9"])
    today = timezone.localdate()
    first = signed_in.post(url, _paper(phq9_answers(18), today - timedelta(days=30), another="1"))
    assert first.status_code == 302 and first.url == url
    second = signed_in.post(url, _paper(phq9_answers(14), today - timedelta(days=16), another="1"))
    assert second.url == url
    page = signed_in.get(url).content.decode()
    assert "PHQ-9 recorded: 14 (moderate)." in page
    assert 'name="filled_on" value=' not in page  # each form's own day, never carried over
    totals = list(
        Administration.objects.order_by("administered_at").values_list("total", flat=True)
    )
    assert totals == [18, 14]


def test_the_difficulty_question_is_kept_and_left_out_of_the_total(signed_in, cast) -> None:
    url = reverse("measures:administer", args=[cast.client.pk, "GAD-7"])
    data = {f"item_{n}": "1" for n in range(1, 8)}
    data.update(
        administered_at=timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        mode="in_session",
        notes="",
        unscored_difficulty="2",
    )
    assert signed_in.post(url, data).status_code == 302
    saved = Administration.objects.get()
    assert saved.total == 7 and saved.unscored_answers == {"difficulty": 2}
    detail = signed_in.get(reverse("measures:detail", args=[saved.pk])).content.decode()
    assert "Very difficult" in detail and "(not counted in the total)" in detail


def test_an_answer_that_is_no_option_of_the_question_is_refused(cast) -> None:
    with pytest.raises(Exception, match=r"difficulty: 4 is not one of its options \(0, 1, 2, 3\)"):
        services.administration_record(
            actor=actor(cast.clinician),
            client=cast.client,
            instrument=instrument_get(None, "PHQ-9"),
            answers=phq9_answers(5),
            unscored_answers={"difficulty": 4},
        )
    assert not Administration.objects.exists()


def test_a_historical_total_counts_is_marked_and_audited(signed_in, cast) -> None:
    url = reverse("measures:administer_total", args=[cast.client.pk, "PHQ-9"])
    page = signed_in.get(url).content.decode()
    assert "the critical item (item 9) cannot be checked" in page
    day = timezone.localdate() - timedelta(days=10)  # within the plan's baseline window
    mark = last_id()
    data = {"filled_on": day.isoformat(), "total": "19", "notes": "Referral letter, Dr Rowe"}
    assert signed_in.post(url, data).status_code == 302
    saved = Administration.objects.get()
    assert saved.total_only and saved.total == 19 and saved.severity == "moderately severe"
    assert saved.answers == [None] * 9 and not saved.is_critical
    assert saved.score_notes[-1].endswith("could be checked (critical item 9).")
    detail = signed_in.get(reverse("measures:detail", args=[saved.pk])).content.decode()
    assert "a historical total, entered later" in detail and "total only</span>" in detail
    assert "Entered as a total only: the item answers are not known." in detail
    (event,) = [e for e in events_since(mark) if e.action == "create"]
    assert event.detail == {"instrument": "PHQ-9", "mode": "paper", "total_only": True}
    TreatmentPlan.objects.filter(pk=cast.plan.pk).update(start_date=day + timedelta(days=5))
    make_administration(cast.clinician, cast.client, phq9_answers(9))
    measures = signed_in.get(reverse("plans:measures", args=[cast.client.pk])).content.decode()
    assert "total only</span>" in measures
    assert "reliable improvement" in measures  # 19 -> 9 counts as change
    listed = Api(cast.clinician).get(f"/clients/{cast.client.pk}/administrations").json()
    assert [row["total_only"] for row in listed] == [True, False]


@pytest.mark.parametrize(
    ("total", "message"),
    [("28", "The PHQ-9 total runs from 0 to 27; 28 is outside it."),
     ("-1", "The PHQ-9 total runs from 0 to 27; -1 is outside it."),
     ("12.5", "The PHQ-9 total is a whole number; 12.5 is not one.")],
)  # fmt: skip
def test_a_total_outside_the_scale_is_refused_and_kept(signed_in, cast, total, message) -> None:
    url = reverse("measures:administer_total", args=[cast.client.pk, "PHQ-9"])
    data = {"filled_on": timezone.localdate().isoformat(), "total": total, "notes": "Old chart"}
    response = signed_in.post(url, data)
    body = response.content.decode()
    assert response.status_code == 200 and message in body
    assert f'value="{total}"' in body and "Old chart" in body
    assert not Administration.objects.exists()


def test_a_screener_has_no_total_only_entry(signed_in, cast) -> None:
    url = reverse("measures:administer_total", args=[cast.client.pk, "ASQ"])
    data = {"filled_on": timezone.localdate().isoformat(), "total": "1", "notes": "Old chart"}
    body = signed_in.post(url, data).content.decode()
    assert "read from its answers by a screening rule" in body
    assert not Administration.objects.exists()
