"""Sex assigned at birth: optional, edited on the client form and over the API, audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.audit_helpers import events_since, last_id
from tests.factories import PASSWORD, Personas
from trellis.clients.models import Client
from trellis.clients.services import CLIENT_FIELDS

pytestmark = pytest.mark.django_db


def _form_data(client: Client, **changes: str) -> dict[str, object]:
    """The edit form as a browser posts it: every field with its current value."""
    data: dict[str, object] = {
        name: "" if getattr(client, name) is None else getattr(client, name)
        for name in CLIENT_FIELDS
        if name != "interpreter_needed"
    }
    data["date_of_birth"] = client.date_of_birth.isoformat()
    if client.interpreter_needed:
        data["interpreter_needed"] = "on"
    data["version"] = client.version
    data.update(changes)
    return data


def test_a_new_client_defaults_to_unknown(cast: Personas) -> None:
    assert cast.client.sex_at_birth == "unknown"


def test_the_form_saves_it_and_the_audit_names_the_field(client, cast: Personas) -> None:
    client.login(username=cast.clinician.email, password=PASSWORD)
    page = client.get(reverse("clients:edit", args=[cast.client.pk])).content.decode()
    assert "Sex assigned at birth" in page and 'value="intersex"' in page
    mark = last_id()
    url = reverse("clients:edit", args=[cast.client.pk])
    response = client.post(url, _form_data(cast.client, sex_at_birth="female"))
    assert response.status_code == 302
    cast.client.refresh_from_db()
    assert cast.client.sex_at_birth == "female"
    updates = [e for e in events_since(mark) if e.action == "update"]
    assert [e.detail for e in updates] == [{"fields": ["sex_at_birth"]}]
    detail = client.get(reverse("pages:client", args=[cast.client.pk])).content.decode()
    assert "Sex assigned at birth" in detail and "Female" in detail


def test_the_form_left_blank_records_unknown(client, cast: Personas) -> None:
    client.login(username=cast.clinician.email, password=PASSWORD)
    url = reverse("clients:edit", args=[cast.client.pk])
    client.post(url, _form_data(cast.client, sex_at_birth="male"))
    cast.client.refresh_from_db()
    client.post(url, _form_data(cast.client, sex_at_birth=""))
    cast.client.refresh_from_db()
    assert cast.client.sex_at_birth == "unknown"


def test_the_form_refuses_a_value_that_is_not_a_choice(client, cast: Personas) -> None:
    client.login(username=cast.clinician.email, password=PASSWORD)
    url = reverse("clients:edit", args=[cast.client.pk])
    response = client.post(url, _form_data(cast.client, sex_at_birth="woman"))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    cast.client.refresh_from_db()
    assert cast.client.sex_at_birth == "unknown"
