"""The caseload dashboard at scale, against a trivial one-query page in the same run.

Builds a practice of 20,000 clients, 200,000 administrations and 100,000 notes in a
throwaway database (SQLite in a temporary folder, or BENCH_DATABASE_URL), then times
GET /dashboard/ for the practice admin (the whole practice) and for one clinician, and
GET of a page that runs one query behind the same sign-in (bench/_dashboard_urls.py).
Prints the figures, then one JSON line.

    .venv/bin/python bench/dashboard.py [--clients 20000]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _setup(folder: str) -> None:
    url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{folder}/bench.sqlite3"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trellis.settings")
    os.environ.setdefault("DEBUG", "false")
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ROOT_URLCONF = "bench._dashboard_urls"
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _best(http, url: str, rounds: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        response = http.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        _setup(folder)
        from django.db import connection
        from django.test import Client as Http

        from bench.synthetic import Sizes, generate
        from trellis.accounts.models import Practice, Role, User

        practice = Practice.objects.create(name="Bench Practice")
        admin = User.objects.create_user(
            email="admin@bench.test", password="x", practice=practice, role=Role.ADMIN
        )
        clinicians = [
            User.objects.create_user(email=f"c{n}@bench.test", password="x", practice=practice)
            for n in range(40)
        ]
        sizes = Sizes(
            clients=args.clients, administrations=args.clients * 10, notes=args.clients * 5
        )
        started = time.perf_counter()
        generate(practice, clinicians, sizes)
        built = time.perf_counter() - started
        print(
            f"built {sizes.clients} clients, {sizes.administrations} administrations, "
            f"{sizes.notes} notes in {built:.1f} s"
        )

        http = Http()
        http.force_login(admin)
        trivial = _best(http, "/bench/one-query/", args.rounds * 3)
        whole = _best(http, "/dashboard/", args.rounds)
        one = Http()
        one.force_login(clinicians[0])
        caseload = _best(one, "/dashboard/", args.rounds)
        print(f"trivial one-query page: {trivial * 1000:.1f} ms")
        print(f"dashboard, practice admin ({sizes.clients} clients): {whole * 1000:.0f} ms")
        print(f"dashboard, one clinician ({sizes.clients // 40} clients): {caseload * 1000:.0f} ms")
        print(
            json.dumps(
                {
                    "name": "dashboard_practice_admin",
                    "value": round(whole * 1000, 1),
                    "unit": "ms",
                    "baseline": round(trivial * 1000, 2),
                    "ratio": round(whole / trivial, 1),
                    "clinician_ms": round(caseload * 1000, 1),
                    "clinician_ratio": round(caseload / trivial, 1),
                    "database": connection.vendor,
                }
            )
        )


if __name__ == "__main__":
    main()
