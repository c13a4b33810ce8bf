"""A template's parts in the clinician's words: the modality's name, a target as a
sentence, and a source's full citation, never the file's internal keys."""

from __future__ import annotations

from trellis.core.planning import TargetSpec, describe_target

from .schema import MODALITY_LABELS, Reference, Template, TemplateTarget


def modality_label(modality: str) -> str:
    """'Cognitive behavioral therapy (CBT)' for 'cbt'; an unknown key shown as words."""
    return MODALITY_LABELS.get(modality) or modality.replace("_", " ").capitalize()


def target_words(target: TemplateTarget) -> str:
    """'GAD-7: 9 or below, within 16 weeks' (the deadline stays relative in a template)."""
    spec = TargetSpec(
        instrument=target.instrument,
        subscale=target.subscale,
        kind=target.kind,  # type: ignore[arg-type]
        value=target.value,
        deadline=None,
    )
    text = describe_target(spec)
    return f"{text}, {target.deadline}" if target.deadline else text


def source_of(template: Template, source: str) -> tuple[int, Reference] | None:
    """The reference an intervention rests on and its number in the template's list."""
    for number, reference in enumerate(template.references, start=1):
        if reference.id == source:
            return number, reference
    return None
