"""Finding a template: a clinician's search box and filters, and suggestions for a client.

Both are plain word and code matching, deterministic and explained: a suggestion says
why it was made ("diagnosis F41.1", "mentions 'worry'"), so a clinician can judge it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .schema import Template

# A word, or a dotted code kept whole (f41.1), as typed in lower case.
_WORD = re.compile(r"[a-z0-9]+(?:\.[a-z0-9]+)*")
# Words of a presenting problem that say nothing about which template fits.
_STOPWORDS = frozenset(
    (
        *("the", "and", "for", "with", "has", "have", "had", "been", "was", "were", "are"),
        *("not", "but", "her", "his", "him", "she", "they", "them", "their", "this", "that"),
        *("from", "into", "about", "very", "more", "most", "some", "since", "after", "over"),
        *("feel", "feels", "feeling", "client", "reports", "reported", "problem", "problems"),
        *("disorder", "disorders", "adult", "adults", "child", "children", "treatment"),
        *("can", "all", "any", "out", "who", "now", "one", "two", "day", "days", "get", "got"),
        *("due", "per", "off", "too", "also", "just", "when", "what", "which", "while", "does"),
        *("did", "doing", "than", "then", "there", "these", "those", "will", "would", "could"),
        *("should", "being", "because", "each", "other", "only", "much", "many", "like"),
        *("years", "year", "old", "weeks", "week", "months", "month", "time", "times", "lot"),
        *("recently", "currently", "presents", "presenting", "describes", "states", "says"),
    )
)
# Shorter words ("a", "i", "to", "of") never explain a suggestion; three-letter names of
# conditions (OCD) are kept.
_MIN_REASON_WORD = 3
_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))
_MIN_STEM = 4  # shorter words must match whole: "car" is not "care"

# How much each kind of evidence weighs in a suggestion (see ``rank_for_client``).
EXACT_CODE = 10.0
PRIMARY = 5.0  # on top of EXACT_CODE or SAME_CATEGORY: the primary diagnosis leads
SAME_CATEGORY = 4.0
WORD = 1.0
MAX_WORDS = 3
AGE_FIT = 0.5
AGE_GROUP_RANGES = {
    "child": (0, 12),
    "adolescent": (13, 17),
    "adult": (18, 64),
    "older_adult": (65, 200),
}
AGE_GROUP_LABELS = {
    "child": "for children",
    "adolescent": "for adolescents",
    "adult": "for adults",
    "older_adult": "for older adults",
}


def search_templates(
    templates: Iterable[Template],
    *,
    query: str = "",
    icd10: str = "",
    modality: str = "",
    age_group: str = "",
) -> list[Template]:
    """Templates matching every given filter, sorted by title.

    ``query``: each word must start a word of the title, summary, keywords, problem titles
    or codes ("panic", "anx", "f41"). ``icd10``: a code or its start ("F41" finds F41.0 and
    F41.1; the dot may be left out). ``age_group``: templates for that group or for all.
    """
    words = _words(query)
    code = _compact(icd10)
    found = [
        template
        for template in templates
        if _matches_query(template, words)
        and (not code or any(_compact(c).startswith(code) for c in template.icd10))
        and (not modality or template.modality == modality)
        and (not age_group or template.age_group in (age_group, "all"))
    ]
    return sorted(found, key=_by_title)


def rank_for_client(
    templates: Iterable[Template],
    *,
    diagnoses: Sequence[str],
    presenting_problem: str,
    age: int | None = None,
    limit: int = 5,
    primary: str | None = None,
) -> list[tuple[Template, float, tuple[str, ...]]]:
    """The templates that best fit a client, best first, each with its score and reasons.

    A diagnosis code the template lists weighs most, one of the same category (first three
    characters) less, and each word of the presenting problem found among the template's
    keywords or title a little (at most three). A template for another age group than the
    client's is left out; one for exactly the client's group gains a little over one for
    all ages. A match on the ``primary`` diagnosis (exact or same category) weighs more, so
    templates for it come first. Only templates with some evidence are returned; ties go by
    title. Stop-words and words under three letters are never counted.
    """
    problem_words = _distinct(w for w in _words(presenting_problem) if _tells(w))
    ranked: list[tuple[Template, float, tuple[str, ...]]] = []
    for template in templates:
        if not _fits_age(template, age):
            continue
        fit = _Fit()
        _score_codes(fit, template, diagnoses, primary)
        _score_words(fit, template, problem_words)
        if fit.score <= 0:
            continue
        if age is not None and template.age_group != "all":
            fit.add(AGE_FIT, AGE_GROUP_LABELS[template.age_group])
        ranked.append((template, fit.score, tuple(fit.reasons)))
    ranked.sort(key=lambda entry: (-entry[1], *_by_title(entry[0])))
    return ranked[: max(limit, 0)]


def order_for_client(
    templates: Iterable[Template],
    *,
    diagnoses: Sequence[str],
    presenting_problem: str,
    age: int | None = None,
    primary: str | None = None,
) -> list[Template]:
    """Search results for a client, best fit first: templates for the client's age group by
    the score of ``rank_for_client`` (then title), and those for another age group last, so
    a search for "generalized anxiety" for an adult does not open on the adolescent one."""
    templates = list(templates)
    ranked = rank_for_client(
        templates,
        diagnoses=diagnoses,
        presenting_problem=presenting_problem,
        age=age,
        limit=len(templates),
        primary=primary,
    )
    scores = {id(template): score for template, score, _ in ranked}
    return sorted(
        templates,
        key=lambda t: (not _fits_age(t, age), -scores.get(id(t), 0.0), *_by_title(t)),
    )


@dataclass(slots=True)
class _Fit:
    """The evidence gathered for one template."""

    score: float = 0.0
    reasons: list[str] = field(default_factory=list)

    def add(self, weight: float, reason: str) -> None:
        self.score += weight
        self.reasons.append(reason)


def _score_codes(
    fit: _Fit, template: Template, diagnoses: Sequence[str], primary: str | None
) -> None:
    """Exact codes first; a category counts once, and only if no code in it matched."""
    codes = {_compact(code): code for code in template.icd10}
    categories = {code[:3] for code in codes}
    lead = _compact(primary) if primary else None
    exact: set[str] = set()
    near: dict[str, bool] = {}
    for diagnosis in diagnoses:
        wanted = _compact(diagnosis)
        if wanted in codes and wanted not in exact:
            if wanted == lead:
                fit.add(EXACT_CODE + PRIMARY, f"primary diagnosis {codes[wanted]}")
            else:
                fit.add(EXACT_CODE, f"diagnosis {codes[wanted]}")
            exact.add(wanted)
        elif wanted[:3] in categories:
            near[wanted[:3]] = near.get(wanted[:3], False) or wanted == lead
    for category, is_primary in near.items():
        if all(code[:3] != category for code in exact):
            if is_primary:
                fit.add(
                    SAME_CATEGORY + PRIMARY, f"same category as the primary diagnosis ({category})"
                )
            else:
                fit.add(SAME_CATEGORY, f"same category {category}")


def _tells(word: str) -> bool:
    """Whether a word of the presenting problem may explain a suggestion."""
    return len(word) >= _MIN_REASON_WORD and not word.isdigit() and word not in _STOPWORDS


def _score_words(fit: _Fit, template: Template, problem_words: list[str]) -> None:
    """Words of the presenting problem among the template's keywords and title."""
    vocabulary = _distinct(w for text in (template.title, *template.keywords) for w in _words(text))
    found = 0
    for word in problem_words:
        if found == MAX_WORDS:
            break
        if any(_same_word(word, other) for other in vocabulary):
            fit.add(WORD, f"mentions '{word}'")
            found += 1


