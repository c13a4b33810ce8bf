"""What the risk screening at intake means for the plan: one level from its three answers.

The answers are the client record's codes (``trellis.clients.models``: ``IdeationAtIntake``
and ``SelfHarmHistory``), passed in as plain strings so this stays free of Django:

    ideation:  not_assessed | denied | passive | active_no_plan | active_plan
    self-harm: not_assessed | none | past | recent

Levels, from the most to the least pressing:

- ``current``: suicidal or homicidal ideation of any kind, or self-harm in the last 12
  months. The plan must hold a safety plan (the plan check's ``risk_without_safety_plan``),
  as it must after a positive critical answer on a measure.
  * Passive thoughts count: the Columbia Suicide Severity Rating Scale scores "wish to be
    dead" as suicidal ideation (its first, least severe type; Posner et al. 2011, Am J
    Psychiatry 168:1266-77), and the Safety Planning Intervention is the brief
    intervention for people with suicidal ideation or a recent attempt (Stanley & Brown
    2012, Cogn Behav Pract 19:256-64).
  * Self-harm in the last 12 months: the risk of suicide is highest in the year after
    self-harm; in a meta-analysis 1.6% of people who presented with self-harm died by
    suicide within one year (Carroll, Metcalfe & Gunnell 2014, PLoS One 9:e89944). The
    client record asks for exactly that window.
  * Homicidal ideation: a team decision, not a published threshold. The client page marks
    it as risk reported at intake (``Client.risk_reported_at_intake``), and the safety plan
    is where the plan records what to do in a crisis, so the check says the same.
- ``history``: self-harm more than 12 months ago, nothing current. A risk factor to keep in
  view, but not by itself a reason to require a safety plan.
- ``none``: every question asked and nothing reported.
- ``not_screened``: nothing reported, but at least one question not asked (or blank).
"""

from __future__ import annotations

from typing import Literal

IntakeRisk = Literal["current", "history", "none", "not_screened"]

_IDEATION_REPORTED = frozenset({"passive", "active_no_plan", "active_plan"})
_IDEATION_ASKED = _IDEATION_REPORTED | {"denied"}
_SELF_HARM_ASKED = frozenset({"none", "past", "recent"})


def intake_risk(*, suicidal_ideation: str, homicidal_ideation: str, self_harm: str) -> IntakeRisk:
    """The level the intake screening's answers add up to (see the module docstring)."""
    ideation = (suicidal_ideation, homicidal_ideation)
    if any(answer in _IDEATION_REPORTED for answer in ideation) or self_harm == "recent":
        return "current"
    if self_harm == "past":
        return "history"
    asked = all(answer in _IDEATION_ASKED for answer in ideation) and self_harm in _SELF_HARM_ASKED
    return "none" if asked else "not_screened"


def calls_for_safety_plan(level: str) -> bool:
    """Whether a plan for a client screened at this level must hold a safety plan."""
    return level == "current"
