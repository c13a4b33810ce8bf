from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.factories import Personas, make_personas


@pytest.fixture
def cast(db: None) -> Personas:
    return make_personas()


@pytest.fixture
def audit_flushable(transactional_db: None) -> Iterator[None]:
    """Transactional tests empty every table afterwards, the access log, signed progress
    notes and signed plan versions included: lift their triggers for that flush only, and
    put them back first. (They come back by themselves after the flush: it ends with
    post_migrate, see trellis/dbtriggers.py.)"""
    from django.db import connection

    from trellis import dbtriggers

    dbtriggers.install(connection, dbtriggers.current(connection))
    yield
    dbtriggers.drop(connection, dbtriggers.current(connection))


@pytest.fixture(autouse=True)
def fast_password_hashing(settings) -> None:  # type: ignore[no-untyped-def]
    """PBKDF2 is slow on purpose; tests create many users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
