"""A password hasher that counts how many passwords were checked (for throttle tests)."""

from __future__ import annotations

import threading

from django.contrib.auth.hashers import MD5PasswordHasher

_lock = threading.Lock()
checked = 0


class CountingMD5PasswordHasher(MD5PasswordHasher):
    def verify(self, password: str, encoded: str) -> bool:
        global checked
        with _lock:
            checked += 1
        return super().verify(password, encoded)


def reset() -> None:
    global checked
    with _lock:
        checked = 0
