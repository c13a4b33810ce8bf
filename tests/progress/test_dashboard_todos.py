"""The caseload's to-dos (notes to sign, signatures awaited, draft versions), its search
by name or client number (POSTed, never in the URL) and its sorts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD, actor, make_client, make_note, make_plan
from trellis.audit.models import AuditEvent
from trellis.plans import services as plan_services
from trellis.plans.models import TreatmentPlan

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, cast):
    client.login(username=cast.clinician.email, password=PASSWORD)
    return client


def _todos(http) -> str:
    body = http.get(reverse("dashboard")).content.decode()
    return (
        body.split('id="todos-heading"')[1].split("</section>")[0]
        if "todos-heading" in body
        else ""
    )


def test_a_draft_version_is_a_to_do_until_activated(signed_in, cast) -> None:
    todos = _todos(signed_in)
    assert "Draft versions (1)" in todos and "Plan for Alex" in todos
    plan_services.plan_activate(
        actor=actor(cast.clinician), plan=cast.plan, expected_version=cast.plan.version
    )
    todos = _todos(signed_in)
    assert "Draft versions" not in todos
    # In force and signed by nobody: both signatures are awaited.
    assert "Signatures awaited (1)" in todos
    assert "waiting for the clinician, client" in todos


def test_an_unsigned_note_is_its_authors_to_do_until_signed(signed_in, cast) -> None:
    note = make_note(cast.clinician, cast.client)
    make_note(cast.clinician, cast.client, signed=True)
    todos = _todos(signed_in)
    assert "Notes to sign (1)" in todos
    assert reverse("progress:detail", args=[note.pk]) in todos
    # Only its author signs a note: the supervisor, who sees the client, has nothing to sign.
    signed_in.login(username=cast.supervisor.email, password=PASSWORD)
    assert "Notes to sign" not in _todos(signed_in)


def test_the_to_dos_clients_are_in_the_access_log(signed_in, cast) -> None:
    make_note(cast.clinician, cast.client)
    before = AuditEvent.objects.filter(object_type="dashboard", client=cast.client).count()
    signed_in.get(reverse("dashboard"))
    after = AuditEvent.objects.filter(object_type="dashboard", client=cast.client).count()
    assert after == before + 1  # once, though the client is in a row and in two to-dos


def test_search_by_name_or_number_is_posted(signed_in, cast) -> None:
    other = make_client(cast.clinician, first_name="Noor", last_name="Haddad")
    url = reverse("dashboard")
    by_name = signed_in.post(url, {"q": "haddad"}).content.decode()
    rows = by_name.split("<tbody>")[1]
    assert "Noor Haddad" in rows and cast.client.display_name not in rows
    by_number = signed_in.post(url, {"q": f"#{cast.client.number}"}).content.decode()
    rows = by_number.split("<tbody>")[1]
    assert cast.client.display_name in rows and "Noor Haddad" not in rows
    nothing = signed_in.post(url, {"q": "zzz"}).content.decode()
    assert "No client on this caseload matches" in nothing
    ignored = signed_in.get(url, {"q": "haddad"}).content.decode().split("<tbody>")[1]
    assert cast.client.display_name in ignored  # a search in a URL is not honoured
    assert other.number == 2


def test_sort_by_name_and_by_next_review(signed_in, cast) -> None:
    zed = make_client(cast.clinician, first_name="Zed", last_name="Abbott")
    amy = make_client(cast.clinician, first_name="Amy", last_name="Young")
    soon = timezone.localdate() + timedelta(days=30)
    for client, days in ((zed, 10), (amy, 40)):
        plan = make_plan(cast.clinician, client, title=f"Plan {client.first_name}")
        TreatmentPlan.objects.filter(pk=plan.pk).update(
            status="active", review_date=soon + timedelta(days=days - 30)
        )
    url = reverse("dashboard")

    def order(sort: str) -> list[str]:
        rows = signed_in.post(url, {"sort": sort}).content.decode().split("<tbody>")[1]
        names = ["Zed Abbott", "Amy Young", cast.client.display_name]
        return sorted(names, key=rows.index)

    assert order("name") == ["Alex Rivera", "Amy Young", "Zed Abbott"]
    assert order("review") == ["Zed Abbott", "Amy Young", "Alex Rivera"]  # none last


def test_who_still_has_to_sign() -> None:
    from trellis.progress.todos import _missing

    assert _missing(None) == ["clinician", "client"]
    assert _missing({"clinician": False}) == ["client"]
    assert _missing({"clinician": True}) == ["client", "supervisor"]  # needs a co-signature
    assert _missing({"clinician": True, "client": False, "supervisor": False}) == []
