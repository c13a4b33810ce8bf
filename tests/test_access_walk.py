"""Walk every URL pattern and API operation with every persona.

Fails on any leak (a persona off the care team or outside the practice gets anything
but 404, or sees the client's name) and on any route this table does not know, so a
new view cannot ship without saying who may use it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

import pytest
from django.db import transaction
from django.test import Client as HttpClient
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import PASSWORD, PHQ9_ITEM9, Personas, actor, make_administration
from trellis.clients.models import EmergencyContact
from trellis.plans.reviews.services import review_record

ALLOWED = ("clinician", "supervisor", "admin")
DENIED = ("colleague", "outsider")
STAFF = ALLOWED + DENIED
PERSONAS = (*STAFF, "anonymous")
FORM = "application/x-www-form-urlencoded"


@dataclass
class Route:
    method: str
    kwargs: Callable[[Personas], dict[str, Any]]
    # client | practice (staff of the owning practice) | staff | admin | public
    # | own (the clinician's own record, e.g. an API token: 404 to everyone else)
    scope: str
    data: Callable[[Personas], dict[str, Any]] = field(default=lambda c: {})


def _ids(**names: str) -> Callable[[Personas], dict[str, Any]]:
    def build(cast: Personas) -> dict[str, Any]:
        return {key: _resolve(cast, path) for key, path in names.items()}

    return build


def _resolve(cast: Personas, path: str) -> Any:
    if not path.startswith("@"):
        return path
    node: Any = cast
    for part in path[1:].split("."):
        node = getattr(node, part)() if part in {"first", "contact"} else getattr(node, part)
    return node


def _token(cast: Personas) -> Any:
    from trellis.accounts.models import ApiToken
    from trellis.accounts.services import api_token_issue

    found = ApiToken.objects.filter(user=cast.clinician).first()
    if found is None:
        api_token_issue(user=cast.clinician, name="walk")
        found = ApiToken.objects.get(user=cast.clinician)
    return found


def _problem(cast: Personas) -> Any:
    return cast.plan.problems.first()


def _goal(cast: Personas) -> Any:
    return _problem(cast).goals.first()


def _objective(cast: Personas) -> Any:
    return _goal(cast).objectives.first()


def _intervention(cast: Personas) -> Any:
    return _objective(cast).interventions.first()


def _contact(cast: Personas) -> EmergencyContact:
    return EmergencyContact.objects.get_or_create(
        client=cast.client, name="Pat Rivera", defaults={"phone": "555-0100"}
    )[0]


def _administration(cast: Personas) -> Any:
    from trellis.measures.models import Administration

    found = Administration.objects.filter(client=cast.client).first()
    return found or make_administration(cast.clinician, cast.client, PHQ9_ITEM9)


def _target(cast: Personas) -> Any:
    from trellis.plans import services as plan_services
    from trellis.plans.models import MeasureTarget

    return MeasureTarget.objects.filter(goal=_goal(cast)).first() or plan_services.target_add(
        actor=actor(cast.clinician),
        owner=_goal(cast),
        data={"instrument_id": "PHQ-9", "kind": "at_or_below", "value": 9.0},
    )


def _template_key(cast: Personas) -> str:
    from trellis.core.library import builtin_templates

    return sorted(builtin_templates())[0]


def _practice_template(cast: Personas) -> Any:
    from trellis.library.models import PracticeTemplate
    from trellis.library.registry import template_get
    from trellis.library.services import practice_template_copy

    found = PracticeTemplate.objects.filter(practice=cast.practice).first()
    entry = template_get(None, _template_key(cast))
    return found or practice_template_copy(actor=actor(cast.clinician), entry=entry)


def _note(cast: Personas, *, signed: bool = False) -> Any:
    from tests.factories import make_note
    from trellis.progress.models import ProgressNote

    found = ProgressNote.objects.filter(client=cast.client, signed_at__isnull=not signed).first()
    return found or make_note(cast.clinician, cast.client, signed=signed)


def _schedule(cast: Personas) -> Any:
    from trellis.measures.models import MeasureSchedule

    return MeasureSchedule.objects.get_or_create(
        plan=cast.plan, instrument_id="PHQ-9", defaults={"every_weeks": 2}
    )[0]


def _plan_with_safety(cast: Personas) -> dict[str, Any]:
    """The cast's plan, its safety plan written (an empty one cannot be marked reviewed)."""
    from trellis.plans.models import TreatmentPlan

    TreatmentPlan.objects.filter(pk=cast.plan.pk).update(warning_signs="Stops eating")
    return {"plan_id": cast.plan.pk}


