"""The intake a clinician expects: age and preferred name beside the legal ones, required
fields marked, and the intake fields (first session, referral, medications, family history,
risk screening, occupation, education, relationship) saved, audited and shown."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.audit_helpers import events_since, last_id
from tests.factories import PASSWORD, Personas, make_client
from trellis.clients.services import CLIENT_FIELDS

pytestmark = pytest.mark.django_db

INTAKE = {
    "first_session_date": "2026-11-02",
    "referral_source": "GP, Dr Ames",
    "current_medications": "Sertraline 50 mg daily, for low mood",
    "prescriber": "Dr Ames",
    "primary_care_provider": "Riverside Family Practice",
    "family_psychiatric_history": "Mother: depression.",
    "occupation": "Warehouse supervisor",
    "education": "vocational",
    "relationship_status": "partnered",
    "suicidal_ideation": "passive",
    "homicidal_ideation": "denied",
    "self_harm_history": "past",
    "risk_notes": "Passive thoughts last month; no plan. Safety plan started.",
}


@pytest.fixture
def signed_in(client, cast):
    client.login(username=cast.clinician.email, password=PASSWORD)
    return client


def _posted(client, **changes: str) -> dict[str, object]:
    data: dict[str, object] = {}
    for name in CLIENT_FIELDS:
        value = getattr(client, name)
        if name == "interpreter_needed":
            if value:
                data[name] = "on"
            continue
        data[name] = "" if value is None else value
    data["version"] = client.version
    data.update(changes)
    return data


def test_the_edit_form_saves_the_intake_fields_with_one_audit(signed_in, cast: Personas) -> None:
    mark = last_id()
    url = reverse("clients:edit", args=[cast.client.pk])
    assert signed_in.post(url, _posted(cast.client, **INTAKE)).status_code == 302
    cast.client.refresh_from_db()
    assert cast.client.first_session_date == date(2026, 11, 2)
    assert cast.client.get_education_display() == "Vocational or trade qualification"
    updates = [e for e in events_since(mark) if e.action == "update"]
    assert [sorted(e.detail["fields"]) for e in updates] == [sorted(INTAKE)]
    page = signed_in.get(reverse("pages:client", args=[cast.client.pk])).content.decode()
    for shown in (
        "GP, Dr Ames",
        "Sertraline 50 mg daily",
        "Riverside Family Practice",
        "Mother: depression.",
        "Warehouse supervisor",
        "Living with a partner",
        "Passive thoughts (e.g. wishing not to wake up), no intent",
        "In the past, not in the last 12 months",
    ):
        assert shown in page, shown
    assert "Risk reported at intake" in page


def test_no_risk_banner_when_intake_screening_was_negative(signed_in, cast: Personas) -> None:
    url = reverse("clients:edit", args=[cast.client.pk])
    negative = {**INTAKE, "suicidal_ideation": "denied", "self_harm_history": "none"}
    signed_in.post(url, _posted(cast.client, **negative))
    page = signed_in.get(reverse("pages:client", args=[cast.client.pk])).content.decode()
    assert "Risk reported at intake" not in page


def test_empty_choices_store_not_recorded(signed_in, cast: Personas) -> None:
    url = reverse("clients:edit", args=[cast.client.pk])
    blank = {"education": "", "suicidal_ideation": "", "self_harm_history": ""}
    assert signed_in.post(url, _posted(cast.client, **blank)).status_code == 302
    cast.client.refresh_from_db()
    assert (cast.client.education, cast.client.suicidal_ideation) == ("unknown", "not_assessed")


def test_a_first_session_before_birth_is_refused_and_the_text_kept(
    signed_in, cast: Personas
) -> None:
    url = reverse("clients:edit", args=[cast.client.pk])
    response = signed_in.post(
        url, _posted(cast.client, first_session_date="1980-01-01", risk_notes="kept words")
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "The first session is before the date of birth." in body
    assert "kept words" in body
    cast.client.refresh_from_db()
    assert cast.client.first_session_date is None


def test_age_and_preferred_name_beside_the_legal_ones(signed_in, cast: Personas) -> None:
    today = timezone.localdate()
    born = date(today.year - 27, today.month, today.day) + timedelta(days=1)  # 27 tomorrow
    client = make_client(cast.clinician, preferred_name="Lex", date_of_birth=born)
    page = signed_in.get(reverse("pages:client", args=[client.pk])).content.decode()
    assert "(age 26)" in page
    assert "<dt>Preferred name</dt><dd>Lex</dd>" in page
    assert "Alex Rivera" in page  # the legal name stays
    listing = signed_in.post(reverse("clients:list"), {"q": "Lex"}).content.decode()
    assert "(26)" in listing


def test_required_fields_are_marked_for_eyes_and_assistive_technology(signed_in) -> None:
    page = signed_in.get(reverse("clients:create")).content.decode()
    assert "</span> required</p>" in page  # the legend saying what the mark means
    for name in ("first_name", "last_name", "date_of_birth"):
        assert f'<label for="id_{name}" class="required">' in page, name
    assert 'name="first_name" maxlength="100" aria-required="true" required' in page
    assert 'for="id_preferred_name" class="required"' not in page
    assert 'for="id_suicidal_ideation" class="required"' not in page
