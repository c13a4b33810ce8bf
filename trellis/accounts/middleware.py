"""Session limits and cache headers for pages that carry client data."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse

LOGIN_AT_KEY = "trellis_login_at"
SEEN_AT_KEY = "trellis_seen_at"


class SessionLimitMiddleware:
    """End a session a fixed time after login, however active. Idle logoff is the session's
    age since it was last saved: it is saved again (its idle clock restarted) at most once
    per SESSION_REFRESH_SECONDS, so reading pages does not write the session row each time
    and readers do not queue on it."""

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
            seen = request.session.get(SEEN_AT_KEY)
            if seen is None or time.time() - float(seen) >= settings.SESSION_REFRESH_SECONDS:
                request.session[SEEN_AT_KEY] = time.time()  # marks it modified: saved
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


ANONYMOUS_MULTIPART_BYTES = 64 * 1024


class RequestBodyLimitMiddleware:
    """Refuse a body before anything reads it: over ``MAX_REQUEST_BODY_BYTES`` (413), or an
    upload-sized multipart body from someone not signed in (403). Django would otherwise
    stream a large upload to a temporary file while the CSRF check reads the form. (Files
    in a small anonymous form are dropped by ``SignedInUploadHandler``.)"""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        length = _content_length(request)
        limit = settings.MAX_REQUEST_BODY_BYTES
        if length is None:
            return _refuse(request, 400, "The Content-Length header is not a whole number.")
        if length > limit:
            return _refuse(
                request,
                413,
                f"The request is larger than the {_size(limit)} this server accepts.",
            )
        is_upload = request.content_type == "multipart/form-data"
        if is_upload and length > ANONYMOUS_MULTIPART_BYTES and not request.user.is_authenticated:
            return _refuse(request, 403, "Sign in before uploading a file.")
        return self.get_response(request)


def _content_length(request: HttpRequest) -> int | None:
    raw = request.META.get("CONTENT_LENGTH") or "0"
    return int(raw) if raw.isdigit() else None


def _size(limit: int) -> str:
    mib = limit / (1024 * 1024)
    return f"{mib:g} MiB" if mib >= 1 else f"{limit // 1024} KiB"


def _refuse(request: HttpRequest, status: int, message: str) -> HttpResponse:
    """JSON for the API, plain text for pages; the body is left unread."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=status)
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
