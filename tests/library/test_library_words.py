"""The library speaks the clinician's words: modalities, targets and sources in full, not
the file's keys; suggestions explained by words that mean something, the primary diagnosis
first; an unticked goal takes its objectives with it."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.audit_helpers import events_since, last_id
from tests.factories import PASSWORD, actor, make_diagnosis
from trellis.core.library import builtin_templates, rank_for_client
from trellis.core.library.words import target_words
from trellis.library import services
from trellis.library.registry import Entry
from trellis.plans.models import Goal, Objective

pytestmark = pytest.mark.django_db
RAW = re.compile(
    r"at_?or_?(below|above)|down_?by_?(points|percent)|reliable_improvement"
    r"|\b(PSYCHOEDUCATION|CASE_MANAGEMENT|MEDICATION_REFERRAL|SAFETY_PLANNING)\b"
    r"|\[[a-z0-9]+(?:-[a-z0-9]+)+\]"
)


@pytest.fixture
def signed_in(client, cast):
    client.login(username=cast.clinician.email, password=PASSWORD)
    return client


def _visible(html: str) -> str:
    """The text a reader sees: tags and attribute values dropped."""
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize("key", sorted(builtin_templates()))
def test_no_internal_name_reaches_the_template_page(signed_in, key) -> None:
    body = signed_in.get(reverse("library:detail", args=[key])).content.decode()
    assert RAW.findall(_visible(body)) == []


def test_the_gad_template_shows_words_and_full_citations(signed_in) -> None:
    template = builtin_templates()["gad-adult-cbt"]
    body = signed_in.get(reverse("library:detail", args=["gad-adult-cbt"])).content.decode()
    assert "<strong>Psychoeducation</strong>" in body
    assert "Measured by GAD-7: 7 or below, within 16 weeks" in body
    assert "PSWQ: a 10-point drop, within 12 weeks" in body
    nice = next(n for n, r in enumerate(template.references, 1) if r.id == "nice-cg113")
    citation = template.reference("nice-cg113").citation
    assert f"[{nice}]</a>" in body
    assert f'title="{citation}"' in body.replace("&#x27;", "'").replace("&amp;", "&")


def test_the_list_and_its_filter_name_modalities_in_full(signed_in) -> None:
    body = signed_in.get(reverse("library:list")).content.decode()
    assert "Cognitive behavioral therapy (CBT)" in body
    assert '<option value="sleep_hygiene">Sleep hygiene education</option>' in body
    assert '<td class="small">CBT</td>' not in body


def test_target_words_keep_the_relative_deadline() -> None:
    goal = builtin_templates()["gad-adult-cbt"].goals[0]
    assert target_words(goal.target) == "GAD-7: 7 or below, within 16 weeks"


def test_suggestion_reasons_never_cite_short_or_stop_words() -> None:
    ranked = rank_for_client(
        builtin_templates().values(),
        diagnoses=[],
        presenting_problem="A 27 year old who has a lot of worry and is not sleeping at all",
    )
    reasons = [reason for _, _, why in ranked for reason in why]
    assert reasons, "worry and sleep should find templates"
    cited = {r.split("'")[1] for r in reasons if r.startswith("mentions")}
    assert cited <= {"worry", "sleeping"}, cited


def test_the_primary_diagnosis_ranks_first(signed_in, cast) -> None:
    cast.diagnosis.delete()
    make_diagnosis(cast.clinician, cast.client, "F32.1")
    make_diagnosis(cast.clinician, cast.client, "F41.1", is_primary=True)
    body = signed_in.get(reverse("library:list"), {"client": cast.client.pk}).content.decode()
    suggestions = body.split("Suggested for", 1)[1].split("</section>", 1)[0]
    first = re.search(r"<strong>(.*?)</strong>.*?— (.*?)</span>", suggestions, re.S)
    assert "primary diagnosis F41.1" in first.group(2)
    templates = builtin_templates().values()
    assert "F41.1" in next(t for t in templates if t.title == first.group(1)).icd10


def test_an_unticked_goal_adds_none_of_its_objectives_and_the_audit_says_so(cast) -> None:
    template = builtin_templates()["gad-adult-cbt"]
    entry = Entry("gad-adult-cbt", template)
    keep = {"p0", "p0.g1", "p0.g1.o0", "p0.g0.o0", "p0.g0.o1"}  # goal 0 unticked
    mark = last_id()
    plan = services.template_apply(
        actor=actor(cast.clinician), client=cast.client, entry=entry, keep=keep
    )
    goals = list(Goal.objects.filter(problem__plan=plan))
    assert [g.statement for g in goals] == [template.problems[0].goals[1].statement]
    assert Objective.objects.filter(goal__problem__plan=plan).count() == 1
    plan_event = [e for e in events_since(mark) if e.object_id == str(plan.pk)][-1]
    assert plan_event.detail["kept"] == 3


def test_a_goal_from_a_template_gets_a_target_date(cast) -> None:
    template = builtin_templates()["gad-adult-cbt"]
    plan = services.template_apply(
        actor=actor(cast.clinician),
        client=cast.client,
        entry=Entry("gad-adult-cbt", template),
        keep={"p0", "p0.g0", "p0.g0.o0"},
    )
    goal = Goal.objects.get(problem__plan=plan)
    objective = goal.objectives.get()
    assert goal.target_date is not None and goal.target_date >= objective.target_date
