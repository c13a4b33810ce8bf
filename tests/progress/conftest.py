from __future__ import annotations

import pytest

from tests.factories import Personas, actor
from trellis.plans import services as plan_services


@pytest.fixture
def active(cast: Personas) -> Personas:
    """The cast with Alex's plan in force (notes name the goals of the active plan)."""
    plan_services.plan_activate(
        actor=actor(cast.clinician), plan=cast.plan, expected_version=cast.plan.version
    )
    cast.plan.refresh_from_db()
    return cast
