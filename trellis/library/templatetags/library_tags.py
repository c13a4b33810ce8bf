from django import template

from trellis.core.library import Template, TemplateTarget, words
from trellis.library.forms import AGE_LABELS

register = template.Library()


@register.filter
def age_label(value: str) -> str:
    return AGE_LABELS.get(value, value)


@register.filter
def dotted(prefix: str, index: int) -> str:
    """Selection keys of the apply form: 'p0', then 'p0.g1', then 'p0.g1.o2'."""
    return f"{prefix}{index}"


ADAPTATION_LABELS = {"child_teen": "Children and teens", "cultural": "Cultural adaptation"}


@register.filter
def adaptation_label(name: str) -> str:
    return ADAPTATION_LABELS.get(name, name.replace("_", " ").capitalize())


@register.filter
def modality_label(value: str) -> str:
    """A modality's words ('Psychoeducation'), never its key ('psychoeducation')."""
    return words.modality_label(value)


@register.filter
def target_words(target: TemplateTarget) -> str:
    """'GAD-7: 9 or below, within 16 weeks' rather than the file's 'at_or_below 9'."""
    return words.target_words(target)


@register.filter
def reference_number(template: Template, source: str) -> int | str:
    """The number of the reference an intervention rests on, in the template's list."""
    found = words.source_of(template, source)
    return found[0] if found else "?"


@register.filter
def citation(template: Template, source: str) -> str:
    """The full citation of the reference an intervention rests on."""
    found = words.source_of(template, source)
    return found[1].citation if found else ""


@register.filter
def lookup_template(templates: dict[str, Template], template_id: str) -> Template | None:
    return templates.get(template_id)
