from django import template

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
