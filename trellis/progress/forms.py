"""The note form, generated from the note's format and the client's active plan."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.utils import timezone

from trellis.accounts.dates import format_day
from trellis.forms import DateInput, textarea
from trellis.measures.models import Administration
from trellis.plans.models import Goal, Intervention
from trellis.progress.formats import RATINGS, carry_sections, sections_of
from trellis.progress.models import NoteFormat, ProgressNote, RiskLevel, SessionType
from trellis.progress.selectors import NoteSetting
from trellis.progress.services import MAX_MINUTES
from trellis.progress.session_codes import shipped as shipped_session_codes


def administration_label(a: Administration) -> str:
    """'PHQ-9 14 (moderate) · 7 Dec 2026' in the practice's date style; a historical total
    entered without its answers says so, as it does wherever it is shown."""
    severity = f" ({a.severity})" if a.severity else ""
    total_only = " (total only)" if a.total_only else ""
    when = format_day(a.administered_at)
    return f"{a.instrument_id} {a.total_display}{total_only}{severity} · {when}"


def intervention_label(intervention: Intervention) -> str:
    """The whole description: a label cut mid-word hides what was done."""
    return f"{intervention.get_modality_display()}: {intervention.description}"


@dataclass
class ObjectiveRow:
    checkbox: forms.BoundField
    interventions: list[forms.BoundField] = field(default_factory=list)


@dataclass
class GoalRow:
    goal: Goal
    worked_on: forms.BoundField
    rating: forms.BoundField
    comment: forms.BoundField
    objectives: list[ObjectiveRow] = field(default_factory=list)


class NoteForm(forms.Form):
    note_format = forms.ChoiceField(choices=NoteFormat.choices, widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    session_date = forms.DateField(widget=DateInput())
    session_type = forms.ChoiceField(choices=SessionType.choices)
    duration_minutes = forms.IntegerField(
        label="Length (minutes)",
        required=False,
        min_value=1,
        max_value=MAX_MINUTES,
        help_text="Worked out from the start and end times when you give both.",
    )
    start_time = forms.TimeField(
        label="Started", required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    end_time = forms.TimeField(
        label="Ended", required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    service_code = forms.ChoiceField(
        label="Service code (CPT)",
        required=False,
        help_text="Time-based codes are checked against the session's length.",
    )
    place_of_service = forms.ChoiceField(label="Place of service", required=False)
    interventions_other = forms.CharField(
        label="Other interventions",
        required=False,
        widget=textarea(2),
        help_text="Anything you used that is not in the plan.",
    )
    administrations = forms.MultipleChoiceField(
        label="Measures given in this session",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    risk_level = forms.ChoiceField(
        choices=[("", "— not yet assessed —"), *RiskLevel.choices], required=False
    )
    risk_assessment = forms.CharField(
        label="Risk assessment",
        required=False,
        widget=textarea(3),
        help_text="Ideation, intent, plan, means, protective factors; what was decided.",
    )
    next_session_plan = forms.CharField(
        label="Plan for next session",
        required=False,
        widget=textarea(2),
        help_text="Focus, homework, when.",
    )

    def __init__(
        self, data: Any = None, *, setting: NoteSetting, note_format: str, **kwargs: Any
    ) -> None:
        super().__init__(data, **kwargs)
        self.setting = setting
        self.chosen_format = note_format
        self.initial["note_format"] = note_format
        for section in sections_of(note_format):
            self.fields[f"section_{section.name}"] = forms.CharField(
                label=section.label, help_text=section.help, required=False, widget=textarea(5)
            )
        for goal in setting.goals:
            self._goal_fields(goal)
        codes = shipped_session_codes()
        self.fields["service_code"].choices = [  # type: ignore[attr-defined]
            ("", "— none —"),
            *(
                (c.code, f"{c.label}{f' ({c.band})' if c.band else ''}")
                for c in codes.service_codes.values()
            ),
        ]
        self.fields["place_of_service"].choices = [  # type: ignore[attr-defined]
            ("", "— none —"),
            *((p.code, p.label) for p in codes.places.values()),
        ]
        self.fields["administrations"].choices = [  # type: ignore[attr-defined]
            (str(a.pk), administration_label(a)) for a in setting.administrations
        ]
        if setting.critical:
            self.fields["risk_assessment"].help_text = (
                "A critical item is open for this client: the risk assessment is required "
                "to sign this note."
            )

    def _goal_fields(self, goal: Goal) -> None:
        self.fields[f"goal_{goal.pk}"] = forms.BooleanField(label="Worked on", required=False)
        self.fields[f"rating_{goal.pk}"] = forms.TypedChoiceField(
            label="Progress",
            choices=[("", "—"), *((n, f"{n} · {w}") for n, w in RATINGS.items())],
            coerce=int,
            empty_value=None,
            required=False,
        )
        self.fields[f"comment_{goal.pk}"] = forms.CharField(label="Comment", required=False)
        for objective in goal.objectives.all():
            self.fields[f"objective_{objective.pk}"] = forms.BooleanField(
                label=objective.statement, required=False
            )
            for intervention in objective.interventions.all():
                self.fields[f"intervention_{intervention.pk}"] = forms.BooleanField(
                    label=intervention_label(intervention), required=False
                )

    def section_fields(self) -> list[forms.BoundField]:
        return [self[f"section_{s.name}"] for s in sections_of(self.chosen_format)]

    def goal_rows(self) -> list[GoalRow]:
        rows = []
        for goal in self.setting.goals:
            row = GoalRow(
                goal, self[f"goal_{goal.pk}"], self[f"rating_{goal.pk}"], self[f"comment_{goal.pk}"]
            )
            for objective in goal.objectives.all():
                interventions = [
                    self[f"intervention_{i.pk}"] for i in objective.interventions.all()
                ]
                row.objectives.append(
                    ObjectiveRow(self[f"objective_{objective.pk}"], interventions)
                )
            rows.append(row)
        return rows

    def note_data(self) -> dict[str, Any]:
        """What the service takes, from the cleaned form."""
        data = self.cleaned_data
        goals = self.setting.goals
        objectives = [o for g in goals for o in g.objectives.all()]
        interventions = [i for o in objectives for i in o.interventions.all()]
        return {
            "note_format": self.chosen_format,
            "session_date": data["session_date"],
            "session_type": data["session_type"],
            "duration_minutes": data["duration_minutes"],
            "start_time": data["start_time"],
            "end_time": data["end_time"],
            "service_code": data["service_code"],
            "place_of_service": data["place_of_service"],
            "sections": {
                s.name: data[f"section_{s.name}"] for s in sections_of(self.chosen_format)
            },
            "goals": [g.pk for g in goals if data[f"goal_{g.pk}"]],
            "ratings": {
                g.pk: (data[f"rating_{g.pk}"], data[f"comment_{g.pk}"])
                for g in goals
                if data[f"rating_{g.pk}"] is not None
            },
            "objectives": [o.pk for o in objectives if data[f"objective_{o.pk}"]],
            "interventions": [i.pk for i in interventions if data[f"intervention_{i.pk}"]],
            "interventions_other": data["interventions_other"],
            "administrations": data["administrations"],
            "risk_level": data["risk_level"],
            "risk_assessment": data["risk_assessment"],
            "next_session_plan": data["next_session_plan"],
        }


def new_note_initial(setting: NoteSetting) -> dict[str, Any]:
    """A new note: today, an individual session, and today's scores already ticked."""
    today = timezone.localdate()
    given_today = [
        str(a.pk)
        for a in setting.administrations
        if timezone.localtime(a.administered_at).date() == today
    ]
    return {
        "session_date": today,
        "session_type": SessionType.INDIVIDUAL,
        "administrations": given_today,
    }


