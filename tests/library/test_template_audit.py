"""Every practice-template write is in the access log: copy, edit, archive, and saving a
client's plan as a template (which names the client whose record it was drawn from)."""

from __future__ import annotations

import pytest
import yaml
from django.urls import reverse

from tests.factories import PASSWORD
from trellis.audit.models import AuditEvent
from trellis.core.library import builtin_templates
from trellis.library.models import PracticeTemplate

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, cast):
    client.login(username=cast.clinician.email, password=PASSWORD)
    return client


def _events() -> list[tuple[str, str, dict]]:
    rows = AuditEvent.objects.filter(object_type="practicetemplate").order_by("at", "pk")
    return [(e.action, e.object_id, e.detail) for e in rows]


def test_copy_edit_and_archive_are_each_one_audit_row(signed_in, cast) -> None:
    key = sorted(builtin_templates())[0]
    signed_in.post(reverse("library:copy", args=[key]))
    row = PracticeTemplate.objects.get()
    content = dict(row.content, title="Our copy")
    text = yaml.safe_dump(content, sort_keys=False)
    signed_in.post(reverse("library:edit", args=[row.pk]), {"content": text, "version": 1})
    signed_in.post(reverse("library:archive", args=[row.pk]))
    signed_in.post(reverse("library:archive", args=[row.pk]))  # twice: nothing more happens
    assert _events() == [
        ("create", str(row.pk), {"copied_from": key}),
        ("update", str(row.pk), {"fields": ["content", "title"], "version": 2}),
        ("delete", str(row.pk), {"archived": True}),
    ]
    assert all(
        e.actor_id == cast.clinician.pk
        for e in AuditEvent.objects.filter(object_type="practicetemplate")
    )


def test_a_plan_saved_as_a_template_is_logged_against_its_client(signed_in, cast) -> None:
    url = reverse("library:from_plan", args=[cast.plan.pk])
    text = signed_in.get(url).context["form"].initial["content"]
    assert signed_in.post(url, {"content": text}).status_code == 302
    event = AuditEvent.objects.get(object_type="practicetemplate", action="create")
    assert event.client_id == cast.client.pk
    assert event.detail == {"from_plan": str(cast.plan.pk)}
