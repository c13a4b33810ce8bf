"""An API edit without the version it was made from is refused on `version` (422)."""

from __future__ import annotations

import pytest

from tests.api.helpers import Api

pytestmark = pytest.mark.django_db


def test_an_api_edit_without_its_version_is_422_on_version(cast, api: Api) -> None:
    response = api.patch(f"/clients/{cast.client.pk}", {"pronouns": "they/them"})
    assert response.status_code == 422
    assert [e["loc"][-1] for e in response.json()["detail"]] == ["version"]
    cast.client.refresh_from_db()
    assert cast.client.pronouns != "they/them"
