"""Sex assigned at birth over the API: optional, one of four values, audited like any field."""

from __future__ import annotations

from tests.api.helpers import Api, errors_by_field
from tests.audit_helpers import events_since, last_id
from tests.factories import Personas
from trellis.clients.models import Client


def test_the_api_creates_reads_and_patches_it_with_an_audit(cast: Personas, api: Api) -> None:
    new = {"first_name": "Robin", "last_name": "Okafor", "date_of_birth": "1985-06-01"}
    body = api.post("/clients", {**new, "sex_at_birth": "intersex"}).json()
    assert body["sex_at_birth"] == "intersex"
    assert api.post("/clients", new).json()["sex_at_birth"] == "unknown"
    mark = last_id()
    patched = api.patch(
        f"/clients/{body['id']}", {"version": body["version"], "sex_at_birth": "female"}
    )
    assert patched.status_code == 200 and patched.json()["sex_at_birth"] == "female"
    assert Client.objects.get(pk=body["id"]).sex_at_birth == "female"
    updates = [e for e in events_since(mark) if e.action == "update"]
    assert [e.detail for e in updates] == [{"fields": ["sex_at_birth"]}]


def test_the_api_refuses_an_unknown_value(cast: Personas, api: Api) -> None:
    response = api.patch(f"/clients/{cast.client.pk}", {"version": 1, "sex_at_birth": "F"})
    assert response.status_code == 422
    assert "sex_at_birth" in errors_by_field(response)
