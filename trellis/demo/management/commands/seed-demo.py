"""`trellis seed-demo`: load the synthetic demo practices, staff, clients and plans.

Safe to run again: what is already there is left as it is. The stories are the files in
`trellis/data/demo/`; a file that does not load is named and nothing is added.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from trellis.demo.seed import login_lines, seed_demo
from trellis.demo.stories import DEMO_DATA, DemoFileError


class Command(BaseCommand):
    help = "Load the invented demo practices, people, clients and plans (safe to run again)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--data",
            type=Path,
            default=DEMO_DATA,
            metavar="DIR",
            help="load the stories from a copy of trellis/data/demo (to try an edited story)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        folder = options["data"]
        try:
            report = seed_demo(folder=folder)
        except DemoFileError as error:
            raise CommandError(f"The demo was not loaded:\n{error}") from error
        for line in [*report.lines(), "", *login_lines(settings.SITE_URL, folder)]:
            self.stdout.write(line)
