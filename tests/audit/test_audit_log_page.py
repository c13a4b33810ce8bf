import pytest
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_admin_filters_the_log_by_client_and_action(client, cast) -> None:
    client.login(username=cast.admin.email, password=PASSWORD)
    response = client.get(
        reverse("pages:audit_log"), {"client": cast.client.pk, "action": "create"}
    )
    assert response.status_code == 200
    events = list(response.context["page"])
    assert events and all(e.client_id == cast.client.pk and e.action == "create" for e in events)


def test_log_never_shows_another_practice(client, cast) -> None:
    from tests.factories import make_client

    make_client(cast.outsider, first_name="Far", last_name="Away")
    client.login(username=cast.admin.email, password=PASSWORD)
    body = client.get(reverse("pages:audit_log")).content.decode()
    assert "Away" not in body and cast.outsider.email not in body


def test_bad_filter_values_are_reported_not_crashing(client, cast) -> None:
    client.login(username=cast.admin.email, password=PASSWORD)
    response = client.get(
        reverse("pages:audit_log"), {"client": "not-a-uuid", "since": "yesterday"}
    )
    assert response.status_code == 200
    assert "Enter a valid UUID" in response.content.decode()


def test_reading_the_access_log_is_itself_logged(client, cast) -> None:
    """Issue 13: reads of the access log were not logged."""
    from tests.factories import PASSWORD
    from trellis.audit.models import AuditEvent

    client.login(username=cast.admin.email, password=PASSWORD)
    client.get(reverse("pages:audit_log"), {"action": "login_failed"})
    event = AuditEvent.objects.get(object_type="auditlog")
    assert (event.actor, event.practice_id, event.action, event.detail) == (
        cast.admin,
        cast.practice.pk,
        "view",
        {"filters": ["action"], "page": 1},
    )
