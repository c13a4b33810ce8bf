"""Plan templates: load and validate the library, check it, search it, suggest from it.

Pure Python (no Django): the library app, the CLI and the tests all call these.

    load_template(path) / parse_template_text(text, file) / parse_template(data, file)
    builtin_templates()                       the shipped templates, keyed by id
    template_to_dict(template)                JSON-ready, in the file's own shape
    check_template(t, instruments=, icd_exists=) / check_library(...)   "file: path: problem"
    search_templates(templates, query=, icd10=, modality=, age_group=)
    rank_for_client(templates, diagnoses=, presenting_problem=, age=)   with reasons
    order_for_client(templates, diagnoses=, presenting_problem=, age=)  results, best fit first
"""

from .checks import check_library, check_template
from .errors import TemplateFileError
from .export import template_to_dict
from .loader import builtin_templates, load_template, parse_template, parse_template_text
from .schema import (
    AGE_GROUPS,
    MODALITIES,
    MODALITY_LABELS,
    MeasureSchedule,
    Reference,
    Template,
    TemplateGoal,
    TemplateIntervention,
    TemplateObjective,
    TemplateProblem,
    TemplateTarget,
)
from .search import order_for_client, rank_for_client, search_templates

__all__ = [
    "AGE_GROUPS",
    "MODALITIES",
    "MODALITY_LABELS",
    "MeasureSchedule",
    "Reference",
    "Template",
    "TemplateFileError",
    "TemplateGoal",
    "TemplateIntervention",
    "TemplateObjective",
    "TemplateProblem",
    "TemplateTarget",
    "builtin_templates",
    "check_library",
    "check_template",
    "load_template",
    "order_for_client",
    "parse_template",
    "parse_template_text",
    "rank_for_client",
    "search_templates",
    "template_to_dict",
]
