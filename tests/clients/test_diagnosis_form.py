"""Recording a diagnosis: the code search, save and add another, onset as known, rule-outs."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import PASSWORD, actor, make_diagnosis
from trellis.audit.models import AuditEvent
from trellis.clients.models import Diagnosis
from trellis.clients.services import diagnosis_update
from trellis.core.onset import Precision
from trellis.plans.services import plan_item_update

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def signed_in(client, cast):
    client.login(username=cast.clinician.email, password=PASSWORD)
    return client


def options(signed_in, query: str) -> str:
    response = signed_in.get(reverse("clients:icd10_search"), {"q": query}, **HTMX)
    assert response.status_code == 200
    return response.content.decode()


def test_a_long_list_says_how_many_of_how_many(signed_in) -> None:
    body = options(signed_in, "disorder")
    assert body.count('role="option"') == 25
    assert "25 of " in body and "— refine the search to see the rest." in body


def test_a_short_list_says_how_many(signed_in) -> None:
    body = options(signed_in, "worry")
    assert "1 code found." in body
    assert 'data-value="F41.1 Generalized anxiety disorder"' in body


def test_no_match_says_so(signed_in) -> None:
    body = options(signed_in, "zzqx")
    assert "No match for “zzqx”" in body
    assert 'role="option"' not in body


def test_category_headings_are_not_offered(signed_in) -> None:
    body = options(signed_in, "F32")
    assert 'data-value="F32 ' not in body
    assert 'data-value="F32.A Depression, unspecified"' in body
    found = signed_in.get(reverse("clients:icd10_search"), {"q": "depression"}).json()
    assert found["results"] and all(row["billable"] for row in found["results"])
    assert found["total"] >= len(found["results"])


def test_a_category_heading_posted_anyway_is_refused_and_nothing_is_saved(signed_in, cast) -> None:
    url = reverse("clients:diagnosis_add", args=[cast.client.pk])
    response = signed_in.post(url, {"code": "F43.1", "status": "active", "onset": "2019"})
    body = response.content.decode()
    assert "F43.1 is a category heading: choose a complete (billable) code." in body
    assert 'value="2019"' in body
    assert not Diagnosis.objects.filter(client=cast.client, code="F43.1").exists()


def test_without_javascript_words_come_back_as_codes_to_pick(signed_in, cast) -> None:
    url = reverse("clients:diagnosis_add", args=[cast.client.pk])
    body = signed_in.post(url, {"code": "worry", "status": "active"}).content.decode()
    assert "Codes for “worry”: pick one" in body
    assert "“worry” is not a code: pick one from the list" in body
    assert 'name="pick" value="F41.1"' in body
    response = signed_in.post(url, {"code": "worry", "pick": "F41.1", "status": "active"})
    assert response.status_code == 302
    assert Diagnosis.objects.filter(client=cast.client, code="F41.1").exists()


def test_save_and_add_another_opens_the_form_again(signed_in, cast) -> None:
    url = reverse("clients:diagnosis_add", args=[cast.client.pk])
    response = signed_in.post(
        url, {"code": "F41.1 Generalized anxiety disorder", "status": "active", "then": "another"}
    )
    assert response.status_code == 302 and response.url == url
    page = signed_in.get(url).content.decode()
    assert "F41.1 Generalized anxiety disorder was recorded." in page


@pytest.mark.parametrize(
    ("typed", "precision", "shown"),
    [
        ("childhood", Precision.DESCRIBED, "childhood"),
        ("2019", Precision.YEAR, "2019"),
        ("about 2015", Precision.YEAR, "about 2015"),
        ("2021-03", Precision.MONTH, "March 2021"),
        ("2021-03-14", Precision.DAY, "2021-03-14"),
    ],
)
def test_onset_is_kept_as_entered_and_shown_as_precisely(
    signed_in, cast, typed: str, precision: Precision, shown: str
) -> None:
    url = reverse("clients:diagnosis_add", args=[cast.client.pk])
    signed_in.post(url, {"code": "F41.1", "status": "active", "onset": typed})
    diagnosis = Diagnosis.objects.get(client=cast.client, code="F41.1")
    assert (diagnosis.onset_text, diagnosis.onset_precision) == (typed, precision.value)
    page = signed_in.get(reverse("pages:client", args=[cast.client.pk])).content.decode()
    assert f"<td>{shown}</td>" in page
    edit = signed_in.get(reverse("clients:diagnosis_edit", args=[diagnosis.pk])).content.decode()
    assert f'value="{typed}"' in edit


@pytest.mark.parametrize(
    ("typed", "problem"),
    [("2021-02-30", "is not a real date"), ("2999", "is in the future")],
)
def test_an_impossible_onset_is_refused_and_kept(signed_in, cast, typed, problem) -> None:
    url = reverse("clients:diagnosis_add", args=[cast.client.pk])
    body = signed_in.post(url, {"code": "F41.1", "status": "active", "onset": typed})
    text = body.content.decode()
    assert problem in text and f'value="{typed}"' in text
    assert not Diagnosis.objects.filter(client=cast.client, code="F41.1").exists()


def test_editing_the_onset_is_audited(signed_in, cast) -> None:
    url = reverse("clients:diagnosis_edit", args=[cast.diagnosis.pk])
    data = {"version": 1, "status": "active", "is_primary": "on", "onset": "March 2021"}
    assert signed_in.post(url, data).status_code == 302
    cast.diagnosis.refresh_from_db()
    assert cast.diagnosis.onset_label == "March 2021"
    event = AuditEvent.objects.filter(action="update", object_id=str(cast.diagnosis.pk)).last()
    assert event is not None and "onset_text" in event.detail["fields"]


def test_client_page_shows_notes_and_rule_outs_as_r_o(signed_in, cast) -> None:
    make_diagnosis(
        cast.clinician, cast.client, "F41.1", status="rule_out", notes="Worry, or grief?"
    )
    make_diagnosis(
        cast.clinician, cast.client, "F10.10", status="ruled_out", notes="AUDIT 3, no harm."
    )
    page = signed_in.get(reverse("pages:client", args=[cast.client.pk])).content.decode()
    assert "<strong>R/O F41.1</strong>" in page and "Worry, or grief?" in page
    assert "<strong>F10.10 (ruled out)</strong>" in page and "R/O F10.10" not in page


def test_plan_page_lists_the_diagnoses_with_rule_outs_as_r_o(signed_in, cast) -> None:
    make_diagnosis(cast.clinician, cast.client, "F41.1", status="rule_out")
    make_diagnosis(cast.clinician, cast.client, "F10.10", status="ruled_out")
    page = signed_in.get(reverse("plans:detail", args=[cast.plan.pk])).content.decode()
    assert 'id="plan-diagnoses-heading">Diagnoses</h2>' in page
    assert "<strong>F32.1</strong> Major depressive disorder, single episode, moderate" in page
    assert "<strong>R/O F41.1</strong> Generalized anxiety disorder" in page
    assert "<strong>F10.10 (ruled out)</strong> Alcohol abuse, uncomplicated" in page


@pytest.mark.parametrize("status", ["rule_out", "ruled_out"])
def test_a_rule_out_or_ruled_out_diagnosis_cannot_be_primary(cast, status) -> None:
    with pytest.raises(ValidationError, match="cannot be the primary diagnosis"):
        make_diagnosis(cast.clinician, cast.client, "F41.1", status=status, is_primary=True)
    assert not cast.client.diagnoses.filter(code="F41.1").exists()
    with pytest.raises(ValidationError, match="cannot be the primary diagnosis"):
        diagnosis_update(
            actor=actor(cast.clinician),
            diagnosis=cast.diagnosis,
            data={"status": status},
            expected_version=cast.diagnosis.version,
        )
    cast.diagnosis.refresh_from_db()
    assert (cast.diagnosis.status, cast.diagnosis.is_primary) == ("active", True)


def test_the_form_says_why_a_rule_out_is_not_primary(signed_in, cast) -> None:
    url = reverse("clients:diagnosis_edit", args=[cast.diagnosis.pk])
    data = {"version": 1, "status": "rule_out", "is_primary": "on", "onset": ""}
    response = signed_in.post(url, data)
    assert response.status_code == 200
    assert "A rule-out cannot be the primary diagnosis" in response.content.decode()
    cast.diagnosis.refresh_from_db()
    assert cast.diagnosis.status == "active"


def test_client_page_queries_do_not_grow_with_diagnoses(signed_in, cast) -> None:
    url = reverse("pages:client", args=[cast.client.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert signed_in.get(url).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for code in ("F41.1", "F43.10", "Z63.0"):
        make_diagnosis(cast.clinician, cast.client, code, notes="note")
    assert count() == before


def test_a_ruled_out_diagnosis_is_not_offered_for_a_problem(signed_in, cast) -> None:
    ruled_out = make_diagnosis(cast.clinician, cast.client, "F41.1", status="ruled_out")
    rule_out = make_diagnosis(cast.clinician, cast.client, "F10.10", status="rule_out")
    url = reverse("plans:item_add", args=["problem", cast.plan.pk])
    form = signed_in.get(url, **HTMX).content.decode()
    assert str(cast.diagnosis.pk) in form
    assert str(ruled_out.pk) not in form
    assert str(rule_out.pk) in form  # a working hypothesis may head a problem
    response = signed_in.post(url, {"title": "Worry", "diagnosis": str(ruled_out.pk)}, **HTMX)
    assert response.status_code == 422
    assert not cast.plan.problems.filter(title="Worry").exists()


def test_the_service_refuses_a_ruled_out_link_but_keeps_an_existing_one(cast) -> None:
    problem = cast.plan.problems.get()
    ruled_out = make_diagnosis(cast.clinician, cast.client, "F41.1", status="ruled_out")
    with pytest.raises(ValidationError, match=r"F41\.1 Generalized anxiety disorder was ruled out"):
        plan_item_update(
            actor=actor(cast.clinician),
            item=problem,
            data={"diagnosis": ruled_out},
            expected_version=problem.version,
        )
    plan_item_update(
        actor=actor(cast.clinician),
        item=problem,
        data={"diagnosis": cast.diagnosis},
        expected_version=problem.version,
    )
    cast.diagnosis.refresh_from_db()
    diagnosis_update(
        actor=actor(cast.clinician),
        diagnosis=cast.diagnosis,
        data={"status": "ruled_out", "is_primary": False},
        expected_version=cast.diagnosis.version,
    )
    problem.refresh_from_db()
    plan_item_update(
        actor=actor(cast.clinician),
        item=problem,
        data={"title": "Low mood", "diagnosis": cast.diagnosis},
        expected_version=problem.version,
    )
    problem.refresh_from_db()
    assert problem.title == "Low mood" and problem.diagnosis_id == cast.diagnosis.pk
