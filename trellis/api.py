"""The JSON API under /api/v1/: the same selectors, services and audit as the pages.

Errors have one shape: `{"detail": ...}`. A body that is not JSON answers 400; a
payload that does not fit answers 422 with one entry per field, each with a `loc`
ending in the field's name; a stale `version` answers 409 with the current one.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as PayloadError
from ninja.parser import Parser
from ninja.security import HttpBearer, SessionAuth

from trellis.accounts import throttle
from trellis.accounts.models import ApiToken, User, hash_token
from trellis.audit.actor import client_ip
from trellis.clients.api import router as clients_router
from trellis.concurrency import MissingVersionError, StaleEditError
from trellis.core.datafile import MAX_DEPTH, nesting_depth
from trellis.measures.api import router as measures_router
from trellis.plans.api import router as plans_router
from trellis.plans.services import PlanLockedError

BODY_PARAM = "payload"  # every operation names its JSON body so; hidden from `loc`


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        # Failed tokens count against the address in the sign-in throttle. A token has 256
        # random bits, so unlike a password there is no slow check to race: a valid one
        # costs one read (the lock), a wrong one a recorded attempt.
        keys = throttle.token_keys(client_ip(request))
        if any(throttle.is_locked(key) for key in keys):
            raise HttpError(429, "Too many failed authentication attempts; try again later.")
        found = (
            ApiToken.objects.select_related("user")
            .filter(token_hash=hash_token(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if found is None or found.user.practice_id is None:
            throttle.reserve(keys)
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        return found.user


class PracticeSession(SessionAuth):
    """A signed-in browser session of a practice's staff; writes must carry the CSRF token."""

    def __call__(self, request: HttpRequest) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or getattr(user, "practice_id", None) is None:
            # No session to protect: say 401, not "CSRF failed", to a caller without one.
            return None
        return super().__call__(request)

    def _get_key(self, request: HttpRequest) -> str | None:
        try:
            return super()._get_key(request)
        except HttpError as error:
            raise HttpError(
                403, "CSRF check failed: send the csrftoken cookie's value in X-CSRFToken."
            ) from error


class MalformedBody(ValueError):
    """The request body is not JSON; its message is safe to show (it quotes no input)."""


class JsonParser(Parser):
    def parse_body(self, request: HttpRequest) -> Any:
        try:
            data = json.loads(request.body)
        except RecursionError as error:
            raise MalformedBody(_TOO_DEEP) from error
        except json.JSONDecodeError as error:
            raise MalformedBody(
                f"The request body is not valid JSON: {error.msg} "
                f"(line {error.lineno}, column {error.colno})."
            ) from error
        except ValueError as error:  # not UTF-8
            raise MalformedBody("The request body is not valid JSON: it is not UTF-8.") from error
        if nesting_depth(data) > MAX_DEPTH:
            raise MalformedBody(_TOO_DEEP)
        return data


_TOO_DEEP = (
    f"The request body is nested more than {MAX_DEPTH} levels deep; no operation needs that."
)


api = NinjaAPI(
    title="Trellis API",
    version="1",
    description="Clients, diagnoses, treatment plans and outcome measures. Every call is "
    "scoped to the caller's care teams and written to the access log. Authenticate with "
    "`Authorization: Bearer <token>` (`trellis api-token EMAIL`) or a signed-in browser "
    "session (writes then need the X-CSRFToken header).",
    auth=[BearerToken(), PracticeSession()],
    parser=JsonParser(),
    openapi_url="/openapi.json",
    docs_url="/docs",
    urls_namespace="api",
)


def field_errors(error: ValidationError) -> list[dict[str, Any]]:
    """A service's ValidationError in the shape pydantic's errors have."""
    if hasattr(error, "error_dict"):
        return [
            {"loc": _body_loc(field), "msg": message, "type": "value_error"}
            for field, errors in error.error_dict.items()
            for message in ValidationError(errors).messages
        ]
    return [{"loc": ["body"], "msg": message, "type": "value_error"} for message in error.messages]


def _body_loc(field: str) -> list[str]:
    return ["body"] if field == NON_FIELD_ERRORS else ["body", field]


def payload_errors(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pydantic's errors without the echoed input and the body's parameter name."""
    shown = []
    for error in errors:
        loc = list(error["loc"])
        if loc[:2] == ["body", BODY_PARAM]:
            del loc[1]
        msg = error["msg"]
        if loc == ["body"] and error["type"] == "missing":
            msg = "A JSON object body is required."
        shown.append({"loc": loc, "msg": msg, "type": error["type"]})
    return shown


def error_response(request: HttpRequest, status: int, **body: Any) -> HttpResponse:
    return api.create_response(request, body, status=status)


@api.exception_handler(PayloadError)
def on_bad_payload(request: HttpRequest, exc: PayloadError) -> HttpResponse:
    return error_response(request, 422, detail=payload_errors(exc.errors))


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return error_response(request, 422, detail=field_errors(exc))


@api.exception_handler(MissingVersionError)
def on_missing_version(request: HttpRequest, exc: MissingVersionError) -> HttpResponse:
    return error_response(request, 422, detail=field_errors(exc.as_validation_error()))


@api.exception_handler(PlanLockedError)
def on_locked_plan(request: HttpRequest, exc: PlanLockedError) -> HttpResponse:
    return error_response(request, 409, detail=" ".join(exc.messages))


@api.exception_handler(StaleEditError)
def on_stale_edit(request: HttpRequest, exc: StaleEditError) -> HttpResponse:
    label = exc.obj._meta.verbose_name
    detail = (
        f"This {label} changed since you read it; nothing was saved. "
        "Read it again, reapply your change and send the current version."
    )
    return error_response(request, 409, detail=detail, current_version=exc.current_version)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(request, 404, detail="Not found")


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = error_response(request, 401, detail="Authentication required")
    response["WWW-Authenticate"] = 'Bearer realm="trellis"'
    return response


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    cause = exc.__cause__
    detail = str(cause) if isinstance(cause, MalformedBody) else str(exc)
    return error_response(request, exc.status_code, detail=detail)


api.add_router("/", clients_router)
api.add_router("/", plans_router)
api.add_router("/", measures_router)
