from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from trellis.accounts.models import ApiToken, hash_token
from trellis.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_prints_a_token_stores_only_its_hash_and_audits(cast) -> None:
    out = StringIO()
    call_command("api-token", "Clinician@Test.test", stdout=out)
    raw = out.getvalue().strip()
    assert raw.startswith("trl_") and len(raw) > 40
    token = ApiToken.objects.get(user=cast.clinician)
    assert token.token_hash == hash_token(raw) and raw not in token.token_hash
    assert AuditEvent.objects.filter(action="token", actor=cast.clinician).count() == 1


@pytest.mark.parametrize("email", ["nobody@test.test"])
def test_unknown_user_is_an_error(cast, email) -> None:
    with pytest.raises(CommandError, match="No user"):
        call_command("api-token", email)


def test_user_without_practice_gets_no_token(cast) -> None:
    from tests.factories import make_user

    make_user("root@test.test", None, is_superuser=True)
    with pytest.raises(CommandError, match="not an active member"):
        call_command("api-token", "root@test.test")


def test_revoke_all_and_one_and_list(cast) -> None:
    from trellis.accounts.services import api_token_issue

    api_token_issue(user=cast.clinician, name="one")
    api_token_issue(user=cast.clinician, name="two")
    first = ApiToken.objects.get(user=cast.clinician, name="one")
    out = StringIO()
    call_command("api-token", cast.clinician.email, "--revoke", str(first.pk), stdout=out)
    assert "Revoked token" in out.getvalue()
    assert list(
        ApiToken.objects.filter(user=cast.clinician, revoked_at__isnull=True).values_list(
            "name", flat=True
        )
    ) == ["two"]
    out = StringIO()
    call_command("api-token", cast.clinician.email, "--revoke", stdout=out)
    assert "Revoked 1 token(s)" in out.getvalue()
    out = StringIO()
    call_command("api-token", cast.clinician.email, "--list", stdout=out)
    assert out.getvalue().count("revoked") == 2
    assert AuditEvent.objects.filter(action="delete", object_type="apitoken").count() == 2


def test_revoking_an_unknown_id_is_an_error(cast) -> None:
    with pytest.raises(CommandError, match="no token"):
        call_command("api-token", cast.clinician.email, "--revoke", "not-a-uuid")
