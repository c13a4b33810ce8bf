from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.factories import Personas, make_personas


@pytest.fixture
def cast(db: None) -> Personas:
    return make_personas()


@pytest.fixture
def audit_flushable(transactional_db: None) -> Iterator[None]:
    """Transactional tests empty every table afterwards, the access log included:
    lift its append-only triggers for that flush only, and put them back first."""
    from django.db import connection

    from trellis.audit import triggers

    triggers.install(connection)
    yield
    triggers.remove(connection)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings) -> None:  # type: ignore[no-untyped-def]
    """PBKDF2 is slow on purpose; tests create many users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
