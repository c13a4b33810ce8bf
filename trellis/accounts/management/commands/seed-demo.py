"""`trellis seed-demo`: load the synthetic demo practices, staff, clients and plans.

Safe to run again: what is already there is left as it is. The data and the loading
live in `trellis.demo`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from trellis.demo import login_lines, seed_demo


class Command(BaseCommand):
    help = "Load the invented demo practices, people, clients and plans (safe to run again)."

    def handle(self, *args: Any, **options: Any) -> None:
        report = seed_demo()
        for line in [*report.lines(), "", *login_lines(settings.SITE_URL)]:
            self.stdout.write(line)
