"""Request bodies are limited before anything reads them (issue 13 item 7: an anonymous
request made the server write a 200 MB upload to disk before any check)."""

from __future__ import annotations

import socket
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client as HttpClient
from django.urls import reverse

from tests.factories import PASSWORD, Personas
from trellis.measures.models import CustomInstrument

pytestmark = pytest.mark.django_db
BIG = 200 * 1024 * 1024
MULTIPART = "multipart/form-data; boundary=xyz"


def _claims(http: HttpClient, url: str, length: int, content_type: str = MULTIPART):
    """A request whose headers announce ``length`` bytes but carry 10: reading the body
    would raise, so a clean answer proves nothing read it."""
    return http.generic(
        "POST", url, b"0123456789", content_type=content_type, CONTENT_LENGTH=str(length)
    )


def test_an_anonymous_200_mb_upload_is_refused_unread(client) -> None:
    response = _claims(client, reverse("measures:instruments"), BIG)
    assert response.status_code == 413
    assert response.content.decode() == "The request is larger than the 5 MiB this server accepts."


def test_an_anonymous_upload_sized_body_is_refused_unread(client) -> None:
    for url in (reverse("measures:instruments"), reverse("login"), "/api/v1/clients"):
        response = _claims(client, url, 64 * 1024 + 1)
        assert response.status_code == 403, url
        assert "Sign in before uploading a file." in response.content.decode()


def test_a_small_anonymous_form_keeps_its_fields_and_loses_its_files(rf) -> None:
    from django.contrib.auth.models import AnonymousUser
    from django.test.client import encode_multipart

    body = encode_multipart(
        "xyz", {"email": "someone@test.test", "file": SimpleUploadedFile("a.yaml", b"id: X")}
    )
    request = rf.generic("POST", "/", body, content_type=MULTIPART)
    request.user = AnonymousUser()
    assert request.POST["email"] == "someone@test.test"
    assert "file" not in request.FILES


def test_a_signed_in_users_file_is_kept_in_memory(rf, cast: Personas) -> None:
    from django.core.files.uploadedfile import InMemoryUploadedFile
    from django.test.client import encode_multipart

    body = encode_multipart("xyz", {"file": SimpleUploadedFile("a.yaml", b"id: X")})
    request = rf.generic("POST", "/", body, content_type=MULTIPART)
    request.user = cast.admin
    assert isinstance(request.FILES["file"], InMemoryUploadedFile)
    assert request.FILES["file"].read() == b"id: X"


def test_a_signed_in_upload_over_the_limit_is_413_and_changes_nothing(client, cast: Personas):
    client.login(username=cast.admin.email, password=PASSWORD)
    big = SimpleUploadedFile("big.yaml", b"#" * (settings.MAX_REQUEST_BODY_BYTES + 1))
    response = client.post(reverse("measures:instruments"), {"file": big})
    assert response.status_code == 413
    assert not CustomInstrument.objects.exists()


def test_the_api_answers_413_in_json(cast: Personas) -> None:
    response = _claims(HttpClient(), "/api/v1/clients", BIG, "application/json")
    assert response.status_code == 413
    assert response.json() == {
        "detail": "The request is larger than the 5 MiB this server accepts."
    }


def test_a_malformed_content_length_is_400(client) -> None:
    response = client.generic("POST", reverse("login"), b"", CONTENT_LENGTH="12x")
    assert response.status_code == 400


def test_uploads_stay_in_memory_and_under_the_limit() -> None:
    assert settings.FILE_UPLOAD_HANDLERS == [
        "trellis.accounts.uploads.SignedInUploadHandler",
        "django.core.files.uploadhandler.MemoryFileUploadHandler",
    ]
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE == settings.MAX_REQUEST_BODY_BYTES
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == settings.MAX_REQUEST_BODY_BYTES


@pytest.mark.django_db(transaction=True)
def test_a_real_server_answers_before_the_body_is_sent(live_server, audit_flushable) -> None:
    """Over a socket: the headers announce 200 MB and none of it is sent; the answer
    comes at once, so the server never waited for (or stored) the body."""
    address = urlparse(live_server.url)
    with socket.create_connection((address.hostname, address.port), timeout=10) as sock:
        sock.sendall(
            (
                "POST /measures/instruments/ HTTP/1.1\r\n"
                f"Host: {address.netloc}\r\n"
                f"Content-Type: {MULTIPART}\r\n"
                f"Content-Length: {BIG}\r\n\r\n"
            ).encode()
        )
        head = sock.recv(4096).decode("latin-1")
    assert head.startswith("HTTP/1.1 413"), head
