"""Every main page passes axe-core (no serious or critical violation) on a desktop and on a
phone, and none scrolls sideways on a phone. The pages hold the demo's caseload, loaded
through the services, so they show what a real one shows: signed and draft versions,
reviews, scores, targets, notes and critical items."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.browser.axe import DESKTOP, PHONE, check_page
from trellis.clients.models import Client
from trellis.demo.seed import seed_demo
from trellis.demo.stories import DEMO_PASSWORD
from trellis.measures.models import Administration
from trellis.plans.models import Objective, PlanReview, PlanStatus, TreatmentPlan
from trellis.progress.models import ProgressNote

pytestmark = pytest.mark.browser

CLINICIAN = "clinician@demo.test"
ADMIN = "admin@demo.test"


def sign_in(page: Any, email: str) -> None:
    page.goto(page.base_url + "/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/dashboard/")


def clinician_pages() -> dict[str, str]:
    """The pages a clinician works in, by name, on the demo caseload."""
    draft = TreatmentPlan.objects.filter(
        status=PlanStatus.DRAFT, version_number__gt=1, client__practice__name="Demo Practice"
    ).first()
    assert draft is not None, "the demo has a draft revision"
    client = draft.client
    active = TreatmentPlan.objects.get(client=client, status=PlanStatus.ACTIVE)
    reviewed = PlanReview.objects.filter(plan__client__practice=client.practice).first()
    assert reviewed is not None, "the demo has a held review"
    note = ProgressNote.objects.filter(client=client).first()
    assert note is not None
    score = Administration.objects.filter(client=client).first()
    assert score is not None
    objective = Objective.objects.filter(goal__problem__plan=draft).first()
    assert objective is not None
    return {
        "dashboard": reverse("dashboard"),
        "client list": reverse("clients:list"),
        "new client form": reverse("clients:create"),
        "client page": reverse("pages:client", args=[client.pk]),
        "client form": reverse("clients:edit", args=[client.pk]),
        "care team form": reverse("clients:care_team", args=[client.pk]),
        "diagnosis form": reverse("clients:diagnosis_add", args=[client.pk]),
        "new plan form": reverse("plans:create", args=[client.pk]),
        "plan editor": reverse("plans:detail", args=[draft.pk]),
        "active plan": reverse("plans:detail", args=[active.pk]),
        "plan print": reverse("pages:plan_print", args=[active.pk]),
        "compare versions": reverse("plans:compare", args=[draft.pk]),
        "sign form": reverse("plans:sign", args=[draft.pk]),
        "target form": reverse("plans:target_add", args=["objective", objective.pk]),
        "review form": reverse("plans:review", args=[reviewed.plan_id]),
        "review": reverse("plans:review_detail", args=[reviewed.pk]),
        "measures page": reverse("plans:measures", args=[client.pk]),
        "give a measure": reverse("measures:administer", args=[client.pk, "PHQ-9"]),
        "score": reverse("measures:detail", args=[score.pk]),
        "instruments": reverse("measures:instruments"),
        "instrument": reverse("measures:instrument", args=["GAD-7"]),
        "note list": reverse("progress:list", args=[client.pk]),
        "note form": reverse("progress:create", args=[client.pk]),
        "note": reverse("progress:detail", args=[note.pk]),
        "template library": reverse("library:list"),
        "API tokens": reverse("api_tokens"),
    }


def admin_pages() -> dict[str, str]:
    return {
        "access log": reverse("pages:audit_log"),
        "practice settings": reverse("pages:practice_settings"),
        "co-signature rules": reverse("plans:cosign_rules"),
        "background jobs": reverse("pages:jobs"),
    }


def visit_all(page: Any, pages: dict[str, str], problems: list[str]) -> None:
    for size_name, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        for name, path in pages.items():
            page.goto(page.base_url + path)
            problems += check_page(page, f"{name} ({path}) on a {size_name}")


def test_every_main_page_passes_axe_and_fits_a_phone(page, browser) -> None:  # type: ignore[no-untyped-def]
    seed_demo()
    problems: list[str] = []

    for size_name, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        page.goto(page.base_url + "/accounts/login/")
        problems += check_page(page, f"sign-in on a {size_name}")

    sign_in(page, CLINICIAN)
    pages = clinician_pages()
    visit_all(page, pages, problems)

    # Page states that a plain visit does not show: a page with its message after a save,
    # the plan editor with a form open, a template reached from the library.
    for size_name, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        page.goto(page.base_url + pages["client form"])
        page.locator("main form .form-actions button[type=submit]").click()
        page.locator(".messages .message").first.wait_for()
        problems += check_page(page, f"client page with a message on a {size_name}")
        page.goto(page.base_url + pages["plan editor"])
        page.locator("li.item-goal .item-body").first.get_by_role(
            "button", name="Edit goal"
        ).click()
        page.locator("li.item-goal form.editing").first.wait_for()
        problems += check_page(page, f"plan editor with a goal form open on a {size_name}")
        page.goto(page.base_url + pages["template library"])
        page.locator("main a[href^='/library/']").first.click()
        page.wait_for_load_state()
        problems += check_page(page, f"a template ({page.url}) on a {size_name}")

    admin = browser.new_context(viewport=DESKTOP).new_page()
    admin.base_url = page.base_url
    sign_in(admin, ADMIN)
    visit_all(admin, admin_pages(), problems)
    assert Client.objects.exists()
    assert not problems, "\n\n".join(problems)
