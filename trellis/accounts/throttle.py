"""One throttle for every way in: sign-in (staff and admin), password reset and API tokens.

Each attempt *reserves* a slot on its keys (the account and the client address) with a
single conditional UPDATE before the password is checked: ``attempts < limit`` is
evaluated under the row's write lock on both databases, so however many requests arrive
at once, failures plus checks in flight never exceed ``limit`` in a window. A failed check
keeps its slot; a successful one gives it back. A password reset clears the account's.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from trellis.accounts.models import AttemptCounter


@dataclass(frozen=True)
class Key:
    """A counter's name and its limit per window."""

    name: str
    limit: int

    @property
    def hashed(self) -> str:
        return hashlib.sha256(self.name.encode()).hexdigest()


def sign_in_keys(email: str, ip: str | None) -> list[Key]:
    keys = [Key(f"signin:email:{email.strip().lower()}", settings.LOGIN_LOCKOUT_FAILURES)]
    if ip:
        keys.append(Key(f"signin:ip:{ip}", settings.LOGIN_LOCKOUT_IP_FAILURES))
    return keys


def reset_keys(email: str, ip: str | None) -> list[Key]:
    keys = [Key(f"reset:email:{email.strip().lower()}", settings.PASSWORD_RESET_LIMIT)]
    if ip:
        keys.append(Key(f"reset:ip:{ip}", settings.LOGIN_LOCKOUT_IP_FAILURES))
    return keys


def token_keys(ip: str | None) -> list[Key]:
    return [Key(f"token:ip:{ip or 'unknown'}", settings.LOGIN_LOCKOUT_IP_FAILURES)]


def _window_start() -> datetime:
    return timezone.now() - timedelta(seconds=settings.LOGIN_LOCKOUT_WINDOW)


def _ensure(key: Key) -> None:
    # One INSERT ... ON CONFLICT DO NOTHING: a parallel request may create it first.
    AttemptCounter.objects.bulk_create([AttemptCounter(key=key.hashed)], ignore_conflicts=True)


def _reserve_one(key: Key) -> bool:
    _ensure(key)
    now = timezone.now()
    # A window that has run out starts again at zero; the WHERE makes a second,
    # parallel restart a no-op, so it never wipes a slot taken since.
    AttemptCounter.objects.filter(key=key.hashed, window_started_at__lt=_window_start()).update(
        window_started_at=now, attempts=0
    )
    taken = AttemptCounter.objects.filter(key=key.hashed, attempts__lt=key.limit).update(
        attempts=F("attempts") + 1
    )
    return taken == 1


def _give_back(key: Key) -> None:
    AttemptCounter.objects.filter(key=key.hashed, attempts__gt=0).update(attempts=F("attempts") - 1)


def reserve(keys: list[Key]) -> bool:
    """Take one attempt on every key, or on none (and answer False: locked)."""
    taken: list[Key] = []
    for key in keys:
        if not _reserve_one(key):
            for earlier in taken:
                _give_back(earlier)
            return False
        taken.append(key)
    return True


def succeeded(keys: list[Key]) -> None:
    """A correct password gives its slot back: only failures (and checks in flight) count,
    so a success never opens room for more guesses than the limit."""
    for key in keys:
        _give_back(key)


def clear(key: Key) -> None:
    AttemptCounter.objects.filter(key=key.hashed).update(attempts=0)


def is_locked(key: Key) -> bool:
    return AttemptCounter.objects.filter(
        key=key.hashed, attempts__gte=key.limit, window_started_at__gte=_window_start()
    ).exists()
