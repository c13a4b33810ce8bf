import pytest
from django.urls import reverse

from tests.factories import PASSWORD, SIGN
from trellis.audit.models import AuditEvent
from trellis.clients.models import Client, Diagnosis
from trellis.plans.signing.content import plan_hash
from trellis.plans.signing.services import plan_sign
from trellis.plans.versions.selectors import plan_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, cast):
    client.login(username=cast.clinician.email, password=PASSWORD)
    return client


def test_icd10_search_by_words_and_code(signed_in) -> None:
    url = reverse("clients:icd10_search")
    codes = [r["code"] for r in signed_in.get(url, {"q": "generalized anx"}).json()["results"]]
    assert "F41.1" in codes
    codes = [r["code"] for r in signed_in.get(url, {"q": "F43.1"}).json()["results"]]
    assert "F43.10" in codes


def test_add_diagnosis_by_picking_from_the_list(signed_in, cast) -> None:
    url = reverse("clients:diagnosis_add", args=[cast.client.pk])
    response = signed_in.post(
        url, {"code": "F41.1 Generalized anxiety disorder", "status": "active"}
    )
    assert response.status_code == 302
    assert Diagnosis.objects.filter(client=cast.client, code="F41.1").exists()


def test_bad_diagnosis_code_is_explained_and_kept(signed_in, cast) -> None:
    url = reverse("clients:diagnosis_add", args=[cast.client.pk])
    response = signed_in.post(url, {"code": "F32", "status": "active", "notes": "my note"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "category heading" in body and "my note" in body


def test_client_list_search_is_posted_and_audited_per_client(signed_in, cast) -> None:
    before = AuditEvent.objects.filter(action="list").count()
    response = signed_in.post(reverse("clients:list"), {"q": "riv", "status": "active"})
    assert cast.client.last_name in response.content.decode()
    assert AuditEvent.objects.filter(action="list").count() == before + 1


def test_new_client_form_errors_keep_everything_typed(signed_in) -> None:
    data = {
        "first_name": "Jo",
        "last_name": "",
        "date_of_birth": "1999-02-30",
        "presenting_problem": "Long story typed carefully",
        "preferred_language": "Tagalog",
    }
    response = signed_in.post(reverse("clients:create"), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Long story typed carefully" in body and "Tagalog" in body
    assert "Enter a valid date" in body
    assert not Client.objects.filter(first_name="Jo").exists()


def test_stale_client_edit_is_told_and_keeps_the_input(signed_in, cast) -> None:
    Client.objects.filter(pk=cast.client.pk).update(version=5)
    url = reverse("clients:edit", args=[cast.client.pk])
    data = {
        "first_name": "Alex",
        "last_name": "Rivera",
        "date_of_birth": "1990-04-12",
        "preferred_language": "English",
        "status": "active",
        "barriers": "New barrier text",
        "version": 1,
    }
    response = signed_in.post(url, data)
    assert response.status_code == 409
    assert "New barrier text" in response.content.decode()
    assert Client.objects.get(pk=cast.client.pk).barriers == ""


def test_not_found_page_says_nothing_about_the_client(client, cast) -> None:
    client.login(username=cast.colleague.email, password=PASSWORD)
    response = client.get(reverse("pages:client", args=[cast.client.pk]))
    assert response.status_code == 404
    assert "care team" in response.content.decode()
    assert cast.client.last_name not in response.content.decode()


def test_removing_a_diagnosis_a_signed_plan_names_says_why(signed_in, cast) -> None:
    from tests.factories import actor
    from trellis.plans import services as plan_services

    problem = cast.plan.problems.get()
    plan_services.plan_item_update(
        actor=actor(cast.clinician),
        item=problem,
        data={"diagnosis": cast.diagnosis},
        expected_version=problem.version,
    )
    plan_sign(
        **SIGN,
        actor=actor(cast.clinician),
        plan=cast.plan,
        role="clinician",
        expected_hash=plan_hash(plan_tree(cast.plan)),
    )
    url = reverse("plans:diagnosis_remove", args=[cast.diagnosis.pk])
    response = signed_in.post(url, {"version": "1"}, follow=True)
    assert response.status_code == 200
    assert "This diagnosis is used by a signed plan: resolve it or rule it out instead." in (
        response.content.decode()
    )
    assert Diagnosis.objects.filter(pk=cast.diagnosis.pk).exists()
