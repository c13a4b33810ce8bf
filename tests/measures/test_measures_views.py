"""Measure pages over HTTP: the generated form, bad answers kept, the chart and table,
the critical-item banner until a response, custom instrument upload."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD, PHQ9_ITEM9, actor, make_administration, phq9_answers
from trellis.measures import services as measure_services
from trellis.measures.models import Administration, CustomInstrument
from trellis.measures.registry import instrument_get
from trellis.plans import services as plan_services
from trellis.plans.items import OBJECTIVE
from trellis.plans.models import Goal, TreatmentPlan

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def signed_in(client, cast):
    client.login(username=cast.clinician.email, password=PASSWORD)
    return client


def _form_data(answers, **extra):
    data = {f"item_{n}": str(v) for n, v in enumerate(answers, 1) if v is not None}
    data.update({"administered_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")})
    data.update({"mode": "in_session", "notes": ""})
    data.update(extra)
    return data


def test_the_form_is_generated_from_the_instrument(signed_in, cast) -> None:
    url = reverse("measures:administer", args=[cast.client.pk, "GAD-7"])
    body = signed_in.get(url).content.decode()
    # 7 items of 4 options, then the difficulty question (4 options, outside the total)
    assert body.count('type="radio"') == 7 * 4 + 4
    assert "Not at all" in body and "Extremely difficult" in body


def test_giving_a_phq9_scores_it_and_lands_on_the_measures_page(signed_in, cast) -> None:
    url = reverse("measures:administer", args=[cast.client.pk, "phq-9"])
    response = signed_in.post(url, _form_data(phq9_answers(14)), follow=True)
    assert response.redirect_chain[-1][0] == reverse("plans:measures", args=[cast.client.pk])
    body = response.content.decode()
    assert "PHQ-9 recorded: 14 (moderate)." in body
    assert "<svg" in body and 'role="img"' in body
    administration = Administration.objects.get(client=cast.client)
    assert administration.total == 14


def test_an_unanswered_item_is_named_and_the_other_answers_are_kept(signed_in, cast) -> None:
    url = reverse("measures:administer", args=[cast.client.pk, "PHQ-9"])
    answers = [2, 2, 2, None, 1, 1, 1, 1, 0]
    response = signed_in.post(url, _form_data(answers, notes="Filled in the waiting room"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Item 4 needs an answer." in body
    assert len(re.findall(r"<input[^>]* checked", body)) == 8
    assert "Filled in the waiting room" in body
    assert not Administration.objects.exists()


def test_an_out_of_range_value_is_refused(signed_in, cast) -> None:
    url = reverse("measures:administer", args=[cast.client.pk, "PHQ-9"])
    response = signed_in.post(url, _form_data([2, 2, 2, 9, 1, 1, 1, 1, 0]))
    assert "Select a valid choice" in response.content.decode()
    assert not Administration.objects.exists()


def test_the_measures_page_shows_change_since_baseline(signed_in, cast) -> None:
    today = timezone.localdate()
    # The plan started 20 days ago: the score 30 days ago is its baseline (within 30 days).
    TreatmentPlan.objects.filter(pk=cast.plan.pk).update(start_date=today - timedelta(20))
    make_administration(cast.clinician, cast.client, phq9_answers(18), on=today - timedelta(30))
    make_administration(cast.clinician, cast.client, phq9_answers(9), on=today)
    body = signed_in.get(reverse("plans:measures", args=[cast.client.pk])).content.decode()
    assert "reliable improvement" in body
    assert "reliable recovery" in body
    assert "-9" in body  # change since baseline column


def test_a_critical_item_stays_on_the_client_page_until_a_response(signed_in, cast) -> None:
    administration = make_administration(cast.clinician, cast.client, PHQ9_ITEM9)
    client_url = reverse("pages:client", args=[cast.client.pk])
    assert "Critical item needs a response" in signed_in.get(client_url).content.decode()
    response = signed_in.post(
        reverse("measures:respond", args=[administration.pk]),
        {
            "actions": ["assessed", "safety_plan"],
            "note": "Passive thoughts, no plan or intent.",
            "next": "client",
        },
    )
    assert response.status_code == 302 and response.url == client_url
    assert "Critical item needs a response" not in signed_in.get(client_url).content.decode()


def test_a_response_without_a_note_is_refused(signed_in, cast) -> None:
    administration = make_administration(cast.clinician, cast.client, PHQ9_ITEM9)
    response = signed_in.post(
        reverse("measures:respond", args=[administration.pk]), {"actions": ["assessed"]}
    )
    assert response.status_code == 422
    assert not hasattr(Administration.objects.get().__class__, "critical_response_x")
    administration.refresh_from_db()
    assert not CustomInstrument.objects.exists()


def test_the_measures_page_issues_a_bounded_number_of_queries(signed_in, cast) -> None:
    url = reverse("plans:measures", args=[cast.client.pk])
    make_administration(cast.clinician, cast.client, phq9_answers(10))
    _target(cast, kind="at_or_below", value=9.0)
    with CaptureQueriesContext(connection) as few:
        signed_in.get(url)
    today = timezone.localdate()
    for n in range(30):
        make_administration(
            cast.clinician, cast.client, phq9_answers(n % 24), on=today - timedelta(n)
        )
        make_administration(cast.clinician, cast.client, [1] * 7, instrument="GAD-7")
    for n in range(5):  # answered critical items ("responded", who, when) and total-only scores
        answered = make_administration(cast.clinician, cast.client, PHQ9_ITEM9, on=today)
        measure_services.critical_response_record(
            actor=actor(cast.clinician), administration=answered, actions=["assessed"], note="Seen."
        )
        measure_services.administration_record_total(
            actor=actor(cast.clinician),
            client=cast.client,
            instrument=instrument_get(None, "GAD-7"),
            total=12,
            administered_at=timezone.now() - timedelta(days=40 + n),
            notes="Referral letter",
        )
    for kind, value in [("down_by_percent", 50.0), ("reliable_improvement", None)]:
        _target(cast, kind=kind, value=value)
        _target(cast, kind=kind, value=value, instrument_id="GAD-7")
    objective = _objective(cast)
    for value in (5.0, 6.0, 7.0):
        _target(cast, owner=objective, kind="at_or_below", value=value)
    with CaptureQueriesContext(connection) as many:
        body = signed_in.get(url).content.decode()
    assert len(many) == len(few)
    assert body.count("drawn as dashed lines") == 2  # a targets table under both charts
    assert body.count('<span class="badge good">responded</span>') == 5
    assert body.count('<span class="badge total-only"') == 5


# --- target lines on the instrument charts ------------------------------------------------


def _target(cast, owner=None, **data):
    values = {"instrument_id": "PHQ-9", "kind": "at_or_below", "value": 9.0}
    values.update(data)
    owner = owner or Goal.objects.get(problem__plan=cast.plan)
    return plan_services.target_add(actor=actor(cast.clinician), owner=owner, data=values)


def _objective(cast):
    goal = Goal.objects.get(problem__plan=cast.plan)
    return plan_services.plan_item_add(
        actor=actor(cast.clinician), kind=OBJECTIVE, parent=goal, data={"statement": "Walk daily"}
    )


def _chart(body: str, instrument: str = "phq-9") -> ET.Element:
    start = body.index("<svg", body.index(f'id="measure-{instrument}"'))
    return ET.fromstring(body[start : body.index("</svg>", start) + len("</svg>")])  # noqa: S314


def _target_lines(chart: ET.Element) -> dict[str, float]:
    """Each target label on the chart and the page y of its dashed line."""
    group = chart.find(f".//{SVG}g[@id='chart-phq-9-targets']")
    assert group is not None
    lines = [float(line.attrib["y1"]) for line in group.iter(f"{SVG}line")]
    labels = [text.text or "" for text in group.iter(f"{SVG}text")]
    return dict(zip(labels, lines, strict=True))


def _marker_ys(chart: ET.Element) -> list[float]:
    group = chart.find(f".//{SVG}g[@id='chart-phq-9-points']")
    assert group is not None
    return [float(circle.attrib["cy"]) for circle in group.iter(f"{SVG}circle")]


def test_each_target_of_the_current_plan_is_a_line_where_it_is_met(signed_in, cast) -> None:
    today = timezone.localdate()
    TreatmentPlan.objects.filter(pk=cast.plan.pk).update(start_date=today - timedelta(30))
    make_administration(cast.clinician, cast.client, phq9_answers(18), on=today - timedelta(20))
    make_administration(cast.clinician, cast.client, phq9_answers(9), on=today - timedelta(10))
    make_administration(cast.clinician, cast.client, phq9_answers(12), on=today)
    deadline = today + timedelta(days=30)
    _target(cast, kind="at_or_below", value=9.0, deadline=deadline)
    _target(cast, kind="down_by_percent", value=50.0)  # from the baseline 18: met at 9
    _target(cast, kind="reliable_improvement", value=None)  # 18 - 6: met at 12
    body = signed_in.get(reverse("plans:measures", args=[cast.client.pk])).content.decode()
    chart = _chart(body)
    lines = _target_lines(chart)
    nine, twelve = _marker_ys(chart)[1], _marker_ys(chart)[2]
    assert lines == {
        f"PHQ-9: 9 or below by {deadline.isoformat()}": nine,
        "PHQ-9: a 50% drop \u00b7 met at 9 or below": nine,
        "PHQ-9: reliable improvement \u00b7 met at 12 or below": twelve,
    }
    deadlines = chart.find(f".//{SVG}g[@id='chart-phq-9-deadlines']")
    assert deadlines is not None and len(list(deadlines.iter(f"{SVG}line"))) == 1
    assert "<strong>12</strong> or below" in body
    assert f"from 18 on {(today - timedelta(20)).isoformat()}" in body


def test_a_target_without_a_line_says_why_and_subscale_targets_stay_off(signed_in, cast) -> None:
    make_administration(cast.clinician, cast.client, phq9_answers(7))  # not a case
    _target(cast, kind="recovery", value=None)
    _target(cast, instrument_id="DASS-21", subscale="depression", kind="at_or_below", value=9.0)
    make_administration(cast.clinician, cast.client, [1] * 21, instrument="DASS-21")
    body = signed_in.get(reverse("plans:measures", args=[cast.client.pk])).content.decode()
    assert _target_lines(_chart(body)) == {}
    assert "No line: the baseline 7 is not a case (cut-off 10)" in body
    dass = _chart(body, "dass-21")
    assert dass.find(f".//{SVG}g[@id='chart-dass-21-targets']/{SVG}line") is None


def test_targets_of_a_closed_plan_are_not_drawn(signed_in, cast) -> None:
    make_administration(cast.clinician, cast.client, phq9_answers(14))
    _target(cast, kind="at_or_below", value=9.0)
    TreatmentPlan.objects.filter(pk=cast.plan.pk).update(status="closed")
    body = signed_in.get(reverse("plans:measures", args=[cast.client.pk])).content.decode()
    assert _target_lines(_chart(body)) == {}
    assert "drawn as dashed lines" not in body


def test_target_descriptions_are_escaped_in_the_chart(signed_in, cast) -> None:
    """The chart is markup from Python: nothing a user typed reaches it unescaped."""
    make_administration(cast.clinician, cast.client, phq9_answers(14))
    TreatmentPlan.objects.filter(pk=cast.plan.pk).update(title='<script>alert("x")</script>')
    _target(cast, kind="at_or_below", value=9.0)
    body = signed_in.get(reverse("plans:measures", args=[cast.client.pk])).content.decode()
    assert "<script>alert" not in body
    assert _chart(body) is not None


CUSTOM = """\
id: MOOD-3
name: Three-item mood check
references:
  - id: ours
    citation: Practice-made check, not validated; for illustration only.
    year: 2026