def _review(cast: Personas) -> Any:
    """A review of the cast's plan (activated for it: only the plan in force is reviewed)."""
    from trellis.plans import services
    from trellis.plans.models import PlanReview, TreatmentPlan

    found = PlanReview.objects.filter(plan=cast.plan).first()
    if found:
        return found
    plan = TreatmentPlan.objects.get(pk=cast.plan.pk)
    if plan.status == "draft":
        services.plan_activate(
            actor=actor(cast.clinician), plan=plan, expected_version=plan.version
        )
        plan = TreatmentPlan.objects.get(pk=cast.plan.pk)
    return review_record(
        actor=actor(cast.clinician),
        plan=plan,
        data={"decision": "continue", "next_review_date": plan.start_date + timedelta(days=120)},
    )


ADMINISTRATION = lambda c: {"administration_id": _administration(c).pk}  # noqa: E731
TARGET = lambda c: {"target_id": _target(c).pk}  # noqa: E731
NONE: Callable[[Personas], dict[str, Any]] = lambda c: {}  # noqa: E731
CLIENT = lambda c: {"client_id": c.client.pk}  # noqa: E731
PLAN = lambda c: {"plan_id": c.plan.pk}  # noqa: E731
DIAGNOSIS = lambda c: {"diagnosis_id": c.diagnosis.pk}  # noqa: E731

