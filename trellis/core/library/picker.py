"""The library's goals, objectives and interventions one by one, for adding a single item
to a plan being written: searchable, and ranked for the problem it will go under.

An item is found again by its template and its place there (``path``: problem, goal,
objective and intervention indexes), so what is listed and what is added are the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .schema import Template
from .search import _STOPWORDS, AGE_GROUP_LABELS, _compact, _fits_age, _same_word, _words

PICKABLE = ("goal", "objective", "intervention")
EXACT_CODE = 10.0
SAME_CATEGORY = 4.0
WORD = 1.0


@dataclass(frozen=True, slots=True)
class LibraryItem:
    """One goal, objective or intervention of a template, with what it is about."""

    kind: str
    template_id: str
    template_title: str
    path: tuple[int, ...]
    text: str
    problem_title: str
    codes: tuple[str, ...]
    modality: str = ""
    detail: str = ""  # an objective's deadline, an intervention's frequency
    source: str = ""
    age_group: str = "all"

    @property
    def ref(self) -> str:
        """'gad-adult-cbt:0.1.2', what a picker form posts back."""
        return f"{self.template_id}:{'.'.join(map(str, self.path))}"


def library_items(templates: Iterable[Template], kind: str) -> list[LibraryItem]:
    """Every item of ``kind`` in the templates, the same wording listed once."""
    if kind not in PICKABLE:
        raise ValueError(f"Only {', '.join(PICKABLE)} are picked from the library, not {kind!r}.")
    found: dict[tuple[str, str], LibraryItem] = {}
    for template in templates:
        for item in _items(template, kind):
            found.setdefault((item.text.casefold(), item.modality), item)
    return list(found.values())


def _items(template: Template, kind: str) -> Iterable[LibraryItem]:
    for p, problem in enumerate(template.problems):
        codes = (problem.icd10,) if problem.icd10 else template.icd10
        base = {
            "template_id": template.id,
            "template_title": template.title,
            "problem_title": problem.title,
            "codes": codes,
            "age_group": template.age_group,
        }
        for g, goal in enumerate(problem.goals):
            if kind == "goal":
                yield LibraryItem(kind, path=(p, g), text=goal.statement, **base)  # type: ignore[arg-type]
                continue
            for o, objective in enumerate(goal.objectives):
                if kind == "objective":
                    yield LibraryItem(
                        kind,
                        path=(p, g, o),
                        text=objective.statement,
                        detail=objective.deadline or "",
                        **base,  # type: ignore[arg-type]
                    )
                    continue
                for i, step in enumerate(objective.interventions):
                    yield LibraryItem(
                        kind,
                        path=(p, g, o, i),
                        text=step.description,
                        modality=step.modality,
                        detail=step.frequency,
                        source=step.source,
                        **base,  # type: ignore[arg-type]
                    )


def rank_items(
    items: Sequence[LibraryItem],
    *,
    query: str = "",
    codes: Sequence[str] = (),
    about: str = "",
    age: int | None = None,
) -> list[tuple[LibraryItem, tuple[str, ...]]]:
    """The items matching every word of ``query``, best first for a problem with these
    diagnosis ``codes`` and described by ``about`` (its title and definition), each with
    why it ranks where it does. Items from templates for another age group than the
    client's come after all others. Ties keep the library's order."""
    wanted = [w for w in _words(query) if w not in _STOPWORDS]
    context = [w for w in dict.fromkeys(_words(about)) if len(w) >= 3 and w not in _STOPWORDS]
    compact = [_compact(c) for c in codes]
    scored: list[tuple[bool, float, int, LibraryItem, tuple[str, ...]]] = []
    for order, item in enumerate(items):
        vocabulary = _words(f"{item.text} {item.problem_title} {item.template_title}")
        if not all(any(v.startswith(w) for v in vocabulary) for w in wanted):
            continue
        score, reasons = _fit(item, compact, context, vocabulary)
        other_age = not _fits_age(item.age_group, age)
        if other_age:
            reasons = (*reasons, AGE_GROUP_LABELS[item.age_group].replace("for", "written for", 1))
        scored.append((other_age, -score, order, item, reasons))
    scored.sort(key=lambda entry: entry[:3])
    return [(item, reasons) for *_, item, reasons in scored]


def _fit(
    item: LibraryItem, codes: Sequence[str], context: Sequence[str], vocabulary: Sequence[str]
) -> tuple[float, tuple[str, ...]]:
    score, reasons = 0.0, []
    mine = {_compact(c): c for c in item.codes}
    exact = [mine[c] for c in codes if c in mine]
    if exact:
        score += EXACT_CODE
        reasons.append(f"for {exact[0]}")
    elif any(c[:3] == m[:3] for c in codes for m in mine):
        score += SAME_CATEGORY
        reasons.append("same diagnosis category")
    words = [w for w in context if any(_same_word(w, v) for v in vocabulary)][:3]
    score += WORD * len(words)
    reasons += [f"mentions '{w}'" for w in words]
    return score, tuple(reasons)


def find_item(templates: dict[str, Template], ref: str) -> LibraryItem | None:
    """The item a picker posted back ('gad-adult-cbt:0.1.2'), or None if there is none."""
    template_id, _, raw = ref.partition(":")
    template = templates.get(template_id)
    try:
        path = tuple(int(part) for part in raw.split("."))
    except ValueError:
        return None
    if template is None or len(path) not in (2, 3, 4):
        return None
    kind = PICKABLE[len(path) - 2]
    return next((i for i in _items(template, kind) if i.path == path), None)
