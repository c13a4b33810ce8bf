"""One way of writing dates on every page: the practice's ``date_style``.

A request's style is set by ``DateStyleMiddleware`` from the signed-in user's practice
(read with the user, so it costs no query) and read by the ``day`` and ``moment``
template filters (``trellis.accounts.templatetags.dates``, built into every template).
Outside a request (commands, tests that render directly) the ISO style applies.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime

from django.http import HttpRequest, HttpResponse
from django.utils import dateformat, timezone

from trellis.accounts.models import DateStyle

# Django date-format strings: (the date, the time of day).
FORMATS: dict[str, tuple[str, str]] = {
    DateStyle.ISO: ("Y-m-d", "H:i"),
    DateStyle.US: ("m/d/Y", "g:i A"),
    DateStyle.DAY_FIRST: ("d/m/Y", "H:i"),
    DateStyle.LONG: ("j M Y", "H:i"),
}
_current: ContextVar[str] = ContextVar("trellis_date_style", default=DateStyle.ISO)


def style_of(user: object) -> str:
    """The style of the user's practice, or ISO (no practice, or no settings saved)."""
    practice = getattr(user, "practice", None) if getattr(user, "is_authenticated", False) else None
    if practice is None:
        return DateStyle.ISO
    try:
        return practice.settings.date_style or DateStyle.ISO
    except practice.__class__.settings.RelatedObjectDoesNotExist:
        return DateStyle.ISO


@contextmanager
def date_style(style: str) -> Iterator[None]:
    """Write dates in ``style`` inside the block."""
    token = _current.set(style if style in FORMATS else DateStyle.ISO)
    try:
        yield
    finally:
        _current.reset(token)


def format_day(value: date | datetime | str | None) -> str:
    """The date (a datetime's local date, or an ISO date string as stored records keep
    them) in the current style; "" for nothing, anything else as it is."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        text = value
        try:
            value = date.fromisoformat(text[:10])
        except ValueError:
            return text
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return dateformat.format(value, FORMATS[_current.get()][0])


def format_moment(value: datetime | None) -> str:
    """A local date and time of day in the current style; "" for nothing."""
    if value is None or value == "":
        return ""
    if not isinstance(value, datetime):
        return format_day(value)
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    day, clock = FORMATS[_current.get()]
    return dateformat.format(local, f"{day} {clock}")


_ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def format_dates_in(text: str) -> str:
    """``text`` with each ISO date in it (as the clinical rules write their reasons:
    "review due on 2026-03-09") written in the current style; other text unchanged."""
    if _current.get() == DateStyle.ISO:
        return text
    return _ISO_DAY.sub(lambda found: format_day(found.group()), text)


class DateStyleMiddleware:
    """Dates in the signed-in user's practice style for the whole request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with date_style(style_of(request.user)):
            return self.get_response(request)