PAGES: dict[str, Route] = {
    "home": Route("get", NONE, "staff"),
    "dashboard": Route("get", NONE, "staff"),
    "pages:practice_settings": Route("get", NONE, "admin"),
    "plans:cosign_rules": Route("get", NONE, "admin"),
    "login": Route("get", NONE, "public"),
    "logout": Route("post", NONE, "public"),
    "password_reset": Route("get", NONE, "public"),
    "password_reset_done": Route("get", NONE, "public"),
    "password_reset_confirm": Route("get", lambda c: {"uidb64": "MQ", "token": "x-y"}, "public"),
    "password_reset_complete": Route("get", NONE, "public"),
    "api_tokens": Route("get", NONE, "staff"),
    "api_token_revoke": Route("post", lambda c: {"token_id": _token(c).pk}, "own"),
    "clients:list": Route("get", NONE, "staff"),
    "clients:create": Route("get", NONE, "staff"),
    "clients:icd10_search": Route("get", NONE, "staff"),
    "pages:audit_log": Route("get", NONE, "admin"),
    "pages:jobs": Route("get", NONE, "admin"),
    "pages:job_retry": Route(
        "post", lambda c: {"job_id": "00000000-0000-0000-0000-000000000000"}, "admin"
    ),
    "pages:client": Route("get", CLIENT, "client"),
    "clients:edit": Route("get", CLIENT, "client"),
    "clients:care_team": Route("get", CLIENT, "client"),
    "pages:contact_add": Route(
        "post", CLIENT, "client", lambda c: {"name": "Pat", "phone": "555-0101"}
    ),
    "clients:contact_remove": Route("post", lambda c: {"contact_id": _contact(c).pk}, "client"),
    "clients:diagnosis_add": Route("get", CLIENT, "client"),
    "clients:diagnosis_edit": Route("get", DIAGNOSIS, "client"),
    "plans:diagnosis_remove": Route(
        "post", DIAGNOSIS, "client", lambda c: {"version": c.diagnosis.version}
    ),
    "plans:create": Route("get", CLIENT, "client"),
    "plans:detail": Route("get", PLAN, "client"),
    "pages:plan_print": Route("get", PLAN, "client"),
    "plans:section": Route("get", lambda c: {"plan_id": c.plan.pk, "section": "safety"}, "client"),
    "plans:activate": Route("post", PLAN, "client", lambda c: {"version": c.plan.version}),
    "plans:activate_confirm": Route("get", PLAN, "client"),
    "plans:draft_delete": Route("post", PLAN, "client", lambda c: {"version": c.plan.version}),
    "plans:close": Route("post", PLAN, "client", lambda c: {"version": c.plan.version}),
    "plans:safety_reviewed": Route("post", _plan_with_safety, "client"),
    "plans:item_view": Route("get", lambda c: {"kind": "goal", "item_id": _goal(c).pk}, "client"),
    "plans:item_edit": Route(
        "get", lambda c: {"kind": "objective", "item_id": _objective(c).pk}, "client"
    ),
    "plans:item_remove": Route(
        "post",
        lambda c: {"kind": "intervention", "item_id": _intervention(c).pk},
        "client",
        lambda c: {"version": 1},
    ),
    "plans:item_duplicate": Route(
        "post", lambda c: {"kind": "intervention", "item_id": _intervention(c).pk}, "client"
    ),
    "plans:item_move": Route(
        "post",
        lambda c: {"kind": "problem", "item_id": _problem(c).pk, "direction": "down"},
        "client",
    ),
    "library:pick": Route("get", lambda c: {"kind": "goal", "parent_id": _problem(c).pk}, "client"),
    "plans:item_add": Route(
        "get", lambda c: {"kind": "goal", "parent_id": _problem(c).pk}, "client"
    ),
    "plans:target_add": Route(
        "get", lambda c: {"kind": "objective", "item_id": _objective(c).pk}, "client"
    ),
    "plans:target_edit": Route("get", TARGET, "client"),
    "plans:target_from_text": Route(
        "post", lambda c: {"kind": "goal", "item_id": _goal(c).pk}, "client"
    ),
    "plans:quality": Route("get", PLAN, "client"),
    "plans:smart_feedback": Route(
        "post", NONE, "staff", lambda c: {"statement": "PHQ-9 below 10 within 12 weeks"}
    ),
    "plans:target_remove": Route(
        "post", TARGET, "client", lambda c: {"version": _target(c).version}
    ),
    "plans:review": Route("get", PLAN, "client"),
    "plans:review_detail": Route("get", lambda c: {"review_id": _review(c).pk}, "client"),
    "plans:history": Route("get", PLAN, "client"),
    "plans:revise": Route("post", PLAN, "client"),
    "plans:compare": Route("get", PLAN, "client"),
    "plans:sign": Route("get", PLAN, "client"),
    "plans:measures": Route("get", CLIENT, "client"),
    "measures:administer": Route(
        "get", lambda c: {"client_id": c.client.pk, "instrument_id": "PHQ-9"}, "client"
    ),
    "measures:administer_paper": Route(
        "get", lambda c: {"client_id": c.client.pk, "instrument_id": "PHQ-9"}, "client"
    ),
    "measures:administer_total": Route(
        "get", lambda c: {"client_id": c.client.pk, "instrument_id": "PHQ-9"}, "client"
    ),
    "measures:detail": Route("get", ADMINISTRATION, "client"),
    "measures:respond": Route(
        "post", ADMINISTRATION, "client", lambda c: {"actions": ["assessed"], "note": "Seen."}
    ),
    "measures:void": Route(  # a critical score is voided only after its response
        "post",
        lambda c: {"administration_id": make_administration(c.clinician, c.client).pk},
        "client",
        lambda c: {"reason": "Typo"},
    ),
    "measures:instruments": Route("get", NONE, "staff"),
    "plans:schedule_set": Route(
        "post", PLAN, "client", lambda c: {"instrument": "GAD-7", "every_weeks": "4"}
    ),
    "plans:schedule_remove": Route("post", lambda c: {"schedule_id": _schedule(c).pk}, "client"),
    "library:list": Route("get", NONE, "staff"),
    "library:detail": Route("get", lambda c: {"key": _template_key(c)}, "staff"),
    "library:copy": Route("post", lambda c: {"key": _template_key(c)}, "staff"),
    "library:edit": Route("get", lambda c: {"template_id": _practice_template(c).pk}, "practice"),
    "library:archive": Route(
        "post", lambda c: {"template_id": _practice_template(c).pk}, "practice"
    ),
    "library:apply": Route(
        "get", lambda c: {"client_id": c.client.pk, "key": _template_key(c)}, "client"
    ),
    "library:from_plan": Route("get", PLAN, "client"),
    "measures:instrument": Route("get", lambda c: {"instrument_id": "PHQ-9"}, "staff"),
    "progress:list": Route("get", CLIENT, "client"),
    "progress:create": Route("get", CLIENT, "client"),
    "progress:detail": Route("get", lambda c: {"note_id": _note(c).pk}, "client"),
    "progress:edit": Route("get", lambda c: {"note_id": _note(c).pk}, "client"),
    "progress:sign": Route(
        "post",
        lambda c: {"note_id": _note(c).pk},
        "client",
        lambda c: {"version": 1, "attest": "on", "password": PASSWORD},
    ),
    "progress:addendum_add": Route(
        "post",
        lambda c: {"note_id": _note(c, signed=True).pk},
        "client",
        lambda c: {"text": "Late entry: called the client's GP."},
    ),
}

