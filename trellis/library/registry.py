"""Which templates a practice sees: the shipped library and its own, by one kind of key.

Shipped templates are keyed by their id ("panic-disorder-cbt"); a practice's by
"practice-<hex>", so a practice's copy never shadows the original.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.http import Http404

from trellis.core.library import Template, builtin_templates, parse_template
from trellis.library.models import PracticeTemplate
from trellis.lookup import parse_uuid

PREFIX = "practice-"


@dataclass(frozen=True)
class Entry:
    key: str
    template: Template
    row: PracticeTemplate | None = None

    @property
    def is_practice(self) -> bool:
        return self.row is not None


def practice_entry(row: PracticeTemplate) -> Entry:
    template = parse_template({**row.content, "id": row.key}, f"{row.title} (practice template)")
    return Entry(row.key, template, row)


def templates_for(practice_id: UUID | None) -> dict[str, Entry]:
    found = {key: Entry(key, t) for key, t in builtin_templates().items()}
    if practice_id is not None:
        rows = PracticeTemplate.objects.filter(practice_id=practice_id, is_active=True)
        found.update({row.key: practice_entry(row) for row in rows})
    return found


def template_get(practice_id: UUID | None, key: str) -> Entry:
    if key.startswith(PREFIX):
        pk = parse_uuid(key.removeprefix(PREFIX))
        row = (
            PracticeTemplate.objects.filter(pk=pk, practice_id=practice_id, is_active=True).first()
            if pk and practice_id is not None
            else None
        )
        if row is None:
            raise Http404("No such template")
        return practice_entry(row)
    template = builtin_templates().get(key)
    if template is None:
        raise Http404("No such template")
    return Entry(key, template)
