"""Who may call the API: a bearer token or a signed-in browser session, nothing else."""

from __future__ import annotations

import pytest
from django.test import Client as HttpClient
from django.utils import timezone

from tests.api.helpers import BASE, Api, encode, snapshot
from tests.factories import PASSWORD, Personas, make_user
from trellis.accounts.models import ApiToken
from trellis.accounts.services import api_token_issue

NEW_CLIENT = {"first_name": "Robin", "last_name": "Okafor", "date_of_birth": "1985-06-01"}


def session_for(user_email: str) -> HttpClient:
    """A browser that signed in and holds a CSRF cookie, as after opening any page."""
    browser = HttpClient(enforce_csrf_checks=True)
    assert browser.login(username=user_email, password=PASSWORD)
    assert browser.get("/clients/").status_code == 200
    assert "csrftoken" in browser.cookies
    return browser


def post_json(http: HttpClient, path: str, body: object, **extra: str):  # type: ignore[no-untyped-def]
    return http.post(BASE + path, data=encode(body), content_type="application/json", **extra)


def assert_unauthenticated(response) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication required"}
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_bearer_token_reads(cast: Personas) -> None:
    response = Api(cast.clinician).get(f"/clients/{cast.client.pk}")
    assert response.status_code == 200
    assert response.json()["last_name"] == cast.client.last_name


def test_bearer_token_writes_without_csrf(cast: Personas) -> None:
    response = Api(cast.clinician).post("/clients", NEW_CLIENT)
    assert response.status_code == 201


def test_bearer_token_use_is_recorded(cast: Personas) -> None:
    raw = api_token_issue(user=cast.clinician, name="sync")
    Api(token=raw).get("/clients")
    token = ApiToken.objects.get(user=cast.clinician, name="sync")
    assert token.last_used_at is not None


@pytest.mark.parametrize(
    "header",
    [
        "Bearer trl_not-a-token",
        "Bearer ",
        "Token trl_not-a-token",
        "Basic Y2xpbmljaWFuQHRlc3QudGVzdDp0ZXN0LXBhc3N3b3JkLTEyMw==",
    ],
)
def test_unknown_token_is_401(cast: Personas, header: str) -> None:
    response = HttpClient().get(f"{BASE}/clients/{cast.client.pk}", HTTP_AUTHORIZATION=header)
    assert_unauthenticated(response)


def test_revoked_token_is_401(cast: Personas) -> None:
    raw = api_token_issue(user=cast.clinician, name="old laptop")
    ApiToken.objects.filter(user=cast.clinician).update(revoked_at=timezone.now())
    assert_unauthenticated(Api(token=raw).get(f"/clients/{cast.client.pk}"))


def test_revoked_token_cannot_write_and_is_told_401_not_csrf(cast: Personas) -> None:
    raw = api_token_issue(user=cast.clinician, name="old laptop")
    ApiToken.objects.filter(user=cast.clinician).update(revoked_at=timezone.now())
    before = snapshot()
    assert_unauthenticated(Api(token=raw).post("/clients", NEW_CLIENT))
    assert snapshot() == before


def test_token_of_a_deactivated_user_is_401(cast: Personas) -> None:
    caller = Api(cast.clinician)
    cast.clinician.is_active = False
    cast.clinician.save(update_fields=["is_active"])
    assert_unauthenticated(caller.get("/clients"))


def test_token_of_a_user_without_practice_is_401(cast: Personas) -> None:
    loner = make_user("loner@test.test", None)
    assert_unauthenticated(Api(loner).get("/clients"))


@pytest.mark.parametrize("method", ["get", "post", "patch", "delete"])
def test_no_credentials_is_401(cast: Personas, method: str) -> None:
    before = snapshot()
    anonymous = HttpClient(enforce_csrf_checks=True)
    paths = {
        "get": f"/clients/{cast.client.pk}",
        "post": "/clients",
        "patch": f"/clients/{cast.client.pk}",
        "delete": f"/diagnoses/{cast.diagnosis.pk}",
    }
    body = {"post": NEW_CLIENT, "patch": {"version": 1, "pronouns": "she/her"}}.get(method)
    call = getattr(anonymous, method)
    if body is None:
        response = call(BASE + paths[method])
    else:
        response = call(BASE + paths[method], data=encode(body), content_type="application/json")
    assert_unauthenticated(response)
    assert snapshot() == before


def test_session_reads(cast: Personas) -> None:
    browser = session_for(cast.clinician.email)
    response = browser.get(f"{BASE}/clients/{cast.client.pk}")
    assert response.status_code == 200
    assert response.json()["id"] == str(cast.client.pk)


def test_session_write_with_csrf_token(cast: Personas) -> None:
    browser = session_for(cast.clinician.email)
    token = browser.cookies["csrftoken"].value
    response = post_json(browser, "/clients", NEW_CLIENT, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201


def test_session_write_without_csrf_token_is_refused(cast: Personas) -> None:
    browser = session_for(cast.clinician.email)
    before = snapshot()
    response = post_json(browser, "/clients", NEW_CLIENT)
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert snapshot() == before


def test_session_write_with_a_wrong_csrf_token_is_refused(cast: Personas) -> None:
    browser = session_for(cast.clinician.email)
    before = snapshot()
    response = browser.patch(
        f"{BASE}/clients/{cast.client.pk}",
        data=encode({"version": cast.client.version, "pronouns": "he/him"}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN="x" * 32,
    )
    assert response.status_code == 403
    assert snapshot() == before


def test_session_of_a_user_without_practice_is_401(cast: Personas) -> None:
    make_user("root@test.test", None, is_superuser=True, is_staff=True)
    browser = HttpClient()
    assert browser.login(username="root@test.test", password=PASSWORD)
    assert_unauthenticated(browser.get(f"{BASE}/clients"))


def test_signed_out_session_is_401(cast: Personas) -> None:
    browser = session_for(cast.clinician.email)
    browser.logout()
    assert_unauthenticated(browser.get(f"{BASE}/clients/{cast.client.pk}"))


def test_guessing_tokens_is_throttled_per_address(cast: Personas, settings) -> None:  # type: ignore[no-untyped-def]
    """Issue 13: every way in goes through the sign-in throttle, the API's tokens too."""
    settings.LOGIN_LOCKOUT_IP_FAILURES = 3
    raw = api_token_issue(user=cast.clinician)
    http = HttpClient(REMOTE_ADDR="10.4.4.4")
    for n in range(3):
        assert (
            http.get(BASE + "/clients", HTTP_AUTHORIZATION=f"Bearer trl_guess{n}").status_code
            == 401
        )
    assert http.get(BASE + "/clients", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 429
    other = HttpClient(REMOTE_ADDR="10.5.5.5")
    assert other.get(BASE + "/clients", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
