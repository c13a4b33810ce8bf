"""Small helpers shared by the apps' views."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django_htmx.middleware import HtmxDetails

from trellis.audit.actor import Actor
from trellis.concurrency import MissingVersionError, StaleEditError

if TYPE_CHECKING:
    from trellis.accounts.models import User

View = Callable[..., HttpResponse]


class HtmxHttpRequest(HttpRequest):
    """A request as ``HtmxMiddleware`` leaves it: ``request.htmx`` says whether htmx sent it
    (for the type checker only; the middleware sets the attribute)."""

    htmx: HtmxDetails


class SignedInRequest(HttpRequest):
    """A request past ``login_required``: its user is a ``User``, never the anonymous one
    (for the type checker only)."""

    user: User


def staff_view(view: View) -> View:
    """Signed in, and a member of a practice; passes the Actor as the second argument."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if getattr(request.user, "practice_id", None) is None:
            raise PermissionDenied("Only practice staff use this page.")
        try:
            return view(request, Actor.from_request(request), *args, **kwargs)
        except MissingVersionError as error:  # a page always sends it: the request is broken
            return HttpResponse(" ".join(error.messages), status=400, content_type="text/plain")

    return wrapper


def posted_version(request: HttpRequest) -> int | None:
    """The version a page's form says it was showing, or None when it sent none (the
    service then refuses the edit, and ``staff_view`` answers 400)."""
    raw = request.POST.get("version", "").strip()
    return int(raw) if raw.isdigit() else None


def add_service_errors(form: BaseForm, error: ValidationError) -> None:
    """Show a service's validation error on the form, on its field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for item in errors:
                form.add_error(target, item)
    else:
        for message in error.messages:
            form.add_error(None, message)


@dataclass(frozen=True)
class Edit:
    """What became of an edit form: saved, or to be shown again with ``status`` (409 and
    the ``stale`` message when someone saved first; the invalid status with the form's
    errors; 200 when nothing was posted)."""

    saved: bool
    stale: str = ""
    status: int = 200


def submit_edit(
    request: HttpRequest,
    form: BaseForm,
    save: Callable[[dict[str, Any], int | None], object],
    *,
    invalid_status: int = 200,
) -> Edit:
    """The one way an edit view saves: a posted, valid form goes to the service with the
    version it was made from; a stale edit keeps the text and says so; the service's own
    refusals land on the form's fields. Nothing a user typed is lost."""
    if request.method != "POST":
        return Edit(saved=False)
    if not form.is_valid():
        return Edit(saved=False, status=invalid_status)
    try:
        save(form.cleaned_data, form.cleaned_data.get("version"))
    except StaleEditError as error:
        return Edit(saved=False, stale=str(error), status=409)
    except ValidationError as error:
        add_service_errors(form, error)
        return Edit(saved=False, status=invalid_status)
    return Edit(saved=True)