API: dict[tuple[str, str], Route] = {
    ("get", "/api/v1/clients"): Route("get", NONE, "staff"),
    ("post", "/api/v1/clients"): Route(
        "post",
        NONE,
        "staff",
        lambda c: {"first_name": "New", "last_name": "Person", "date_of_birth": "1988-02-03"},
    ),
    ("get", "/api/v1/clients/{client_id}"): Route("get", CLIENT, "client"),
    ("patch", "/api/v1/clients/{client_id}"): Route(
        "patch", CLIENT, "client", lambda c: {"version": 1, "pronouns": "they/them"}
    ),
    ("get", "/api/v1/clients/{client_id}/diagnoses"): Route("get", CLIENT, "client"),
    ("post", "/api/v1/clients/{client_id}/diagnoses"): Route(
        "post", CLIENT, "client", lambda c: {"code": "F41.1"}
    ),
    ("get", "/api/v1/diagnoses/{diagnosis_id}"): Route("get", DIAGNOSIS, "client"),
    ("patch", "/api/v1/diagnoses/{diagnosis_id}"): Route(
        "patch", DIAGNOSIS, "client", lambda c: {"version": 1, "notes": "Confirmed"}
    ),
    ("delete", "/api/v1/diagnoses/{diagnosis_id}"): Route("delete", DIAGNOSIS, "client"),
    ("get", "/api/v1/clients/{client_id}/plans"): Route("get", CLIENT, "client"),
    ("post", "/api/v1/clients/{client_id}/plans"): Route(
        "post", CLIENT, "client", lambda c: {"title": "Second plan"}
    ),
    ("get", "/api/v1/plans/{plan_id}"): Route("get", PLAN, "client"),
    ("post", "/api/v1/plans/{plan_id}/safety-plan/reviewed"): Route(
        "post", _plan_with_safety, "client"
    ),
    ("patch", "/api/v1/plans/{plan_id}"): Route(
        "patch", PLAN, "client", lambda c: {"version": c.plan.version, "referrals": "PCP"}
    ),
    ("post", "/api/v1/plans/{plan_id}/{action}"): Route(
        "post",
        lambda c: {"plan_id": c.plan.pk, "action": "activate"},
        "client",
        lambda c: {"version": c.plan.version},
    ),
    ("post", "/api/v1/plans/{plan_id}/problems"): Route(
        "post", PLAN, "client", lambda c: {"title": "Sleep"}
    ),
    ("patch", "/api/v1/problems/{item_id}"): Route(
        "patch", lambda c: {"item_id": _problem(c).pk}, "client", lambda c: {"version": 1}
    ),
    ("delete", "/api/v1/problems/{item_id}"): Route(
        "delete", lambda c: {"item_id": _problem(c).pk}, "client"
    ),
    ("post", "/api/v1/problems/{problem_id}/goals"): Route(
        "post", lambda c: {"problem_id": _problem(c).pk}, "client", lambda c: {"statement": "G"}
    ),
    ("patch", "/api/v1/goals/{item_id}"): Route(
        "patch", lambda c: {"item_id": _goal(c).pk}, "client", lambda c: {"version": 1}
    ),
    ("delete", "/api/v1/goals/{item_id}"): Route(
        "delete", lambda c: {"item_id": _goal(c).pk}, "client"
    ),
    ("post", "/api/v1/goals/{goal_id}/objectives"): Route(
        "post", lambda c: {"goal_id": _goal(c).pk}, "client", lambda c: {"statement": "O"}
    ),
    ("patch", "/api/v1/objectives/{item_id}"): Route(
        "patch", lambda c: {"item_id": _objective(c).pk}, "client", lambda c: {"version": 1}
    ),
    ("delete", "/api/v1/objectives/{item_id}"): Route(
        "delete", lambda c: {"item_id": _objective(c).pk}, "client"
    ),
    ("post", "/api/v1/objectives/{objective_id}/interventions"): Route(
        "post",
        lambda c: {"objective_id": _objective(c).pk},
        "client",
        lambda c: {"description": "Thought records"},
    ),
    ("patch", "/api/v1/interventions/{item_id}"): Route(
        "patch", lambda c: {"item_id": _intervention(c).pk}, "client", lambda c: {"version": 1}
    ),
    ("delete", "/api/v1/interventions/{item_id}"): Route(
        "delete", lambda c: {"item_id": _intervention(c).pk}, "client"
    ),
}
API[("get", "/api/v1/clients/{client_id}/administrations")] = Route("get", CLIENT, "client")
API[("post", "/api/v1/clients/{client_id}/administrations")] = Route(
    "post", CLIENT, "client", lambda c: {"instrument": "GAD-7", "answers": [1, 1, 1, 1, 1, 1, 1]}
)
API[("get", "/api/v1/administrations/{administration_id}")] = Route("get", ADMINISTRATION, "client")
UNSCOPED_API = {"/api/v1/openapi.json", "/api/v1/docs"}


