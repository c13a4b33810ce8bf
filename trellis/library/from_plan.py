"""A finished plan as template text, stripped of the client: names become "the client",
dates become deadlines relative to the plan's start, baselines and the safety plan go.

The clinician reviews the text before it is saved: free text can hold details no rule
can find, so nothing is saved without a person reading it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from datetime import date

import yaml

from trellis.clients.models import Client
from trellis.plans.models import MeasureTarget, TreatmentPlan

PRACTICE_REFERENCE = {
    "id": "practice",
    "citation": "This practice's own plan, saved from a client's plan. Replace with the "
    "guideline or trial behind each intervention.",
}


def _scrubber(client: Client) -> re.Pattern[str] | None:
    names = {n for n in (client.first_name, client.last_name, client.preferred_name) if n}
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})(?:'s)?\b", re.IGNORECASE)


def _age_group(client: Client, on: date) -> str:
    born = client.date_of_birth
    if born is None:
        return "all"
    age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    if age < 13:
        return "child"
    if age < 18:
        return "adolescent"
    return "adult" if age < 65 else "older_adult"


def _relative(when: date | None, start: date) -> str | None:
    if when is None or when <= start:
        return None
    weeks = math.ceil((when - start).days / 7)
    return f"within {weeks} week{'s' if weeks != 1 else ''}"


def _target(target: MeasureTarget, start: date) -> dict[str, object]:
    out: dict[str, object] = {"instrument": target.instrument_id, "kind": target.kind}
    if target.subscale:
        out["subscale"] = target.subscale
    out["value"] = target.value
    out["deadline"] = _relative(target.deadline, start)
    return {k: v for k, v in out.items() if v is not None}


def _keywords(titles: list[str]) -> list[str]:
    words = [w.strip(".,;:()").lower() for title in titles for w in title.split()]
    kept = [w for w in words if len(w) > 3 and w.isalpha() and w != "client"]
    return list(dict.fromkeys(kept))[:8] or ["practice"]


def plan_as_template(plan: TreatmentPlan) -> str:
    """YAML text of a plan fetched by ``plan_with_tree``, for review before saving."""
    client = plan.client
    scrub = _scrubber(client)

    def clean(text: str) -> str:
        return scrub.sub("the client", text).strip() if scrub else text.strip()

    start = plan.start_date
    codes: list[str] = []
    modalities: Counter[str] = Counter()
    instruments: list[str] = []
    problems = []
    for problem in plan.problems.all():
        code = problem.diagnosis.code if problem.diagnosis else None
        if code and code not in codes:
            codes.append(code)
        goals = []
        for goal in problem.goals.all():
            objectives = []
            for objective in goal.objectives.all():
                interventions = []
                for i in objective.interventions.all():
                    modalities[i.modality] += 1
                    entry = {
                        "modality": i.modality,
                        "description": clean(i.description),
                        "frequency": i.frequency or "Weekly",
                        "source": "practice",
                    }
                    interventions.append(entry)
                item: dict[str, object] = {"statement": clean(objective.statement)}
                deadline = _relative(objective.target_date, start)
                if deadline:
                    item["deadline"] = deadline
                targets = list(objective.targets.all())
                if targets:
                    item["target"] = _target(targets[0], start)
                    instruments.append(targets[0].instrument_id)
                item["interventions"] = interventions
                objectives.append(item)
            entry_goal: dict[str, object] = {"statement": clean(goal.statement)}
            goal_targets = list(goal.targets.all())
            if goal_targets:
                entry_goal["target"] = _target(goal_targets[0], start)
                instruments.append(goal_targets[0].instrument_id)
            entry_goal["objectives"] = objectives
            goals.append(entry_goal)
        entry_problem: dict[str, object] = {
            "title": clean(problem.title),
            "behavioral_definition": clean(problem.behavioral_definition)
            or "Describe how this shows in the client's life.",
        }
        if code:
            entry_problem["icd10"] = code
        entry_problem["goals"] = goals
        problems.append(entry_problem)
    review_days = (plan.review_date - start).days if plan.review_date else 90
    document = {
        "id": "practice-template",
        "title": clean(plan.title),
        "summary": "Saved from one of this practice's plans. Review every line before use.",
        "age_group": _age_group(client, start),
        "modality": modalities.most_common(1)[0][0] if modalities else "other",
        "icd10": codes or [d.code for d in client.diagnoses.all() if d.status == "active"],
        "keywords": _keywords([str(p["title"]) for p in problems]),
        "review_interval_days": max(review_days, 1),
        "expected_sessions": plan.expected_sessions or 12,
        "session_frequency": plan.session_frequency or "Weekly",
        "measures": [{"instrument": i, "every_weeks": 2} for i in dict.fromkeys(instruments)],
        "references": [PRACTICE_REFERENCE],
        "problems": problems,
    }
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=88)
