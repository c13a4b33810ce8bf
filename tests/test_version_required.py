"""Every edit names the version it was made from; leaving it out is refused, never a
check silently skipped: a page answers 400, the API 422 naming `version`, and nothing
changes (issue 11)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, actor
from trellis.clients import services
from trellis.clients.models import Client
from trellis.concurrency import MissingVersionError, check_version, versioned_update

pytestmark = pytest.mark.django_db


def test_the_helpers_refuse_an_edit_without_a_version(cast) -> None:
    with pytest.raises(MissingVersionError):
        versioned_update(cast.client, {"pronouns": "they/them"}, expected_version=None)
    with pytest.raises(MissingVersionError):
        check_version(cast.client, None)
    with pytest.raises(MissingVersionError):
        services.client_update(
            actor=actor(cast.clinician), client=cast.client, data={}, expected_version=None
        )


def test_a_page_edit_without_its_version_is_400_and_keeps_the_record(client, cast) -> None:
    client.login(username=cast.clinician.email, password=PASSWORD)
    data = {
        "first_name": "Alex",
        "last_name": "Rivera",
        "date_of_birth": "1990-04-12",
        "preferred_language": "English",
        "status": "active",
        "barriers": "Typed without a version",
    }
    response = client.post(reverse("clients:edit", args=[cast.client.pk]), data)
    assert response.status_code == 400
    assert "version you saw is missing" in response.content.decode()
    assert Client.objects.get(pk=cast.client.pk).barriers == ""
