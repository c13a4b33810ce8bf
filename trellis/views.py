"""Small helpers shared by the apps' views."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse

from trellis.audit.actor import Actor

View = Callable[..., HttpResponse]


def staff_view(view: View) -> View:
    """Signed in, and a member of a practice; passes the Actor as the second argument."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if getattr(request.user, "practice_id", None) is None:
            raise PermissionDenied("Only practice staff use this page.")
        return view(request, Actor.from_request(request), *args, **kwargs)

    return wrapper


def add_service_errors(form: Form, error: ValidationError) -> None:
    """Show a service's validation error on the form, on its field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for item in errors:
                form.add_error(target, item)
    else:
        for message in error.messages:
            form.add_error(None, message)
