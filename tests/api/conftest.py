from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.api.helpers import Api
from tests.factories import Personas


@pytest.fixture
def api_as(cast: Personas) -> Callable[[str], Api]:
    """`api_as("supervisor")`: a bearer-token caller for one of the cast."""
    callers: dict[str, Api] = {}

    def caller(persona: str) -> Api:
        if persona not in callers:
            callers[persona] = Api(getattr(cast, persona))
        return callers[persona]

    return caller


@pytest.fixture
def api(api_as: Callable[[str], Api]) -> Api:
    """The clinician on the client's care team."""
    return api_as("clinician")
