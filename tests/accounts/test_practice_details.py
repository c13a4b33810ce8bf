"""Issue 12: the practice's address and phone, printed on its plans, are set by a practice
admin on the Practice settings page, audited, and shown on the print view."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.audit_helpers import events_since, last_id
from tests.factories import PASSWORD, grow_plan, make_plan
from trellis.accounts.models import Practice

pytestmark = pytest.mark.django_db

RULES = {"review_warning_days": 14, "no_improvement_weeks": 8, "no_session_weeks": 3}


def test_an_admin_sets_the_address_and_phone_printed_on_plans(client, cast) -> None:
    client.login(username=cast.admin.email, password=PASSWORD)
    url = reverse("pages:practice_settings")
    assert "Practice address" in client.get(url).content.decode()
    mark = last_id()
    data = {**RULES, "address": " 12 Orchard Lane\nSpringfield ", "phone": "555-0142"}
    assert client.post(url, data).status_code == 302
    practice = Practice.objects.get(pk=cast.practice.pk)
    assert (practice.address, practice.phone) == ("12 Orchard Lane\nSpringfield", "555-0142")
    events = [e for e in events_since(mark) if e.object_type == "practice"]
    assert [e.detail["fields"] for e in events] == [["address", "phone"]]
    assert Practice.objects.get(pk=cast.other_practice.pk).address == ""

    plan = grow_plan(cast.clinician, make_plan(cast.clinician, cast.client))
    client.login(username=cast.clinician.email, password=PASSWORD)
    body = client.get(reverse("pages:plan_print", args=[plan.pk])).content.decode()
    assert "12 Orchard Lane<br>Springfield" in body and "Phone 555-0142" in body
    assert "<main" in body


def test_a_too_long_phone_is_refused_and_changes_nothing(client, cast) -> None:
    client.login(username=cast.admin.email, password=PASSWORD)
    response = client.post(reverse("pages:practice_settings"), {**RULES, "phone": "5" * 41})
    assert response.status_code == 200
    assert "at most 40 characters" in response.content.decode()
    assert Practice.objects.get(pk=cast.practice.pk).phone == ""
