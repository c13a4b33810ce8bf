import time

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from tests.factories import PASSWORD
from trellis.accounts.middleware import LOGIN_AT_KEY, SEEN_AT_KEY
from trellis.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_sign_in_is_audited_with_ip(client, cast) -> None:
    response = client.post(
        reverse("login"),
        {"username": "CLINICIAN@test.test", "password": PASSWORD},
        REMOTE_ADDR="10.1.2.3",
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="login")
    assert (event.actor, event.ip_address) == (cast.clinician, "10.1.2.3")


def test_failed_sign_in_is_audited_and_locks_after_repeated_failures(
    client, cast, settings
) -> None:
    settings.LOGIN_LOCKOUT_FAILURES = 3
    for _ in range(3):
        client.post(reverse("login"), {"username": cast.clinician.email, "password": "wrong"})
    assert AuditEvent.objects.filter(action="login_failed").count() == 3
    response = client.post(
        reverse("login"), {"username": cast.clinician.email, "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "Too many sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_idle_sessions_expire_after_the_configured_time(client, cast, settings) -> None:
    client.login(username=cast.clinician.email, password=PASSWORD)
    client.get(reverse("clients:list"))
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE == 15 * 60


def test_reads_refresh_the_idle_clock_at_most_once_a_minute(client, cast, settings) -> None:
    """The session row is written again only when its idle clock is a minute old."""
    client.login(username=cast.clinician.email, password=PASSWORD)
    client.get(reverse("clients:list"))
    key = client.session.session_key
    saved = Session.objects.get(session_key=key).expire_date
    client.get(reverse("clients:list"))
    assert Session.objects.get(session_key=key).expire_date == saved  # not written again

    session = client.session
    session[SEEN_AT_KEY] = time.time() - settings.SESSION_REFRESH_SECONDS
    session.save()
    before = Session.objects.get(session_key=key).expire_date
    time.sleep(1.1)  # the expiry is stored to the second
    client.get(reverse("clients:list"))
    assert Session.objects.get(session_key=key).expire_date > before  # idle clock restarted


def test_absolute_session_limit_signs_out(client, cast, settings) -> None:
    client.login(username=cast.clinician.email, password=PASSWORD)
    session = client.session
    session[LOGIN_AT_KEY] = time.time() - settings.SESSION_ABSOLUTE_TIMEOUT - 1
    session.save()
    response = client.get(reverse("clients:list"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_staff_pages_need_sign_in(client) -> None:
    response = client.get(reverse("clients:list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_signed_in_pages_are_not_cached(client, cast) -> None:
    client.login(username=cast.clinician.email, password=PASSWORD)
    assert client.get(reverse("clients:list"))["Cache-Control"] == "no-store, private"


def test_django_admin_is_not_reachable_unless_enabled(client, cast) -> None:
    assert client.get("/django-admin/login/").status_code == 404


def test_django_admin_is_for_superusers_only(client, cast, settings) -> None:
    settings.DJANGO_ADMIN_ENABLED = True
    cast.admin.is_staff = True
    cast.admin.save()
    client.login(username=cast.admin.email, password=PASSWORD)
    assert client.get("/django-admin/").status_code == 302