licence:
  status: practice-owned
  text: Made by this practice.
  source: ours
scoring:
  source: ours
  higher_is: worse
  range: [0, 6]
  options:
    - {value: 0, text: Not at all}
    - {value: 1, text: Some days}
    - {value: 2, text: Most days}
items:
  - text: Low mood
  - text: Poor sleep
  - text: Worry
missing:
  rule: reject
"""


def test_an_admin_uploads_an_instrument_and_clinicians_can_give_it(client, cast) -> None:
    client.login(username=cast.admin.email, password=PASSWORD)
    upload = SimpleUploadedFile("mood3.yaml", CUSTOM.encode(), content_type="text/yaml")
    response = client.post(reverse("measures:instruments"), {"file": upload})
    if response.status_code != 302:
        pytest.fail(response.content.decode()[-3000:])
    assert CustomInstrument.objects.get().instrument_id == "MOOD-3"
    client.login(username=cast.clinician.email, password=PASSWORD)
    url = reverse("measures:administer", args=[cast.client.pk, "MOOD-3"])
    assert client.post(url, _form_data([2, 1, 0])).status_code == 302
    assert Administration.objects.get().total == 3
    client.login(username=cast.outsider.email, password=PASSWORD)
    listed = client.get(reverse("measures:instruments")).content.decode()
    assert "/instruments/MOOD-3/" not in listed


def test_a_broken_instrument_file_names_the_file_and_field(client, cast) -> None:
    client.login(username=cast.admin.email, password=PASSWORD)
    broken = CUSTOM.replace("{value: 2,", "{value: two,")
    upload = SimpleUploadedFile("mood3.yaml", broken.encode(), content_type="text/yaml")
    body = client.post(reverse("measures:instruments"), {"file": upload}).content.decode()
    assert "mood3.yaml: scoring.options[2].value" in body
    assert not CustomInstrument.objects.exists()


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("deep.yaml", "id: X\nitems: " + "[" * 5000 + "]" * 5000),
        (
            "deep.json",
            '{"resourceType": "Questionnaire", "item": ' + "[" * 100_000 + "]" * 100_000 + "}",
        ),
    ],
)
def test_a_deeply_nested_instrument_file_is_refused(client, cast, name, text) -> None:
    """Issue 13 item 6: these answered 500."""
    client.login(username=cast.admin.email, password=PASSWORD)
    upload = SimpleUploadedFile(name, text.encode())
    response = client.post(reverse("measures:instruments"), {"file": upload})
    assert response.status_code == 200
    assert f"{name}: not accepted" in response.content.decode()
    assert not CustomInstrument.objects.exists()


def test_only_an_admin_adds_instruments(signed_in) -> None:
    upload = SimpleUploadedFile("mood3.yaml", CUSTOM.encode(), content_type="text/yaml")
    assert signed_in.post(reverse("measures:instruments"), {"file": upload}).status_code == 403


def test_an_admin_imports_a_fhir_questionnaire(client, cast) -> None:
    import json

    from tests.core.measures.test_fhir import questionnaire

    client.login(username=cast.admin.email, password=PASSWORD)
    upload = SimpleUploadedFile(
        "gad2.json", json.dumps(questionnaire()).encode(), content_type="application/json"
    )
    assert client.post(reverse("measures:instruments"), {"file": upload}).status_code == 302
    row = CustomInstrument.objects.get()
    assert (row.instrument_id, row.format) == ("GAD2Example", "fhir")
    url = reverse("measures:administer", args=[cast.client.pk, "GAD2Example"])
    assert client.post(url, _form_data([3, 2])).status_code == 302
    assert Administration.objects.get().total == 5


def test_a_questionnaire_without_scores_is_refused_naming_the_field(client, cast) -> None:
    import json

    from tests.core.measures.test_fhir import questionnaire

    broken = questionnaire()
    broken["resourceType"] = "Patient"
    client.login(username=cast.admin.email, password=PASSWORD)
    upload = SimpleUploadedFile("q.json", json.dumps(broken).encode())
    body = client.post(reverse("measures:instruments"), {"file": upload}).content.decode()
    assert "q.json" in body
    assert not CustomInstrument.objects.exists()


def test_a_schedule_says_when_a_measure_is_due(signed_in, cast) -> None:
    today = timezone.localdate()
    make_administration(cast.clinician, cast.client, phq9_answers(12), on=today - timedelta(20))
    response = signed_in.post(
        reverse("plans:schedule_set", args=[cast.plan.pk]),
        {"instrument": "PHQ-9", "every_weeks": "2"},
    )
    assert response.status_code == 302
    body = signed_in.get(reverse("plans:measures", args=[cast.client.pk])).content.decode()
    due = (today - timedelta(20) + timedelta(weeks=2)).isoformat()
    assert f"due since {due}" in body
    bad = signed_in.post(
        reverse("plans:schedule_set", args=[cast.plan.pk]),
        {"instrument": "PHQ-9", "every_weeks": "99"},
        follow=True,
    )
    assert "Choose every 1 to 52 weeks." in bad.content.decode()
    assert cast.plan.measure_schedule.get().every_weeks == 2


def test_flags_and_bands_read_as_words() -> None:
    from trellis.measures.templatetags.measures_tags import flag_label, severity_label

    assert flag_label("item9_positive") == "Item 9 positive"
    assert flag_label("positive_screen_women") == "Positive screen (women)"
    assert flag_label("positive_screen") == "Positive screen"
    assert severity_label("zone i", "AUDIT") == "Zone I"
    assert severity_label("moderate", "NO-SUCH") == "moderate"


def test_a_stored_instrument_that_no_longer_loads_is_skipped(cast) -> None:
    from trellis.measures.registry import instruments_for

    CustomInstrument.objects.create(
        practice=cast.practice,
        instrument_id="BROKEN-1",
        name="Broken",
        file_name="broken.yaml",
        format="yaml",
        source="id: BROKEN-1\n",
        added_by=cast.admin,
    )
    known = instruments_for(cast.practice.pk)
    assert "BROKEN-1" not in known and "PHQ-9" in known


def _gad7(total: int) -> list[int | None]:
    answers: list[int | None] = []
    for _ in range(7):
        answers.append(min(3, total))
        total -= min(3, total)
    return answers


def test_the_page_judges_phq9_and_gad7_together(signed_in, cast) -> None:
    """NHS Talking Therapies' outcomes are paired (IAPT Manual, appendix C): PHQ-9 18 -> 9
    improves reliably (>= 6) but GAD-7 6 -> 10 worsens reliably (>= 4) and 10 is a case,
    so the course is a reliable deterioration, not a recovery; each measure's own badge
    says it speaks for that measure alone."""
    today = timezone.localdate()
    # The plan started 45 days ago, so the scores 40 days ago are its baselines.
    TreatmentPlan.objects.filter(pk=cast.plan.pk).update(start_date=today - timedelta(45))
    make_administration(
        cast.clinician, cast.client, phq9_answers(18), on=today - timedelta(days=40)
    )
    make_administration(
        cast.clinician, cast.client, _gad7(6), instrument="GAD-7", on=today - timedelta(days=40)
    )
    make_administration(cast.clinician, cast.client, phq9_answers(9), on=today - timedelta(days=2))
    make_administration(
        cast.clinician, cast.client, _gad7(10), instrument="GAD-7", on=today - timedelta(days=2)
    )
    body = signed_in.get(reverse("plans:measures", args=[cast.client.pk])).content.decode()
    card = body[body.index('id="paired-course"') :]
    card = card[: card.index("</section>")]
    assert "PHQ-9 18" in card and "GAD-7 6" in card
    assert 'Reliable deterioration: <span class="badge danger">yes</span>' in card
    assert "Reliable improvement: no" in card
    assert "Recovery: no" in card
    assert "recovery on this measure alone" in body  # the PHQ-9 card on its own: 18 -> 9


def test_the_paired_card_says_what_is_missing(signed_in, cast) -> None:
    make_administration(cast.clinician, cast.client, phq9_answers(18))
    body = signed_in.get(reverse("plans:measures", args=[cast.client.pk])).content.decode()
    assert "missing: PHQ-9 and GAD-7" in body


def test_the_instrument_page_says_how_change_is_judged(signed_in) -> None:
    body = signed_in.get(reverse("measures:instrument", args=["PCL-5"])).content.decode()
    assert "a change of 15 points or more (published threshold)" in body  # Marx et al. 2022
    assert "an item rated 2 or more counts; at least 1 in B, 1 in C, 2 in D, 2 in E" in body
    body = signed_in.get(reverse("measures:instrument", args=["PHQ-9"])).content.decode()
    assert "a change of 6 points or more (published threshold); caseness at 10 or more" in body


def test_recovery_beside_no_reliable_change_is_explained(signed_in, cast) -> None:
    """PHQ-9 11 -> 8 and GAD-7 9 -> 6: both were cases (>= 10, >= 8) and neither is now, so
    the course is a recovery; neither fell by the reliable-change points (6, 4), so there is
    no reliable improvement. The card says why both hold, and so does each measure's own."""
    today = timezone.localdate()
    TreatmentPlan.objects.filter(pk=cast.plan.pk).update(start_date=today - timedelta(45))
    before, after = today - timedelta(days=40), today - timedelta(days=2)
    make_administration(cast.clinician, cast.client, phq9_answers(11), on=before)
    make_administration(cast.clinician, cast.client, _gad7(9), instrument="GAD-7", on=before)
    make_administration(cast.clinician, cast.client, phq9_answers(8), on=after)
    make_administration(cast.clinician, cast.client, _gad7(6), instrument="GAD-7", on=after)
    body = signed_in.get(reverse("plans:measures", args=[cast.client.pk])).content.decode()
    card = body[body.index('id="paired-course"') :]
    card = card[: card.index("</section>")]
    assert 'Recovery: <span class="badge good">yes</span>' in card
    assert "Reliable improvement: no" in card
    assert "Both can be true: they ask different questions." in card
    assert "(PHQ-9: 6 points or more; GAD-7: 4 points or more)" in card
    phq9 = body[body.index('id="measure-phq-9"') :]
    phq9 = phq9[: phq9.index("</section>")]
    assert "no reliable change" in phq9 and "recovery on this measure alone" in phq9
    assert "(PHQ-9: 10 or more is a case)" in phq9