def _page_names(patterns: list[Any], namespace: str = "") -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            route = str(pattern.pattern)
            if route.startswith(("api/", "django-admin/")):
                continue
            inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace or ""
            found += _page_names(pattern.url_patterns, (inner or namespace).strip(":"))
        elif isinstance(pattern, URLPattern):
            found.append((f"{namespace}:{pattern.name}" if namespace else pattern.name, ""))
    return found


def _api_operations() -> set[tuple[str, str]]:
    from trellis.api import api

    schema = api.get_openapi_schema()
    return {
        (method, path)
        for path, operations in schema["paths"].items()
        for method in operations
        if method in {"get", "post", "put", "patch", "delete"}
    }


def test_every_page_route_is_known() -> None:
    names = {name for name, _ in _page_names(get_resolver().url_patterns)}
    assert names - set(PAGES) == set(), "add the new route to PAGES with who may use it"
    assert set(PAGES) - names == set()


def test_every_api_operation_is_known() -> None:
    assert _api_operations() - set(API) == set(), "add the new operation to API"
    assert set(API) - _api_operations() == set()


def _http_for(cast: Personas, persona: str) -> HttpClient:
    http = HttpClient()
    if persona != "anonymous":
        http.login(username=getattr(cast, persona).email, password=PASSWORD)
    return http


def _leaks(cast: Personas, body: bytes) -> bool:
    text = body.decode(errors="replace")
    return cast.client.last_name in text or str(cast.client.pk) in text


def _expect(route: Route, persona: str, status: int, is_api: bool) -> None:
    if persona == "anonymous" and route.scope != "public":
        assert status == (401 if is_api else 302), (persona, status)
    elif (
        (route.scope == "client" and persona in DENIED)
        or (route.scope == "practice" and persona == "outsider")
        or (route.scope == "own" and persona != "clinician")
    ):
        assert status == 404, (persona, status)
    elif route.scope == "admin" and persona != "admin":
        assert status == 403, (persona, status)
    else:
        assert status < 400, (persona, status)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_access(cast: Personas, name: str) -> None:
    route = PAGES[name]
    for persona in PERSONAS:
        with transaction.atomic():
            url = reverse(name, kwargs=route.kwargs(cast))
            http = _http_for(cast, persona)
            if route.method == "post":  # as a browser posts a form without a file
                body = urlencode(route.data(cast), doseq=True)
                response = http.post(url, body, content_type=FORM)
            else:
                response = http.get(url, data=route.data(cast))
            _expect(route, persona, response.status_code, is_api=False)
            if persona in DENIED or persona == "anonymous":
                assert not _leaks(cast, response.content), (name, persona)
            transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.parametrize("operation", sorted(API), ids=lambda op: f"{op[0]} {op[1]}")
def test_api_access(cast: Personas, operation: tuple[str, str]) -> None:
    route = API[operation]
    for persona in PERSONAS:
        with transaction.atomic():
            url = operation[1].format(**route.kwargs(cast))
            http = _http_for(cast, persona)
            call = getattr(http, route.method)
            if route.method == "get":
                response = call(url)
            elif route.method == "delete":
                response = call(f"{url}?version=1")  # removals name the version they saw
            else:
                response = call(
                    url, data=json.dumps(route.data(cast)), content_type="application/json"
                )
            _expect(route, persona, response.status_code, is_api=True)
            if persona in DENIED or persona == "anonymous":
                assert not _leaks(cast, response.content), (operation, persona)
            transaction.set_rollback(True)


@pytest.mark.django_db
def test_unscoped_api_documents_hold_no_client_data(cast: Personas) -> None:
    for path in UNSCOPED_API:
        response = HttpClient().get(path)
        assert not _leaks(cast, response.content)
