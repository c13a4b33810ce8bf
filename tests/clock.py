"""The fixed day that tests about dates run on (the ``frozen_day`` fixture, tests/conftest.py).

A test that says "due in 14 days" or "tomorrow is refused" must mean the same thing at
00:05, at 23:55 and across midnight; module-level dates (``TODAY``) and parametrized ones
are computed at import, so they are written from this day, not from the clock.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

# A Monday in mid-June: no month or year end, no leap day, no DST change within weeks.
FROZEN_DAY = date(2026, 6, 15)
FROZEN_TIME = time(12, 0)


def frozen_moment() -> datetime:
    """Noon of FROZEN_DAY in the project's TIME_ZONE (settings are read when called)."""
    from django.conf import settings

    return datetime.combine(FROZEN_DAY, FROZEN_TIME, tzinfo=ZoneInfo(settings.TIME_ZONE))
