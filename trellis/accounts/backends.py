"""Email and password, through the throttle: every caller of ``authenticate()`` (the
sign-in page, the Django admin's login, anything added later) is limited alike."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from trellis.accounts import throttle
from trellis.audit.actor import client_ip

LOCKED_ATTRIBUTE = "trellis_sign_in_locked"


class ThrottledModelBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        email = (username or kwargs.get("email") or "").strip().lower()
        if not email or password is None:
            return None
        keys = throttle.sign_in_keys(email, client_ip(request) if request else None)
        if not throttle.reserve(keys):
            if request is not None:
                setattr(request, LOCKED_ATTRIBUTE, True)
            # Stops authenticate() at once: no password is checked, and
            # user_login_failed still records the attempt in the access log.
            raise PermissionDenied("too many sign-in attempts")
        user = super().authenticate(request, username=email, password=password, **kwargs)
        if user is not None:
            throttle.succeeded(keys)
        return user

    def get_user(self, user_id: Any) -> Any:
        """The signed-in user with their practice and its settings, read once: every page
        shows the practice's name and writes dates in its style (``accounts.dates``)."""
        users = get_user_model()._default_manager.select_related("practice__settings")
        found = users.filter(pk=user_id).first()
        return found if found is not None and self.user_can_authenticate(found) else None


def was_locked(request: HttpRequest | None) -> bool:
    return bool(request is not None and getattr(request, LOCKED_ATTRIBUTE, False))
