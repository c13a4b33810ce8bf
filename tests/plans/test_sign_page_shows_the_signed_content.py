"""What the client reads before signing is the whole signed content (issue 12): every value
of the document whose hash the signature covers (trellis/plans/signing/content.py) is on
the sign page, in words and in the practice's date style.

The test walks the signed document key by key. A key it does not know fails it, so a
field added to the signature later must be added to the sign page (and here) too."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils.html import escape

from tests.factories import PASSWORD, actor, make_administration, make_plan
from trellis.accounts.dates import date_style, format_day
from trellis.accounts.models import PracticeSettings
from trellis.clients.models import Diagnosis
from trellis.measures.models import Administration
from trellis.plans import services
from trellis.plans.items import GOAL, INTERVENTION, OBJECTIVE, PROBLEM
from trellis.plans.models import MeansAccess, ObjectiveStatus, TargetKind, TreatmentPlan
from trellis.plans.signing.content import plan_content, plan_hash
from trellis.plans.versions.selectors import plan_tree

pytestmark = pytest.mark.django_db

# How the target kinds used below read on the page (trellis.core.planning.describe_target).
KIND_WORDS = {TargetKind.AT_OR_BELOW: "{} or below", TargetKind.DOWN_BY_POINTS: "a {}-point drop"}
CHOICES = {
    "status": {k: f"Status: {v}" for k, v in ObjectiveStatus.choices},
    "firearms_access": {k: f"Access: {v.lower()}" for k, v in MeansAccess.choices},
    "medication_access": {k: f"Access: {v.lower()}" for k, v in MeansAccess.choices},
}


def _full_plan(cast: Any) -> TreatmentPlan:
    """A plan with every kind of content a signature covers, each field filled."""
    who = actor(cast.clinician)
    plan = make_plan(
        cast.clinician,
        cast.client,
        title="Plan for steadier mornings",
        expected_sessions=16,
        session_frequency="Every week, then fortnightly",
        strengths="Keeps a journal; close to a sister.",
        barriers="Shift work on Thursdays.",
        family_involvement="Sister joins session 4.",
        referrals="GP for a sleep review.",
        warning_signs="Stops answering texts.",
        coping_strategies="A walk round the park.",
        distraction_people_places="The library café.",
        support_contacts="Jordan (sister) 555-0142.",
        professional_contacts="Dr Okafor, 555-0100.",
        crisis_lines="988 Suicide and Crisis Lifeline.",
        environment_safety="Razor blades kept at a friend's.",
        firearms_access=MeansAccess.YES,
        firearms_plan="Brother keeps the rifle until March.",
        medication_access=MeansAccess.UNKNOWN,
        medication_plan="Ask about the stockpile next session.",
        reasons_for_living="My nephew's football games.",
    )
    problem = services.plan_item_add(
        actor=who,
        kind=PROBLEM,
        parent=plan,
        data={
            "title": "Low mood in the mornings",
            "behavioral_definition": "In bed until noon four days a week.",
            "diagnosis": cast.diagnosis,
        },
    )
    goal = services.plan_item_add(
        actor=who,
        kind=GOAL,
        parent=problem,
        data={
            "statement": "Get back to a working morning routine.",
            "target_date": plan.start_date + timedelta(weeks=20),
            "status": ObjectiveStatus.IN_PROGRESS,
        },
    )
    objective = services.plan_item_add(
        actor=who,
        kind=OBJECTIVE,
        parent=goal,
        data={
            "statement": "Up by 8 on five mornings a week within 8 weeks.",
            "target_date": plan.start_date + timedelta(weeks=8),
            "status": ObjectiveStatus.PARTIALLY_MET,
        },
    )
    services.plan_item_add(
        actor=who,
        kind=INTERVENTION,
        parent=objective,
        data={
            "modality": "ba",
            "description": "Morning activity schedule",
            "frequency": "Each session",
            "delivered_by": "Casey Clinician",
        },
    )
    baseline = make_administration(cast.clinician, cast.client)
    services.target_add(
        actor=who,
        owner=goal,
        data={
            "instrument_id": "PHQ-9",
            "kind": TargetKind.AT_OR_BELOW,
            "value": 9.0,
            "deadline": plan.start_date + timedelta(weeks=19),
            "baseline": baseline,
        },
    )
    services.target_add(
        actor=who,
        owner=objective,
        data={
            "instrument_id": "PHQ-9",
            "kind": TargetKind.DOWN_BY_POINTS,
            "value": 5.0,
            "deadline": plan.start_date + timedelta(weeks=9),
        },
    )
    return plan


def _expected(path: str, key: str, value: Any, siblings: dict[str, Any]) -> list[str]:
    """What the page must show for one leaf of the signed document (``siblings``: the
    other values of the same item, for a value read together with its kind)."""
    if value is None or value == "":
        return []  # nothing to show (a subscale not used, the rule's baseline)
    if key == "hash_version":
        return []  # the layout's name, not content the client agrees to
    if key == "plan":
        return [reverse("plans:detail", args=[value])]  # the version, named and linked
    if key == "client":
        return [escape(TreatmentPlan.objects.get(pk=path.split("|")[0]).client.display_name)]
    if key == "version_number":
        return [f"version {value}"]
    if key == "diagnosis":
        diagnosis = Diagnosis.objects.get(pk=value)
        return [f"{diagnosis.code_label} {escape(diagnosis.description)}"]
    if key == "baseline":
        chosen = Administration.objects.get(pk=value)
        return [f"PHQ-9 {chosen.total:g} on", "chosen by Casey Clinician"]
    if key in {"kind", "value"}:
        return [KIND_WORDS[siblings["kind"]].format(f"{siblings['value']:g}")]
    if key == "expected_sessions":
        return [f"about {value} sessions"]
    if key == "modality":
        return ["Behavioral activation"]
    if key in CHOICES:
        return [CHOICES[key][value]]
    if key in {"start_date", "target_date", "deadline"}:
        return [format_day(value)]
    if isinstance(value, int):
        return [str(value)]
    if isinstance(value, str):
        return [escape(value)]
    raise AssertionError(f"{path}: no display rule for this signed value; show it on the page")


Leaf = tuple[str, str, Any, dict[str, Any]]


def _leaves(node: Any, path: str, parent: dict[str, Any]) -> list[Leaf]:
    """(path, key, value, the dict holding it) for every value of the signed document."""
    if isinstance(node, dict):
        return [leaf for k, v in node.items() for leaf in _leaves(v, f"{path}|{k}", node)]
    if isinstance(node, list):
        return [leaf for i, v in enumerate(node) for leaf in _leaves(v, f"{path}|{i}", parent)]
    return [(path, path.rsplit("|", 1)[-1], node, parent)]


def test_the_sign_page_shows_every_value_the_signature_covers(client, cast) -> None:
    PracticeSettings.objects.create(practice=cast.practice, date_style="long")
    plan = _full_plan(cast)
    content = plan_content(plan_tree(plan))
    client.login(username=cast.clinician.email, password=PASSWORD)
    body = client.get(reverse("plans:sign", args=[plan.pk])).content.decode()
    missing = []
    leaves = _leaves(content, str(plan.pk), content)
    with date_style("long"):
        for path, key, value, siblings in leaves:
            expected = _expected(path, key, value, siblings)
            missing += [f"{path}: {text!r}" for text in expected if text not in body]
    assert not missing, "not on the sign page:\n" + "\n".join(missing)
    # Every kind of content was there to check, and dates read the practice's way.
    keys = {key for _, key, _, _ in leaves}
    assert {"firearms_access", "medication_plan", "deadline", "baseline", "delivered_by"} <= keys
    assert {"strengths", "referrals", "expected_sessions", "reasons_for_living"} <= keys
    assert plan.start_date.isoformat() not in body


def test_an_empty_plan_says_what_is_not_written_yet(client, cast) -> None:
    plan = make_plan(cast.clinician, cast.client)
    client.login(username=cast.clinician.email, password=PASSWORD)
    body = client.get(reverse("plans:sign", args=[plan.pk])).content.decode()
    assert "No problems yet." in body
    assert "<dt>Firearms</dt><dd>Not asked yet</dd>" in body


def test_the_signed_hash_does_not_follow_the_date_style(cast) -> None:
    """Dates are shown the practice's way, but what is hashed keeps ISO dates: changing the
    style never makes an existing signature differ from its content."""
    plan = _full_plan(cast)
    iso = plan_hash(plan_tree(plan))
    for style in ("us", "dmy", "long"):
        with date_style(style):
            assert plan_hash(plan_tree(plan)) == iso
    content = plan_content(plan_tree(plan))
    assert content["fields"]["start_date"] == plan.start_date.isoformat()
