import pytest
from django.urls import reverse

from tests.factories import PASSWORD
from trellis.accounts.models import ApiToken
from trellis.accounts.services import api_token_issue
from trellis.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_the_page_creates_a_token_shown_once_and_revokes_it(client, cast) -> None:
    client.login(username=cast.clinician.email, password=PASSWORD)
    created = client.post(reverse("api_tokens"), {"name": "reports"})
    token = ApiToken.objects.get(user=cast.clinician)
    assert token.name == "reports" and "trl_" in created.content.decode()
    assert "trl_" not in client.get(reverse("api_tokens")).content.decode()
    client.post(reverse("api_token_revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(action="delete", object_id=str(token.pk)).count() == 1


def test_nobody_sees_or_revokes_another_persons_token(client, cast) -> None:
    api_token_issue(user=cast.clinician, name="mine")
    token = ApiToken.objects.get(user=cast.clinician)
    client.login(username=cast.admin.email, password=PASSWORD)
    assert "mine" not in client.get(reverse("api_tokens")).content.decode()
    assert client.post(reverse("api_token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_page_needs_sign_in(client) -> None:
    assert client.get(reverse("api_tokens")).status_code == 302
