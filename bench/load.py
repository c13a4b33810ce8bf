"""The production server under load: gunicorn, 4 workers, 50 clinicians reading, 10 writing.

Starts `gunicorn trellis.wsgi --workers 4` with production settings (DEBUG off, a fresh
SECRET_KEY, ALLOWED_HOSTS and an https SITE_URL, so trellis/deploy.py lets it serve) on a
free local port, against:

- BENCH_DATABASE_URL or DATABASE_URL if set (a database you can throw away: the run
  migrates it and leaves its practice there);
- else a throwaway PostgreSQL of its own when `initdb` and `pg_ctl` are on PATH (a temporary
  folder, a free port, stopped and deleted at the end, even on error; run as the
  `postgres` user when this runs as root);
- else SQLite in a temporary folder.

It builds a practice of 50 clinicians, each with a small caseload of clients on active
plans (bench/synthetic.py), signs each clinician in through /accounts/login/ (one session
each), then for --seconds has the 50 read their dashboard, a client page and a plan page
in a loop while 10 more sessions add objectives to goals and record PHQ-9 and GAD-7
administrations through the pages' forms. Before it, for --baseline-seconds, the same 50
read a signed-in page that runs one query (bench/_load_urls.py), for a ratio that means
something on a busy machine. After the run every write the server acknowledged is looked
for in the database: `lost` counts those missing.

Reads count as errors unless they answer 200 (a redirect would be to the sign-in page),
writes unless they answer with the redirect of a saved form; exceptions (timeouts,
resets) count too. Prints the figures, then one JSON line.

    .venv/bin/python bench/load.py [--seconds 30] [--baseline-seconds 10]
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import pwd
import random
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORKERS = 4
CLINICIANS = 50
WRITERS = 10
PASSWORD = "load-bench-Pa55word"  # noqa: S105 (invented users of a throwaway database)
TIMEOUT = 60.0  # seconds; gunicorn's own worker timeout (30 s) answers before it
INSTRUMENTS = ("PHQ-9", "GAD-7")


# Pure helpers (tests/test_bench_load.py).


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile (0-100) by linear interpolation between closest ranks, as
    numpy's default; 0.0 for no values, so the JSON line stays valid."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = (len(ordered) - 1) * p / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass
class Sample:
    """One request: what it was, when it started, how long it took, and its error if any."""

    label: str
    started: float
    elapsed: float
    error: str | None = None


@dataclass
class Summary:
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    mean_ms: float
    errors: Counter[str] = field(default_factory=Counter)

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0


def summarize(samples: Sequence[Sample], start: float, until: float) -> Summary:
    """Requests/s counts the answers received inside the window [start, until], so a slow
    tail after it does not dilute the rate; latencies and errors count every request."""
    times = [s.elapsed * 1000 for s in samples]
    return Summary(
        requests=sum(1 for s in samples if s.started + s.elapsed <= until),
        seconds=until - start,
        p50_ms=percentile(times, 50),
        p95_ms=percentile(times, 95),
        p99_ms=percentile(times, 99),
        mean_ms=sum(times) / len(times) if times else 0.0,
        errors=Counter(f"{s.label} {s.error}" for s in samples if s.error is not None),
    )


def result_line(
    load: Summary, baseline: Summary, *, lost: int, database: str, seconds: float
) -> str:
    """The benchmark's JSON line: requests/s under load against the one-query page's."""
    value = load.per_second
    return json.dumps(
        {
            "name": "load",
            "value": round(value, 1),
            "unit": "requests/s",
            "baseline": round(baseline.per_second, 1),
            "ratio": round(baseline.per_second / value, 2) if value else None,
            "p50_ms": round(load.p50_ms, 1),
            "p95_ms": round(load.p95_ms, 1),
            "p99_ms": round(load.p99_ms, 1),
            "errors": sum(load.errors.values()),
            "lost": lost,
            "database": database,
            "seconds": seconds,
        }
    )


def database_kind(url: str) -> str:
    return "sqlite" if url.startswith("sqlite") else "postgresql"


# The database.


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _postgres_runner() -> list[str] | None:
    """How to run PostgreSQL's commands here, or None if they cannot run: they are on PATH,
    and under root (which they refuse) there is a `postgres` user and runuser."""
    if not (shutil.which("initdb") and shutil.which("pg_ctl")):
        return None
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        return None
    return ["runuser", "-u", "postgres", "--"] if shutil.which("runuser") else None


def _command(args: list[str], log: Path, *, check: bool = True) -> None:
    """A PostgreSQL command, its output to `log`; on failure, stop with that output."""
    with log.open("ab") as output:
        done = subprocess.run(args, stdout=output, stderr=subprocess.STDOUT, check=False)  # noqa: S603 - our own commands, fixed arguments
    if check and done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{log.read_text()[-3000:]}")


@contextlib.contextmanager
def throwaway_postgresql(runner: list[str]) -> Iterator[str]:
    """A PostgreSQL server of its own in a temporary folder, stopped and deleted after."""
    folder = Path(tempfile.mkdtemp(prefix="trellis-load-pg-"))
    # The commands' output; the server writes its own log (as its user).
    data, log, server_log = folder / "data", folder / "commands.log", folder / "server.log"
    started = False
    try:
        if runner:
            user = pwd.getpwnam("postgres")
            os.chown(folder, user.pw_uid, user.pw_gid)
        initdb = [*runner, "initdb", "-D", str(data), "-U", "postgres", "-A", "trust"]
        _command([*initdb, "-E", "UTF8", "--locale=C", "--no-sync"], log)
        port = _free_port()
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1"
        _command(
            [
                *runner,
                "pg_ctl",
                "-D",
                str(data),
                "-l",
                str(server_log),
                "-o",
                options,
                "-w",
                "start",
            ],
            log,
        )
        started = True
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=port, user="postgres", dbname="postgres", autocommit=True
        ) as connection:
            connection.execute("CREATE DATABASE trellis_load")
        yield f"postgres://postgres@127.0.0.1:{port}/trellis_load"
    finally:
        if started:
            _command(
                [*runner, "pg_ctl", "-D", str(data), "-m", "fast", "-w", "stop"], log, check=False
            )
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def chosen_database(folder: str, *, sqlite: bool = False) -> Iterator[tuple[str, str]]:
    """(DATABASE_URL, how it was chosen)."""
    given = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL")
    if sqlite:
        yield f"sqlite:///{folder}/load.sqlite3", "--sqlite: a temp folder"
    elif given:
        yield given, "given by BENCH_DATABASE_URL/DATABASE_URL"
    elif (runner := _postgres_runner()) is not None:
        with throwaway_postgresql(runner) as url:
            yield url, "a throwaway server of its own (initdb, pg_ctl)"
    else:
        yield f"sqlite:///{folder}/load.sqlite3", "no DATABASE_URL, no initdb to run: a temp folder"


# The practice.


@dataclass
class Caseload:
    email: str
    clients: list[str]
    plans: list[str]
    goals: list[str]


def _setup_django(url: str, folder: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["TRELLIS_VAR_DIR"] = folder
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench._load_settings"
    os.environ["DEBUG"] = "false"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build_practice(caseload: int, token: str) -> list[Caseload]:
    """50 clinicians sharing one password hash (hashed once: the server still checks it at
    each sign-in), each with `caseload` clients on active plans (bench/synthetic.py)."""
    from django.contrib.auth.hashers import make_password

    from bench.synthetic import Sizes, generate
    from trellis.accounts.models import Practice, User
    from trellis.plans.models import Goal, TreatmentPlan

    practice = Practice.objects.create(name=f"Load bench {token}")
    hashed = make_password(PASSWORD)
    users = User.objects.bulk_create(
        [
            User(email=f"c{n}.{token}@bench.test", password=hashed, practice=practice)
            for n in range(CLINICIANS)
        ]
    )
    clients = CLINICIANS * caseload
    generate(
        practice, users, Sizes(clients=clients, administrations=clients * 8, notes=clients * 4)
    )
    plans = dict(
        TreatmentPlan.objects.filter(client__practice=practice).values_list("client_id", "pk")
    )
    goals = dict(
        Goal.objects.filter(problem__plan__client__practice=practice).values_list(
            "problem__plan__client_id", "pk"
        )
    )
    loads = {u.pk: Caseload(u.email, [], [], []) for u in users}
    from trellis.clients.models import CareTeamMember

    for client_id, user_id in CareTeamMember.objects.filter(client__practice=practice).values_list(
        "client_id", "user_id"
    ):
        load = loads[user_id]
        load.clients.append(str(client_id))
        load.plans.append(str(plans[client_id]))
        load.goals.append(str(goals[client_id]))
    return list(loads.values())


# The server.


@contextlib.contextmanager
def gunicorn(url: str, folder: str) -> Iterator[int]:
    """`gunicorn trellis.wsgi --workers 4` with production settings, until it answers."""
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "bench._load_settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "https://load-bench.invalid",
        "DEBUG": "false",
        "TRELLIS_VAR_DIR": folder,
        "LOG_LEVEL": "WARNING",
    }
    env.pop("TRELLIS_MODE", None)
    log = Path(folder) / "gunicorn.log"
    command = [sys.executable, "-m", "gunicorn", "trellis.wsgi", "--workers", str(WORKERS)]
    command += ["--bind", f"127.0.0.1:{port}", "--preload", "--chdir", str(ROOT)]
    with log.open("wb") as output:
        server = subprocess.Popen(  # noqa: S603 - our own command, fixed arguments
            command, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        _wait_until_serving(server, port, log)
        yield port
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _wait_until_serving(server: subprocess.Popen[bytes], port: int, log: Path) -> None:
    give_up = time.monotonic() + 120
    while time.monotonic() < give_up:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped at start-up:\n{log.read_text()[-3000:]}")
        with contextlib.suppress(OSError):
            if Browser(port).get("/accounts/login/")[0] == 200:
                return
        time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer within 120 s:\n{log.read_text()[-3000:]}")


# The clients of the server.


class Browser:
    """One signed-in person: their cookies, a new connection per request (gunicorn's sync
    workers close each one anyway)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def get(self, path: str) -> tuple[int, str, bytes]:
        return self.request("GET", path)

    def post(self, path: str, form: dict[str, str]) -> tuple[int, str, bytes]:
        data = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **form}
        return self.request("POST", path, urlencode(data))

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, str, bytes]:
        """(status, Location, body)."""
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        try:
            connection.request(method, path, body, headers)
            response = connection.getresponse()
            content = response.read()
            for header in response.headers.get_all("Set-Cookie") or []:
                cookie: SimpleCookie = SimpleCookie()
                cookie.load(header)
                for name, morsel in cookie.items():
                    if morsel.value and morsel["max-age"] != "0":
                        self.cookies[name] = morsel.value
                    else:
                        self.cookies.pop(name, None)
            return response.status, response.getheader("Location", ""), content
        finally:
            connection.close()


