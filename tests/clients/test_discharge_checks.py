"""The client record asks the parts above it before a discharge (clients/discharge.py)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from tests.factories import actor
from trellis.clients import discharge, services
from trellis.clients.models import ClientStatus
from trellis.measures.critical import open_critical_item_refusal

pytestmark = pytest.mark.django_db


def test_the_measures_check_is_registered_once() -> None:
    assert discharge._CHECKS.count(open_critical_item_refusal) == 1
    discharge.register_discharge_check(open_critical_item_refusal)  # a re-run ready()
    assert discharge._CHECKS.count(open_critical_item_refusal) == 1


def test_a_registered_check_refuses_the_discharge_and_nothing_changes(cast) -> None:
    def pending_letter(client: object) -> str | None:
        return "The discharge letter is not written yet."

    discharge.register_discharge_check(pending_letter)
    try:
        with pytest.raises(ValidationError) as error:
            services.client_update(
                actor=actor(cast.clinician),
                client=cast.client,
                data={"status": ClientStatus.DISCHARGED},
                expected_version=cast.client.version,
            )
    finally:
        discharge._CHECKS.remove(pending_letter)
    assert error.value.message_dict == {"status": ["The discharge letter is not written yet."]}
    cast.client.refresh_from_db()
    assert cast.client.status != ClientStatus.DISCHARGED
