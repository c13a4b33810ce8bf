"""`trellis templates`: list, show and check the plan-template library from the shell.

    trellis templates list [--json]          the shipped templates, sorted by id
    trellis templates show ID [--json]       one template, as an outline or in its file shape
    trellis templates check [FILE ...]       load and check the library, or these files
    trellis templates schema                 the file format as a JSON Schema, for editors

``check`` runs the same checks as the test suite (``trellis.core.library``): every problem
goes to stderr as "file: path: problem" and the exit status is 2. Data files only: no
database, no system checks.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from trellis.core.icd10 import lookup
from trellis.core.library import (
    Template,
    TemplateFileError,
    TemplateTarget,
    builtin_templates,
    check_library,
    check_template,
    load_template,
    template_to_dict,
)
from trellis.core.library.file_model import template_json_schema
from trellis.core.measures import Instrument, builtin_instruments

USAGE_ERROR = 2
COLUMNS = ("id", "modality", "age group", "icd10", "P/G/O/I", "title")
COUNTED = ("problems", "goals", "objectives", "interventions")


def refuse(message: str) -> CommandError:
    """A CommandError that exits with status 2: the input, not the program, was wrong."""
    return CommandError(message, returncode=USAGE_ERROR)


def complete_code(code: str) -> bool:
    """A code of the shipped ICD-10-CM set that a diagnosis can record (not a heading)."""
    found = lookup(code)
    return found is not None and found.billable


def listing(template: Template) -> dict[str, object]:
    """One template as ``list --json`` shows it."""
    return {
        "id": template.id,
        "title": template.title,
        "icd10": list(template.icd10),
        "modality": template.modality,
        "age_group": template.age_group,
        "counts": template.counts,
    }


def table(templates: Iterable[Template]) -> list[str]:
    """A plain aligned table; the last column (the title) is left ragged."""
    rows = [list(COLUMNS)] + [
        [
            template.id,
            template.modality,
            template.age_group,
            ",".join(template.icd10),
            "/".join(str(template.counts[part]) for part in COUNTED),
            template.title,
        ]
        for template in templates
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS) - 1)]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
        + "  "
        + row[-1]
        for row in rows
    ]


def outline(template: Template) -> list[str]:
    """The template as a clinician reads it: problems, goals, objectives, interventions."""
    lines = [
        f"{template.title} ({template.id})",
        template.summary,
        "",
        f"For: {template.age_group} · modality: {template.modality} · "
        f"ICD-10-CM: {', '.join(template.icd10)}",
        f"Sessions: {template.expected_sessions}, {template.session_frequency} · "
        f"review every {template.review_interval_days} days",
        "Measures: "
        + (
            ", ".join(f"{m.instrument} every {m.every_weeks} wk" for m in template.measures)
            or "none"
        ),
    ]
    for p, problem in enumerate(template.problems, start=1):
        code = f" [{problem.icd10}]" if problem.icd10 else ""
        lines += ["", f"Problem {p}: {problem.title}{code}", f"  {problem.behavioral_definition}"]
        for g, goal in enumerate(problem.goals, start=1):
            lines.append(f"  Goal {p}.{g}: {goal.statement}{_target(goal.target)}")
            for o, objective in enumerate(goal.objectives, start=1):
                when = f" ({objective.deadline})" if objective.deadline else ""
                lines.append(
                    f"    Objective {p}.{g}.{o}: {objective.statement}{when}"
                    f"{_target(objective.target)}"
                )
                lines += [
                    f"      - [{item.modality}] {item.description} ({item.frequency}"
                    f"{'; ' + item.delivered_by if item.delivered_by else ''}) [{item.source}]"
                    for item in objective.interventions
                ]
    lines += ["", "Adaptations:"] if template.adaptations else []
    lines += [f"  {name}: {text}" for name, text in template.adaptations.items()]
    lines += ["", "References:"]
    lines += [
        f"  [{ref.id}] {ref.citation}{' ' + ref.url if ref.url else ''}"
        for ref in template.references
    ]
    return lines


def _target(target: TemplateTarget | None) -> str:
    if target is None:
        return ""
    measure = (
        target.instrument if target.subscale is None else f"{target.instrument} {target.subscale}"
    )
    value = "" if target.value is None else f" {target.value:g}"
    when = f", {target.deadline}" if target.deadline else ""
    return f" — target: {measure} {target.kind.replace('_', ' ')}{value}{when}"


def summary_line(templates: Iterable[Template]) -> str:
    """ "ok: 3 templates, 9 problems, ..." once everything passed."""
    templates = list(templates)
    totals = {part: sum(t.counts[part] for t in templates) for part in COUNTED}
    parts = ", ".join(_counted(totals[part], part) for part in COUNTED)
    return f"ok: {_counted(len(templates), 'templates')}, {parts} checked"


def _counted(number: int, plural: str) -> str:
    return f"{number} {plural.removesuffix('s') if number == 1 else plural}"


class Command(BaseCommand):
    help = (
        "List, show or check plan templates (the shipped library or your own files), or "
        "print their file format as a JSON Schema."
    )
    requires_system_checks: list[str] = []  # reads data files only: no database, no checks

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        listed = actions.add_parser("list", help="List the shipped templates, sorted by id.")
        listed.add_argument("--json", action="store_true", help="Print the list as JSON.")
        shown = actions.add_parser("show", help="Show one shipped template.")
        shown.add_argument("id", help="The template id, e.g. gad-adult-cbt.")
        shown.add_argument("--json", action="store_true", help="Print it in its file's shape.")
        checked = actions.add_parser("check", help="Check the shipped library, or these files.")
        checked.add_argument("files", nargs="*", metavar="FILE", help="Template files (YAML/JSON).")
        actions.add_parser("schema", help="Print the template file format as a JSON Schema.")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "list":
            self.list_templates(as_json=options["json"])
        elif action == "show":
            self.show_template(options["id"], as_json=options["json"])
        elif action == "schema":
            self.stdout.write(json.dumps(template_json_schema(), indent=2, ensure_ascii=False))
        else:
            self.check_templates(options["files"])

    def list_templates(self, *, as_json: bool) -> None:
        templates = [template for _, template in sorted(_shipped().items())]
        if as_json:
            self.stdout.write(json.dumps([listing(template) for template in templates]))
        else:
            self.stdout.write("\n".join(table(templates)))

    def show_template(self, template_id: str, *, as_json: bool) -> None:
        shipped = _shipped()
        template = shipped.get(template_id)
        if template is None:
            raise refuse(_unknown(template_id, sorted(shipped)))
        if as_json:
            self.stdout.write(json.dumps(template_to_dict(template), ensure_ascii=False))
        else:
            self.stdout.write("\n".join(outline(template)))

    def check_templates(self, files: list[str]) -> None:
        """Every problem on stderr, then exit 2 once; or one "ok" line on stdout."""
        instruments = builtin_instruments()
        if files:
            loaded, problems = _check_files(files, instruments)
        else:
            templates = _shipped()
            loaded = list(templates.values())
            problems = check_library(templates, instruments=instruments, icd_exists=complete_code)
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            count = "1 problem" if len(problems) == 1 else f"{len(problems)} problems"
            raise refuse(f"{count} found")
        self.stdout.write(summary_line(loaded))


def _check_files(
    files: list[str], instruments: Mapping[str, Instrument]
) -> tuple[list[Template], list[str]]:
    """Load each file as the app would, then check the ones that loaded."""
    loaded: list[Template] = []
    problems: list[str] = []
    for file in files:
        try:
            template = load_template(file)
        except TemplateFileError as exc:
            problems.append(str(exc))
            continue
        loaded.append(template)
        problems += check_template(template, instruments=instruments, icd_exists=complete_code)
    return loaded, problems


def _shipped() -> dict[str, Template]:
    """The shipped library; a broken file is the input's fault, reported like a check."""
    try:
        return builtin_templates()
    except TemplateFileError as exc:
        raise refuse(str(exc)) from exc


def _unknown(template_id: str, known: list[str]) -> str:
    """Name the ids that contain or look like what was typed, else all of them."""
    near = [key for key in known if template_id.lower() in key]
    near = near or difflib.get_close_matches(template_id, known, n=3, cutoff=0.5)
    if near:
        return f"unknown template {template_id!r}; did you mean {', '.join(near)}?"
    return f"unknown template {template_id!r}; known templates: {', '.join(known)}"