def test_no_explanation_where_nothing_looks_at_odds(signed_in, cast) -> None:
    make_administration(cast.clinician, cast.client, phq9_answers(18))
    body = signed_in.get(reverse("plans:measures", args=[cast.client.pk])).content.decode()
    assert "Both can be true" not in body


def test_the_chart_marks_the_plans_start_and_the_targets_deadline(signed_in, cast) -> None:
    today = timezone.localdate()
    start = today - timedelta(days=20)
    TreatmentPlan.objects.filter(pk=cast.plan.pk).update(start_date=start)
    make_administration(cast.clinician, cast.client, phq9_answers(16), on=today - timedelta(10))
    make_administration(cast.clinician, cast.client, phq9_answers(12), on=today)
    deadline = today + timedelta(weeks=8)
    _target(cast, kind="at_or_below", value=9.0, deadline=deadline)
    body = signed_in.get(reverse("plans:measures", args=[cast.client.pk])).content.decode()
    svg = body[body.index("<svg") : body.index("</svg>") + 6]
    root = ET.fromstring(svg)  # noqa: S314 - our own page
    started = root.find(f".//{SVG}g[@id='chart-phq-9-plan-start']")
    assert started is not None and len(started.findall(f"{SVG}line")) == 1
    deadlines = root.find(f".//{SVG}g[@id='chart-phq-9-deadlines']")
    assert deadlines is not None and len(deadlines.findall(f"{SVG}line")) == 1
    desc = root.find(f"{SVG}desc").text
    assert f"The plan started on {start.isoformat()}." in desc
    assert f"by {deadline.isoformat()}" in desc


def test_the_schedule_picker_starts_on_no_instrument(signed_in, cast) -> None:
    body = signed_in.get(reverse("plans:measures", args=[cast.client.pk])).content.decode()
    picker = re.search(r'<select name="instrument" required>(.*?)</select>', body, re.S)
    assert picker is not None
    options = re.findall(r"<option[^>]*>([^<]*)</option>", picker.group(1))
    assert options[0] == "Choose a measure…" and "selected" not in picker.group(1)
    assert "ASQ — Ask Suicide-Screening Questions" in options
    response = signed_in.post(
        reverse("plans:schedule_set", args=[cast.plan.pk]), {"instrument": "", "every_weeks": "2"}
    )
    assert response.status_code == 302
    assert not cast.plan.measure_schedule.exists()