def sign_in(port: int, email: str) -> Browser:
    """Through the sign-in page, as a person: its form's CSRF token, then the POST."""
    browser = Browser(port)
    status, _, page = browser.get("/accounts/login/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if status != 200 or token is None:
        raise SystemExit(f"the sign-in page answered {status} without a CSRF token")
    form = {"csrfmiddlewaretoken": token.group(1).decode(), "username": email}
    status, where, _ = browser.request(
        "POST", "/accounts/login/", urlencode(form | {"password": PASSWORD})
    )
    if status != 302 or "sessionid" not in browser.cookies:
        raise SystemExit(f"signing in {email} answered {status} {where!r}, not a session")
    return browser


def _timed(samples: list[Sample], label: str, call: Callable[[], str | None]) -> None:
    started = time.perf_counter()
    try:
        error = call()
    except Exception as exc:  # a failed request is a result: counted, by its kind
        error = type(exc).__name__
    samples.append(Sample(label, started, time.perf_counter() - started, error))


def _read(browser: Browser, path: str) -> str | None:
    status, where, _ = browser.get(path)
    if status == 200:
        return None
    return f"{status} to {where}" if where else str(status)


def _reader_pages(load: Caseload) -> list[tuple[str, str]]:
    pages = []
    for client, plan in zip(load.clients, load.plans, strict=True):
        pages += [("GET dashboard", "/dashboard/"), ("GET client", f"/clients/{client}/")]
        pages.append(("GET plan", f"/plans/{plan}/"))
    return pages


def _check_pages(browser: Browser, pages: list[tuple[str, str]]) -> None:
    for label, path in pages[:3]:
        if (error := _read(browser, path)) is not None:
            raise SystemExit(f"{label} {path} answered {error} before the run")


def read_loop(
    browser: Browser, pages: list[tuple[str, str]], start: float, until: float
) -> list[Sample]:
    samples: list[Sample] = []
    time.sleep(max(0.0, start - time.perf_counter()))
    n = 0
    while time.perf_counter() < until:
        label, path = pages[n % len(pages)]
        _timed(samples, label, partial(_read, browser, path))
        n += 1
    return samples


@dataclass
class Writes:
    """What the server said it saved, by the marker each write carries."""

    objectives: set[str] = field(default_factory=set)
    administrations: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)


