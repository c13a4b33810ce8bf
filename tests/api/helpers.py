"""Calling the JSON API as a persona, and proving a refused call changed nothing."""

from __future__ import annotations

import json
from typing import Any

from django.db import models
from django.http import HttpResponse
from django.test import Client as HttpClient

from trellis.accounts.models import User
from trellis.accounts.services import api_token_issue
from trellis.audit.models import AuditEvent
from trellis.clients.models import CareTeamMember, Client, Diagnosis, EmergencyContact
from trellis.plans.models import Goal, Intervention, Objective, Problem, TreatmentPlan

BASE = "/api/v1"


def encode(body: Any) -> str:
    return body if isinstance(body, str | bytes) else json.dumps(body, default=str)


class Api:
    """A bearer-token caller: `api.get("/clients")`, `api.patch(url, {...})`."""

    def __init__(self, user: User | None = None, *, token: str | None = None) -> None:
        self.http = HttpClient(enforce_csrf_checks=True)
        if token is None and user is not None:
            token = api_token_issue(user=user, name="tests")
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}

    def get(self, path: str, **params: Any) -> HttpResponse:
        return self.http.get(BASE + path, params, **self.headers)

    def post(self, path: str, body: Any = None) -> HttpResponse:
        return self._send("post", path, {} if body is None else body)

    def patch(self, path: str, body: Any) -> HttpResponse:
        return self._send("patch", path, body)

    def delete(self, path: str, **params: Any) -> HttpResponse:
        query = "&".join(f"{k}={v}" for k, v in params.items())
        return self.http.delete(BASE + path + (f"?{query}" if query else ""), **self.headers)

    def _send(self, method: str, path: str, body: Any) -> HttpResponse:
        call = getattr(self.http, method)
        return call(BASE + path, data=encode(body), content_type="application/json", **self.headers)


CLIENT_DATA: tuple[type[models.Model], ...] = (
    Client,
    CareTeamMember,
    EmergencyContact,
    Diagnosis,
    TreatmentPlan,
    Problem,
    Goal,
    Objective,
    Intervention,
)


def snapshot() -> dict[str, list[dict[str, Any]]]:
    """Every row of client data and the size of the access log, to compare before and after."""
    state = {m.__name__: list(m._default_manager.order_by("pk").values()) for m in CLIENT_DATA}
    state["AuditEvent"] = [{"count": AuditEvent.objects.count()}]
    return state


def errors_by_field(response: HttpResponse) -> dict[str, str]:
    """A 422's entries keyed by the field their `loc` ends in (a list index skipped)."""
    return {
        [part for part in e["loc"] if isinstance(part, str)][-1]: e["msg"]
        for e in response.json()["detail"]
    }


def problem_of(plan: TreatmentPlan) -> Problem:
    return plan.problems.get()


def goal_of(plan: TreatmentPlan) -> Goal:
    return Goal.objects.get(problem__plan=plan)


def objective_of(plan: TreatmentPlan) -> Objective:
    return Objective.objects.filter(goal__problem__plan=plan).first()  # type: ignore[return-value]


def intervention_of(plan: TreatmentPlan) -> Intervention:
    return Intervention.objects.filter(objective__goal__problem__plan=plan).first()  # type: ignore[return-value]