def _fits_age(template: Template | str, age: int | None) -> bool:
    group = template if isinstance(template, str) else template.age_group
    if age is None or group == "all":
        return True
    low, high = AGE_GROUP_RANGES[group]
    return low <= age <= high


def _search_words(template: Template) -> list[str]:
    texts = (
        template.title,
        template.summary,
        *template.keywords,
        *(problem.title for problem in template.problems),
        *template.icd10,
    )
    return [word for text in texts for word in _words(text)]


def _matches_query(template: Template, words: list[str]) -> bool:
    """Every word of the query starts some word of the template."""
    if not words:
        return True
    vocabulary = _search_words(template)
    return all(any(other.startswith(word) for other in vocabulary) for word in words)


def _same_word(a: str, b: str) -> bool:
    """The same word, give or take an ending: worries/worry, panicking/panic."""
    a, b = _stem(a), _stem(b)
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    return len(shorter) >= _MIN_STEM and longer.startswith(shorter)


def _stem(word: str) -> str:
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + replacement
    return word


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _distinct(words: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(words))


def _compact(code: str) -> str:
    """F41.1, f411 and ' F41.1 ' all compare as F411."""
    return re.sub(r"[\s.]", "", code).upper()


def _by_title(template: Template) -> tuple[str, str]:
    return template.title.casefold(), template.id