class Writer:
    def __init__(self, browser: Browser, load: Caseload, number: int, marker: str) -> None:
        self.browser = browser
        self.load = load
        self.number = number
        self.marker = marker
        self.rng = random.Random(number)
        from trellis.core.measures import builtin_instruments

        self.instruments = [builtin_instruments()[i] for i in INSTRUMENTS]

    def check_forms(self) -> None:
        """The forms the writes post to exist and have the fields posted (a renamed field
        would otherwise pass silently as refused forms)."""
        from trellis.measures.forms import item_field_name

        goal, client = self.load.goals[0], self.load.clients[0]
        status, _, page = self.browser.get(f"/plan-items/objective/add-to/{goal}/")
        if status != 200 or b'name="statement"' not in page:
            raise SystemExit(f"the add-objective form answered {status} without a statement")
        for instrument in self.instruments:
            status, _, page = self.browser.get(f"/clients/{client}/measures/give/{instrument.id}/")
            instrument_id = instrument.id
            names = ["administered_at", "mode", "notes"]
            names += [item_field_name(i.number) for i in instrument.items]
            missing = [n for n in names if f'name="{n}"'.encode() not in page]
            if status != 200 or missing:
                raise SystemExit(f"the {instrument_id} form answered {status}, missing {missing}")

    def add_objective(self, n: int, writes: Writes) -> str | None:
        goal = self.load.goals[n % len(self.load.goals)]
        statement = f"{self.marker} w{self.number}-{n}: practise one coping skill daily"
        status, where, _ = self.browser.post(
            f"/plan-items/objective/add-to/{goal}/",
            {"statement": statement, "target_date": "", "status": ""},
        )
        if status == 302 and "/plans/" in where:
            with writes.lock:
                writes.objectives.add(statement)
            return None
        return f"{status} (form refused)" if status in (200, 422) else str(status)

    def administer(self, n: int, writes: Writes) -> str | None:
        from django.utils import timezone

        from trellis.measures.forms import item_field_name

        instrument = self.instruments[n % len(self.instruments)]
        client = self.load.clients[n % len(self.load.clients)]
        notes = f"{self.marker} w{self.number}-{n}"
        given = timezone.localtime() - timedelta(minutes=1)
        form = {"administered_at": given.strftime("%Y-%m-%dT%H:%M"), "mode": "in_session"}
        form["notes"] = notes
        critical = {c.item for c in instrument.critical}
        for item in instrument.items:  # no risk answers: this is load, not a crisis
            values = [o.value for o in item.options]
            value = min(values) if item.number in critical else self.rng.choice(values)
            form[item_field_name(item.number)] = str(value)
        status, _, _ = self.browser.post(f"/clients/{client}/measures/give/{instrument.id}/", form)
        if status == 302:
            with writes.lock:
                writes.administrations.add(notes)
            return None
        return f"{status} (form refused)" if status in (200, 422) else str(status)

    def loop(self, writes: Writes, start: float, until: float) -> list[Sample]:
        samples: list[Sample] = []
        time.sleep(max(0.0, start - time.perf_counter()))
        n = 0
        while time.perf_counter() < until:
            if n % 2 == 0:
                _timed(samples, "POST objective", partial(self.add_objective, n // 2, writes))
            else:
                _timed(samples, "POST administration", partial(self.administer, n // 2, writes))
            n += 1
        return samples


def run(
    jobs: Sequence[Callable[[float, float], list[Sample]]], seconds: float
) -> tuple[list[Sample], float, float]:
    """Every job in its own thread over the same window: the samples, the window's start
    and end (the requests started in it are waited for)."""
    start = time.perf_counter() + 0.5
    until = start + seconds
    results: list[list[Sample]] = [[] for _ in jobs]

    def work(i: int) -> None:
        results[i] = jobs[i](start, until)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [s for r in results for s in r], start, until


def lost_writes(writes: Writes, marker: str) -> tuple[int, int, int]:
    """(acknowledged, found, lost): every write answered as saved must be in the database."""
    from trellis.measures.models import Administration
    from trellis.plans.models import Objective

    objectives = set(
        Objective.objects.filter(statement__startswith=marker).values_list("statement", flat=True)
    )
    administrations = set(
        Administration.objects.filter(notes__startswith=marker).values_list("notes", flat=True)
    )
    acknowledged = len(writes.objectives) + len(writes.administrations)
    lost = len(writes.objectives - objectives) + len(writes.administrations - administrations)
    return acknowledged, len(objectives) + len(administrations), lost


def _print_summary(title: str, summary: Summary) -> None:
    print(
        f"{title}: {summary.requests} requests in {summary.seconds:.1f} s = "
        f"{summary.per_second:.1f} requests/s; p50 {summary.p50_ms:.0f} ms, "
        f"p95 {summary.p95_ms:.0f} ms, p99 {summary.p99_ms:.0f} ms, mean {summary.mean_ms:.0f} ms; "
        f"{sum(summary.errors.values())} errors"
    )
    for what, count in summary.errors.most_common(8):
        print(f"    {count:6d}  {what}")


def _print_by_label(samples: Sequence[Sample], start: float, until: float) -> None:
    for label in sorted({s.label for s in samples}):
        summary = summarize([s for s in samples if s.label == label], start, until)
        print(
            f"    {label:20s} {summary.per_second:6.1f}/s  p50 {summary.p50_ms:6.0f} ms"
            f"  p95 {summary.p95_ms:6.0f} ms  p99 {summary.p99_ms:6.0f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--baseline-seconds", type=float, default=10)
    parser.add_argument("--caseload", type=int, default=10, help="clients per clinician")
    parser.add_argument("--sqlite", action="store_true", help="SQLite, whatever else is there")
    args = parser.parse_args()
    token = secrets.token_hex(4)
    marker = f"LOAD-{token}"
    with (
        tempfile.TemporaryDirectory(prefix="trellis-load-") as folder,
        chosen_database(folder, sqlite=args.sqlite) as (url, how),
    ):
        database = database_kind(url)
        print(f"database: {database} ({how})")
        started = time.perf_counter()
        _setup_django(url, folder)
        loads = build_practice(args.caseload, token)
        from django.db import connections

        connections.close_all()
        print(
            f"built {CLINICIANS} clinicians x {args.caseload} clients on active plans "
            f"(with PHQ-9 histories and notes) in {time.perf_counter() - started:.1f} s"
        )
        with gunicorn(url, folder) as port:
            print(f"gunicorn trellis.wsgi --workers {WORKERS} on 127.0.0.1:{port}, DEBUG off")
            started = time.perf_counter()
            with ThreadPoolExecutor(8) as pool:
                readers = list(pool.map(lambda load: sign_in(port, load.email), loads))
                writer_browsers = list(
                    pool.map(lambda load: sign_in(port, load.email), loads[:WRITERS])
                )
                writers = [
                    Writer(b, load, n, marker)
                    for n, (b, load) in enumerate(zip(writer_browsers, loads, strict=False))
                ]
                signed_in = time.perf_counter() - started
                list(pool.map(Writer.check_forms, writers))
                pages = [_reader_pages(load) for load in loads]
                # Each reader's three pages once: warm workers, and every page answers 200.
                list(pool.map(_check_pages, readers, pages))
            print(
                f"signed in {len(readers)} readers and {len(writers)} writers in {signed_in:.1f} s"
                f" (each password checked by the server), checked their pages and forms in"
                f" {time.perf_counter() - started - signed_in:.1f} s"
            )

            one = [("GET one-query", "/bench/one-query/")]
            samples, start, until = run(
                [partial(read_loop, b, one) for b in readers], args.baseline_seconds
            )
            baseline = summarize(samples, start, until)
            _print_summary(f"baseline, {len(readers)} readers of a one-query page", baseline)

            writes = Writes()
            jobs = [partial(read_loop, b, p) for b, p in zip(readers, pages, strict=True)]
            jobs += [partial(w.loop, writes) for w in writers]
            samples, start, until = run(jobs, args.seconds)
            load = summarize(samples, start, until)
            _print_summary(f"load, {len(readers)} readers + {len(writers)} writers", load)
            _print_by_label(samples, start, until)
            if load.errors or baseline.errors:
                log = (Path(folder) / "gunicorn.log").read_text().splitlines()
                print("gunicorn's log ends:", *log[-15:], sep="\n    ")
        acknowledged, found, lost = lost_writes(writes, marker)
        print(f"writes: {acknowledged} acknowledged, {found} in the database, {lost} lost")
        print(result_line(load, baseline, lost=lost, database=database, seconds=args.seconds))


if __name__ == "__main__":
    main()