def draft_initial(note: ProgressNote, note_format: str) -> dict[str, Any]:
    """A draft as its form shows it, in ``note_format`` (its text carried over on a switch)."""
    sections = carry_sections(note.note_format, note.sections, note_format)
    initial: dict[str, Any] = {
        "version": note.version,
        "session_date": note.session_date,
        "session_type": note.session_type,
        "duration_minutes": note.duration_minutes,
        "start_time": note.start_time,
        "end_time": note.end_time,
        "service_code": note.service_code,
        "place_of_service": note.place_of_service,
        "interventions_other": note.interventions_other,
        "administrations": [str(a.pk) for a in note.administrations.all()],
        "risk_level": note.risk_level,
        "risk_assessment": note.risk_assessment,
        "next_session_plan": note.next_session_plan,
    }
    initial.update({f"section_{name}": text for name, text in sections.items()})
    initial.update({f"goal_{g.pk}": True for g in note.goals.all()})
    initial.update({f"objective_{o.pk}": True for o in note.objectives.all()})
    initial.update({f"intervention_{i.pk}": True for i in note.interventions.all()})
    for rating in note.ratings.all():
        initial[f"rating_{rating.goal_id}"] = rating.rating
        initial[f"comment_{rating.goal_id}"] = rating.comment
    return initial


class AddendumForm(forms.Form):
    text = forms.CharField(
        label="Addendum",
        widget=textarea(3),
        max_length=20_000,
        help_text="Signed notes never change: what you add here is kept with your name and "
        "the time, after the note.",
    )
