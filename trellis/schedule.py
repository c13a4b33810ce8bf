"""Every periodic job, in one place (settings.TRELLIS_SCHEDULE names this list). The worker
enqueues each when its time comes; `trellis worker --once` enqueues what is due, runs it and
exits, for a practice that prefers cron. Times are local (settings.TIME_ZONE)."""

from __future__ import annotations

import datetime as dt

from trellis.jobs.maintenance import prune_finished
from trellis.jobs.schedule import Periodic

PERIODIC: list[Periodic] = [
    Periodic("prune-finished-jobs", prune_finished, daily_at=dt.time(3, 30)),
]
