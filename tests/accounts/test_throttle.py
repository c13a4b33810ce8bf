"""Every way in goes through one throttle, counted before the password is checked.

Issue 13: 40 (and 100) parallel guesses were all checked although the limit is 10, and
the Django admin's login had no lockout at all.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.accounts import counting_hasher
from tests.factories import PASSWORD
from trellis.accounts import throttle
from trellis.accounts.models import User
from trellis.audit.models import AuditEvent

COUNTING = "tests.accounts.counting_hasher.CountingMD5PasswordHasher"


def _sign_in(email: str, password: str, ip: str = "10.0.0.1", path: str = "") -> Client:
    client = Client(REMOTE_ADDR=ip)
    client.post(path or reverse("login"), {"username": email, "password": password})
    return client


def _signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.django_db
def test_the_limit_counts_attempts_per_account(cast, settings) -> None:
    settings.LOGIN_LOCKOUT_FAILURES = 3
    for _ in range(3):
        _sign_in(cast.clinician.email, "wrong")
    assert not _signed_in(_sign_in(cast.clinician.email, PASSWORD, ip="10.9.9.9"))
    # Another account is not affected.
    assert _signed_in(_sign_in(cast.colleague.email, PASSWORD))


@pytest.mark.django_db
def test_the_limit_counts_attempts_per_address_across_accounts(cast, settings) -> None:
    settings.LOGIN_LOCKOUT_IP_FAILURES = 4
    for n in range(4):
        _sign_in(f"nobody{n}@test.test", "wrong", ip="10.6.6.6")
    assert not _signed_in(_sign_in(cast.clinician.email, PASSWORD, ip="10.6.6.6"))
    assert _signed_in(_sign_in(cast.clinician.email, PASSWORD, ip="10.7.7.7"))


@pytest.mark.django_db
def test_only_failures_count_towards_the_limit(cast, settings) -> None:
    settings.LOGIN_LOCKOUT_FAILURES = 3
    for _ in range(2):
        _sign_in(cast.clinician.email, "wrong")
    for _ in range(3):
        assert _signed_in(_sign_in(cast.clinician.email, PASSWORD))
    _sign_in(cast.clinician.email, "wrong")
    assert not _signed_in(_sign_in(cast.clinician.email, PASSWORD))


@pytest.mark.django_db
def test_a_locked_attempt_checks_no_password(cast, settings) -> None:
    settings.PASSWORD_HASHERS = [COUNTING]
    settings.LOGIN_LOCKOUT_FAILURES = 2
    counting_hasher.reset()
    for _ in range(5):
        _sign_in(cast.clinician.email, "wrong")
    assert counting_hasher.checked == 2
    assert AuditEvent.objects.filter(action="login_failed").count() == 5


@pytest.mark.django_db
def test_failed_sign_ins_appear_in_the_practice_log(cast) -> None:
    _sign_in(cast.clinician.email, "wrong")
    _sign_in("nobody@test.test", "wrong")
    events = AuditEvent.objects.filter(action="login_failed")
    practice_of = {e.actor_email: e.practice_id for e in events}
    assert practice_of == {cast.clinician.email: cast.practice.pk, "nobody@test.test": None}


@pytest.mark.django_db
def test_the_django_admin_login_goes_through_the_same_throttle(cast, settings) -> None:
    settings.DJANGO_ADMIN_ENABLED = True
    boss = User.objects.create_superuser("root@test.test", PASSWORD, full_name="Root")
    admin_login = "/django-admin/login/"
    for _ in range(settings.LOGIN_LOCKOUT_FAILURES + 5):
        _sign_in(boss.email, "wrong", path=admin_login)
    client = Client(REMOTE_ADDR="10.0.0.1")
    response = client.post(admin_login, {"username": boss.email, "password": PASSWORD})
    assert not _signed_in(client)
    assert "Too many sign-in attempts" in response.content.decode()


def _wait_until_the_limit_is_taken(email: str) -> None:
    """The right guess is sent once ten wrong ones are being checked or have failed,
    while the rest are still in flight: it must not be checked."""
    key = throttle.sign_in_keys(email, None)[0]
    deadline = time.monotonic() + 20
    while not throttle.is_locked(key) and time.monotonic() < deadline:
        time.sleep(0.01)


@pytest.mark.django_db(transaction=True)
def test_parallel_guesses_check_at_most_the_limit(audit_flushable, settings) -> None:
    """40 simultaneous attempts, the right password among them: at most 10 are checked
    (the limit), and the right one, sent while the guesses are in flight, is refused."""
    settings.PASSWORD_HASHERS = [COUNTING]
    settings.LOGIN_LOCKOUT_FAILURES = 10
    victim = User.objects.create_user("victim@test.test", PASSWORD, full_name="Victim")
    counting_hasher.reset()
    start = threading.Barrier(40)
    results: dict[int, bool] = {}
    errors: list[BaseException] = []

    def attempt(n: int) -> None:
        try:
            start.wait()
            if n == 39:
                _wait_until_the_limit_is_taken(victim.email)
            password = PASSWORD if n == 39 else f"wrong-{n}"
            results[n] = _signed_in(_sign_in(victim.email, password, ip=f"10.1.0.{n}"))
        except BaseException as exc:  # surfaced below: a thread's error must fail the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(results) == 40
    assert counting_hasher.checked <= 10
    assert not any(results.values())
