"""`trellis worker`: run background jobs until stopped; `--once` runs what is due now, then
exits (for cron, and for tests)."""

from __future__ import annotations

import signal
from argparse import ArgumentParser
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from trellis.jobs.worker import Heart, Worker


class Command(BaseCommand):
    help = "Run the background jobs: mail now, reminders and exports later."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--once",
            action="store_true",
            help="Run every job due now (and the periodic jobs whose time has come), then exit.",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Seconds to wait when no job is due (default 1).",
        )
        parser.add_argument(
            "--queue",
            action="append",
            dest="queues",
            help="Only this queue (repeat for several); all queues by default.",
        )

    def handle(
        self, *args: Any, once: bool, interval: float, queues: list[str] | None, **options: Any
    ) -> None:
        if interval < 0:
            raise CommandError("--interval must be zero or more seconds.")
        worker = Worker(queues=queues, interval=interval)
        if once:
            self.stdout.write(str(worker.run_once()))
            return

        def stop(signum: int, frame: FrameType | None) -> None:
            # The job under way finishes; a second signal stops at once.
            if not worker.running:
                raise SystemExit(1)
            worker.running = False

        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, stop)
        heart = Heart(worker.worker_id)
        heart.start()
        self.stdout.write(f"Worker {worker.worker_id} is running jobs. Stop it with Ctrl+C.")
        self.stdout.flush()
        try:
            worker.run()
        finally:
            heart.stop()
        self.stdout.write(f"Worker {worker.worker_id} stopped. {worker.summary}")
