"""What a plan template is, as plain immutable data.

A template is problems -> long-term goals -> short-term objectives -> interventions, with
the measures to give, the references its interventions rest on and, optionally, targets
on a standardized measure. Deadlines stay relative ("within 12 weeks") because a template
does not know when a plan starts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType

# A template's sources have the shape of an instrument file's: id, citation, optional URL.
from trellis.core.measures.schema import Reference as Reference

# Every modality an intervention may name, with the words shown for it: the plans app
# builds its choices from this, so a template and a plan share one list.
MODALITY_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "cbt": "Cognitive behavioral therapy (CBT)",
        "cbt_i": "CBT for insomnia (CBT-I)",
        "tf_cbt": "Trauma-focused CBT (TF-CBT)",
        "dbt": "Dialectical behavior therapy (DBT)",
        "dbt_skills": "DBT skills training",
        "erp": "Exposure and response prevention (ERP)",
        "exposure": "Exposure therapy",
        "cpt": "Cognitive processing therapy (CPT)",
        "pe": "Prolonged exposure (PE)",
        "emdr": "Eye movement desensitization and reprocessing (EMDR)",
        "act": "Acceptance and commitment therapy (ACT)",
        "ba": "Behavioral activation",
        "mi": "Motivational interviewing (MI)",
        "ipt": "Interpersonal psychotherapy (IPT)",
        "pst": "Problem-solving therapy (PST)",
        "mbsr": "Mindfulness-based stress reduction (MBSR)",
        "mbct": "Mindfulness-based cognitive therapy (MBCT)",
        "mindfulness": "Mindfulness-based intervention",
        "relaxation": "Relaxation training",
        "sleep_hygiene": "Sleep hygiene education",
        "psychodynamic": "Psychodynamic therapy",
        "supportive": "Supportive therapy",
        "family": "Family therapy",
        "couples": "Couples therapy",
        "parent_training": "Parent training",
        "group": "Group therapy",
        "psychoeducation": "Psychoeducation",
        "skills": "Skills training",
        "case_management": "Case management",
        "medication_referral": "Referral for medication evaluation or management",
        "safety_planning": "Safety planning",
        "crisis": "Crisis intervention",
        "other": "Other",
    }
)
MODALITIES: tuple[str, ...] = tuple(MODALITY_LABELS)
AGE_GROUPS: tuple[str, ...] = ("child", "adolescent", "adult", "older_adult", "all")


@dataclass(frozen=True, slots=True)
class MeasureSchedule:
    """An instrument to give, and how often: GAD-7 every 2 weeks."""

    instrument: str
    every_weeks: int


@dataclass(frozen=True, slots=True)
class TemplateTarget:
    """A target on a standardized measure: "GAD-7 at or below 9 within 16 weeks"."""

    instrument: str
    kind: str
    value: float | None
    deadline: str | None
    subscale: str | None = None


@dataclass(frozen=True, slots=True)
class TemplateIntervention:
    """What the clinician does, how often, and the reference (by id) it rests on."""

    modality: str
    description: str
    frequency: str
    source: str
    delivered_by: str = ""


@dataclass(frozen=True, slots=True)
class TemplateObjective:
    """A short-term, SMART step toward a goal."""

    statement: str
    deadline: str | None
    target: TemplateTarget | None
    interventions: tuple[TemplateIntervention, ...]


@dataclass(frozen=True, slots=True)
class TemplateGoal:
    """A long-term goal for a problem."""

    statement: str
    target: TemplateTarget | None
    objectives: tuple[TemplateObjective, ...]


@dataclass(frozen=True, slots=True)
class TemplateProblem:
    """A problem as it shows in a person's life, optionally tied to one diagnosis code."""

    title: str
    behavioral_definition: str
    icd10: str | None
    goals: tuple[TemplateGoal, ...]


@dataclass(frozen=True, slots=True)
class Template:
    """One evidence-based plan template from the library (or a practice's own)."""

    id: str
    title: str
    summary: str
    age_group: str
    modality: str
    icd10: tuple[str, ...]
    keywords: tuple[str, ...]
    review_interval_days: int
    expected_sessions: int
    session_frequency: str
    measures: tuple[MeasureSchedule, ...]
    # Read-only, and left out of the hash (a mapping has none) but not out of equality.
    adaptations: Mapping[str, str] = field(hash=False)
    references: tuple[Reference, ...]
    problems: tuple[TemplateProblem, ...]
    source_file: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "adaptations", MappingProxyType(dict(self.adaptations)))

    def __reduce__(self) -> tuple[type[Template], tuple[object, ...]]:
        """Pickle and deep-copy by the constructor: a read-only mapping cannot be pickled."""
        values = tuple(getattr(self, f.name) for f in fields(self))
        return type(self), tuple(dict(v) if isinstance(v, Mapping) else v for v in values)

    @property
    def goals(self) -> tuple[TemplateGoal, ...]:
        """Every goal, problem by problem."""
        return tuple(goal for problem in self.problems for goal in problem.goals)

    @property
    def objectives(self) -> tuple[TemplateObjective, ...]:
        """Every objective, goal by goal."""
        return tuple(objective for goal in self.goals for objective in goal.objectives)

    @property
    def interventions(self) -> tuple[TemplateIntervention, ...]:
        """Every intervention, objective by objective."""
        return tuple(item for objective in self.objectives for item in objective.interventions)

    @property
    def counts(self) -> dict[str, int]:
        """How big the template is: problems, goals, objectives and interventions."""
        return {
            "problems": len(self.problems),
            "goals": len(self.goals),
            "objectives": len(self.objectives),
            "interventions": len(self.interventions),
        }

    def reference(self, reference_id: str) -> Reference | None:
        """The reference with this id, or None."""
        return next((ref for ref in self.references if ref.id == reference_id), None)
