"""Session limits and cache headers for pages that carry client data."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import Http404, HttpRequest, HttpResponse

LOGIN_AT_KEY = "trellis_login_at"


class SessionLimitMiddleware:
    """End a session a fixed time after login, however active (idle logoff is the cookie age)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            started = request.session.get(LOGIN_AT_KEY)
            if started is None:
                request.session[LOGIN_AT_KEY] = time.time()
            elif time.time() - float(started) > settings.SESSION_ABSOLUTE_TIMEOUT:
                logout(request)
                messages.info(request, "Your session reached its time limit. Please sign in again.")
        return self.get_response(request)


class NoStoreMiddleware:
    """Signed-in pages must not linger in shared browser caches or proxies."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated and "Cache-Control" not in response:
            response["Cache-Control"] = "no-store, private"
        return response


class AdminGateMiddleware:
    """The Django admin answers "not found" unless DJANGO_ADMIN_ENABLED is set."""

    PREFIX = "/django-admin/"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(self.PREFIX) and not settings.DJANGO_ADMIN_ENABLED:
            raise Http404
        return self.get_response(request)
