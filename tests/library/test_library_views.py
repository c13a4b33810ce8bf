"""The library over HTTP: search, suggestions, apply, a practice's own templates."""

from __future__ import annotations

import pytest
import yaml
from django.urls import reverse

from tests.factories import PASSWORD, make_diagnosis
from trellis.core.library import builtin_templates
from trellis.library.models import PracticeTemplate
from trellis.plans.models import Goal, TreatmentPlan

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, cast):
    client.login(username=cast.clinician.email, password=PASSWORD)
    return client


def _first_with(prefix: str) -> str:
    return next(
        k
        for k, t in sorted(builtin_templates().items())
        if any(c.startswith(prefix) for c in t.icd10)
    )


def test_the_library_lists_every_template(signed_in) -> None:
    body = signed_in.get(reverse("library:list")).content.decode()
    for template in builtin_templates().values():
        assert template.title in body


def test_search_by_code_prefix(signed_in) -> None:
    body = signed_in.get(reverse("library:list"), {"icd10": "F43.1"}).content.decode()
    for template in builtin_templates().values():
        matches = any(code.startswith("F43.1") for code in template.icd10)
        assert (f"<strong>{template.title}</strong>" in body) == matches, template.id


def test_suggestions_follow_the_clients_diagnoses(signed_in, cast) -> None:
    make_diagnosis(cast.clinician, cast.client, "F41.0")
    body = signed_in.get(reverse("library:list"), {"client": cast.client.pk}).content.decode()
    assert "Suggested for" in body
    panic = builtin_templates()[_first_with("F41.0")]
    suggestions = body.split("Suggested for", 1)[1].split("</section>", 1)[0]
    assert panic.title in suggestions


def test_apply_lands_in_the_plan_editor(signed_in, cast) -> None:
    key = sorted(builtin_templates())[0]
    url = reverse("library:apply", args=[cast.client.pk, key])
    page = signed_in.get(url).content.decode()
    assert page.count('name="keep"') > 3
    response = signed_in.post(
        url, {"title": "From the library", "start_date": "2026-11-02", "keep": ["p0", "p0.g0"]}
    )
    plan = TreatmentPlan.objects.get(title="From the library")
    assert response.status_code == 302 and response.url == reverse("plans:detail", args=[plan.pk])
    assert Goal.objects.filter(problem__plan=plan).count() == 1


def test_an_outsider_cannot_apply_to_a_client_they_cannot_see(client, cast) -> None:
    client.login(username=cast.outsider.email, password=PASSWORD)
    key = sorted(builtin_templates())[0]
    url = reverse("library:apply", args=[cast.client.pk, key])
    assert client.post(url, {"title": "x", "start_date": "2026-11-02"}).status_code == 404


def test_a_practice_copies_and_edits_a_template(signed_in, cast) -> None:
    key = sorted(builtin_templates())[0]
    response = signed_in.post(reverse("library:copy", args=[key]))
    row = PracticeTemplate.objects.get()
    assert response.url == reverse("library:edit", args=[row.pk])
    text = signed_in.get(response.url).content.decode()
    assert "problems:" in text
    content = yaml.safe_load(PracticeTemplate.objects.get().content and _text(row))
    content["title"] = "Our panic plan"
    saved = signed_in.post(
        response.url, {"content": yaml.safe_dump(content, sort_keys=False), "version": 1}
    )
    assert saved.status_code == 302
    row.refresh_from_db()
    assert row.title == "Our panic plan" and row.version == 2
    assert "Our panic plan" in signed_in.get(reverse("library:list")).content.decode()


def _text(row: PracticeTemplate) -> str:
    return yaml.safe_dump(row.content, sort_keys=False)


def test_a_broken_edit_names_the_field_and_keeps_the_text(signed_in, cast) -> None:
    key = sorted(builtin_templates())[0]
    signed_in.post(reverse("library:copy", args=[key]))
    row = PracticeTemplate.objects.get()
    content = dict(row.content)
    content["age_group"] = "toddlers"
    text = yaml.safe_dump(content, sort_keys=False)
    response = signed_in.post(
        reverse("library:edit", args=[row.pk]), {"content": text, "version": 1}
    )
    body = response.content.decode()
    assert "age_group" in body and "toddlers" in body
    row.refresh_from_db()
    assert row.version == 1


def test_a_stale_edit_is_told(signed_in, cast) -> None:
    key = sorted(builtin_templates())[0]
    signed_in.post(reverse("library:copy", args=[key]))
    row = PracticeTemplate.objects.get()
    PracticeTemplate.objects.filter(pk=row.pk).update(version=2)
    response = signed_in.post(
        reverse("library:edit", args=[row.pk]), {"content": _text(row), "version": 1}
    )
    assert response.status_code == 409


def test_practice_templates_stay_in_the_practice(client, cast) -> None:
    client.login(username=cast.clinician.email, password=PASSWORD)
    client.post(reverse("library:copy", args=[sorted(builtin_templates())[0]]))
    row = PracticeTemplate.objects.get()
    client.login(username=cast.outsider.email, password=PASSWORD)
    assert client.get(reverse("library:detail", args=[row.key])).status_code == 404
    assert client.get(reverse("library:edit", args=[row.pk])).status_code == 404
    assert row.title not in client.get(reverse("library:list")).content.decode()


def test_a_plan_saved_as_a_template_loses_the_client(signed_in, cast) -> None:
    url = reverse("library:from_plan", args=[cast.plan.pk])
    text = signed_in.get(url).context["form"].initial["content"]
    assert cast.client.first_name not in text and cast.client.last_name not in text
    assert "the client" in text or "problems:" in text
    response = signed_in.post(url, {"content": text})
    assert response.status_code == 302, response.content.decode()[-2000:]
    row = PracticeTemplate.objects.get()
    assert row.based_on == "a client's plan"
    assert cast.client.last_name not in str(row.content)


DEEP_YAML = "title: x\nproblems: " + "[" * 5000 + "]" * 5000


def test_deeply_nested_yaml_in_the_editor_is_refused_and_keeps_the_text(signed_in, cast) -> None:
    """Issue 13 item 6: this answered 500."""
    signed_in.post(reverse("library:copy", args=[sorted(builtin_templates())[0]]))
    row = PracticeTemplate.objects.get()
    url = reverse("library:edit", args=[row.pk])
    response = signed_in.post(url, {"content": DEEP_YAML, "version": 1})
    assert response.status_code == 200
    body = response.content.decode()
    assert "nested more than 32 levels deep" in body and "[[[[" in body
    row.refresh_from_db()
    assert row.version == 1


def test_deeply_nested_yaml_saved_from_a_plan_is_refused(signed_in, cast) -> None:
    url = reverse("library:from_plan", args=[cast.plan.pk])
    response = signed_in.post(url, {"content": DEEP_YAML})
    assert response.status_code == 200
    assert "nested more than 32 levels deep" in response.content.decode()
    assert not PracticeTemplate.objects.exists()
