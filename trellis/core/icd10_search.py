"""Finding the ICD-10-CM code a clinician means from what they type.

A clinician types a complaint ("worry", "low mood"), a DSM name ("alcohol use
disorder"), an abbreviation ("ptsd") or a code ("F41.1"). Ranking by code order
buried the answer ("anxiety" listed twenty dementia codes before F41.1), so codes
are ranked by how well their title answers the query: every typed idea matched as
a whole word (or its stem, or a synonym) before mere word beginnings, the common
outpatient codes before rare ones, the title's head ("Generalized anxiety
disorder") before a qualifier ("Vascular dementia, mild, with anxiety"), then
shorter titles. Synonyms and the common codes are data
(``trellis/data/icd10cm/search_terms.yaml``), which says where they come from.

Only codes a diagnosis can record are offered by default: a category heading is
refused on save, so offering one would only set the clinician up to fail.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from types import MappingProxyType

from trellis.core.datafile import DecodeError, decode_yaml
from trellis.core.icd10 import Icd10Code, codes

TERMS_PATH = Path(__file__).resolve().parents[1] / "data" / "icd10cm" / "search_terms.yaml"

_WORD = re.compile(r"[a-z0-9]+")
# What a person types when they mean a code rather than words: F4, f41.1, F329.
_CODE_QUERY = re.compile(r"[A-Z][0-9][0-9A-Z.]*")
_CODE_EXPANSION = re.compile(r"[A-Z][0-9][0-9A-Z.]*")
# Words that carry no meaning on their own: never required to match.
_STOP_WORDS = frozenset({"a", "an", "the", "of", "and", "or", "for", "to", "in", "on", "due"})
# Longest first; a stem keeps at least four letters so "panic" stays "panic".
_SUFFIXES = (
    "ations",
    "ation",
    "ities",
    "ively",
    "ness",
    "ions",
    "ives",
    "ing",
    "ion",
    "ive",
    "ity",
    "ety",
    "ous",
    "ies",
    "ied",
    "ed",
    "es",
    "s",
    "al",
    "ic",
)
_MIN_STEM = 4
_MAX_KEY_WORDS = 4

# How well one typed idea matched a title: whole word, stem or synonym (strong), or
# only the beginning of a word (weak: the clinician may still be typing).
STRONG = 2
WEAK = 1


class SearchTermsError(ValueError):
    """The search-terms file is malformed; the message names the file and the key."""


@dataclass(frozen=True, slots=True)
class SearchTerms:
    """Synonyms (typed phrase -> phrases or codes it may mean) and the common codes,
    most common first."""

    synonyms: Mapping[tuple[str, ...], tuple[str, ...]]
    common: tuple[str, ...]

    def common_rank(self, code: str) -> int:
        """Higher for a more common code; 0 for one not in the list."""
        return _common_ranks(self.common).get(code, 0)


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The best ``matches`` (at most the limit) of ``total`` codes that matched.

    ``partial``: no code matched every word typed, so these match the most of them
    ("excessive worry" still finds generalized anxiety disorder).
    """

    query: str
    matches: tuple[Icd10Code, ...]
    total: int
    partial: bool = False

    @property
    def truncated(self) -> bool:
        return self.total > len(self.matches)


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A crude stem so depression, depressive and depressed meet at "depress"."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=8192)
def words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text.lower()))


def load_terms(path: Path | None = None) -> SearchTerms:
    """Read and validate the search-terms file."""
    path = TERMS_PATH if path is None else path
    try:
        data = decode_yaml(path.read_text(encoding="utf-8"))
    except DecodeError as error:
        raise SearchTermsError(f"{path}: {error}") from None
    if not isinstance(data, dict) or set(data) != {"synonyms", "common"}:
        raise SearchTermsError(f"{path}: expected exactly the keys 'synonyms' and 'common'")
    return SearchTerms(
        synonyms=MappingProxyType(_synonyms(data["synonyms"], path)),
        common=_common(data["common"], path),
    )


def _synonyms(raw: object, path: Path) -> dict[tuple[str, ...], tuple[str, ...]]:
    if not isinstance(raw, dict):
        raise SearchTermsError(f"{path}: synonyms: expected a mapping of phrase to list")
    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    for key, expansions in raw.items():
        where = f"{path}: synonyms.{key}"
        if not isinstance(key, str) or " ".join(words(key)) != key:
            raise SearchTermsError(f"{where}: a key is lower-case words separated by spaces")
        if len(words(key)) > _MAX_KEY_WORDS:
            raise SearchTermsError(f"{where}: at most {_MAX_KEY_WORDS} words")
        if not isinstance(expansions, list) or not expansions:
            raise SearchTermsError(f"{where}: expected a non-empty list of phrases or codes")
        for expansion in expansions:
            if not isinstance(expansion, str) or not expansion.strip():
                raise SearchTermsError(f"{where}: {expansion!r} is not a phrase or a code")
        table[words(key)] = tuple(expansions)
    return table


def _common(raw: object, path: Path) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(code, str) for code in raw):
        raise SearchTermsError(f"{path}: common: expected a list of codes")
    seen: set[str] = set()
    for code in raw:
        if not _CODE_EXPANSION.fullmatch(code):
            raise SearchTermsError(f"{path}: common: {code!r} is not an ICD-10-CM code")
        if code in seen:
            raise SearchTermsError(f"{path}: common: {code} is listed twice")
        seen.add(code)
    return tuple(raw)


@cache
def _common_ranks(common: tuple[str, ...]) -> Mapping[str, int]:
    return {code: len(common) - index for index, code in enumerate(common)}


@cache
def terms() -> SearchTerms:
    """The shipped search terms, read once per process."""
    return load_terms()


def search(
    query: str,
    limit: int = 25,
    *,
    table: Mapping[str, Icd10Code] | None = None,
    search_terms: SearchTerms | None = None,
    billable_only: bool = True,
) -> SearchResult:
    """The codes that answer the query, best first, and how many matched in all."""
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")
    table = codes() if table is None else table
    search_terms = terms() if search_terms is None else search_terms
    entries = [entry for entry in table.values() if entry.billable or not billable_only]
    ranked = _by_code(query, entries)
    partial = False
    if not ranked:
        ranked, partial = _by_words(query, entries, search_terms)
    return SearchResult(
        query=query, matches=tuple(ranked[:limit]), total=len(ranked), partial=partial
    )


def _by_code(query: str, entries: Sequence[Icd10Code]) -> list[Icd10Code]:
    typed = query.strip().upper()
    if not _CODE_QUERY.fullmatch(typed):
        return []
    prefix = _compact(typed)
    found = [entry for entry in entries if _compact(entry.code).startswith(prefix)]
    # The code typed first, then its subcodes in code order.
    return sorted(found, key=lambda entry: (len(_compact(entry.code)), entry.code))


def _compact(code: str) -> str:
    return re.sub(r"[\s.]", "", code).upper()


# One idea typed: its own words (all must match) or any of its synonyms.
type _Concept = tuple[tuple[str, ...], tuple[str, ...]]


def concepts(query: str, search_terms: SearchTerms) -> list[_Concept]:
    """The query cut into ideas, longest synonym phrase first (so "low mood" is one)."""
    typed = words(query)
    found: list[_Concept] = []
    start = 0
    while start < len(typed):
        for size in range(min(_MAX_KEY_WORDS, len(typed) - start), 0, -1):
            key = typed[start : start + size]
            if key in search_terms.synonyms:
                found.append((_meaningful(key), search_terms.synonyms[key]))
                start += size
                break
        else:
            if typed[start] not in _STOP_WORDS:
                found.append(((typed[start],), ()))
            start += 1
    return [concept for concept in found if concept[0] or concept[1]]


def _meaningful(key: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(word for word in key if word not in _STOP_WORDS)


@dataclass(frozen=True, slots=True)
class _Title:
    """A code's title as words, where each word and stem first appears, and how many
    words its head (before the first comma) has."""

    words: tuple[str, ...]
    first: Mapping[str, int]
    head: int

    @classmethod
    def of(cls, description: str) -> _Title:
        head, _, _ = description.partition(",")
        all_words = words(description)
        first: dict[str, int] = {}
        for index, word in enumerate(all_words):
            first.setdefault(word, index)
            first.setdefault("~" + stem(word), index)
        return cls(all_words, first, len(words(head)))


@cache
def _title(description: str) -> _Title:
    return _Title.of(description)


def _word_match(word: str, title: _Title, prefix: bool) -> tuple[int, bool]:
    """(quality, in the head) of one word against a title; quality 0 is no match.

    A whole word or the same stem is strong; with ``prefix``, the start of a title word
    (the clinician may still be typing) is weak."""
    index = min(
        title.first.get(word, len(title.words)), title.first.get("~" + stem(word), len(title.words))
    )
    if index < len(title.words):
        return STRONG, index < title.head
    if prefix:
        for index, other in enumerate(title.words):
            if other.startswith(word):
                return WEAK, index < title.head
    return 0, False


def _phrase_match(phrase: Iterable[str], title: _Title, prefix: bool) -> tuple[int, bool]:
    """Every word of the phrase must match; the phrase is as good as its worst word."""
    results = []
    for word in phrase:
        if word in _STOP_WORDS:
            continue
        quality, head = _word_match(word, title, prefix)
        if not quality:
            return 0, False
        results.append((quality, head))
    if not results:
        return 0, False
    return min(quality for quality, _ in results), any(head for _, head in results)


def _concept_match(concept: _Concept, entry: Icd10Code, title: _Title) -> tuple[int, bool]:
    """The typed words may be word beginnings; a synonym's words must be whole."""
    own, synonyms = concept
    best = _phrase_match(own, title, prefix=True) if own else (0, False)
    for expansion in synonyms:
        if _CODE_EXPANSION.fullmatch(expansion):
            if _compact(entry.code).startswith(_compact(expansion)):
                best = max(best, (STRONG, True))
        else:
            best = max(best, _phrase_match(words(expansion), title, prefix=False))
    return best


def _by_words(
    query: str, entries: Sequence[Icd10Code], search_terms: SearchTerms
) -> tuple[list[Icd10Code], bool]:
    """Codes matching every idea typed; failing that, those matching the most ideas
    (at least one, as a whole word), flagged as partial."""
    ideas = concepts(query, search_terms)
    if not ideas:
        return [], False
    scored = []
    for order, entry in enumerate(entries):
        matched, key = _score(ideas, entry, search_terms)
        if matched:
            scored.append((matched, key, order, entry))
    if not scored:
        return [], False
    most = max(matched for matched, _, _, _ in scored)
    best = sorted((key, order, entry) for matched, key, order, entry in scored if matched == most)
    return [entry for _, _, entry in best], most < len(ideas)


def _score(
    ideas: Sequence[_Concept], entry: Icd10Code, search_terms: SearchTerms
) -> tuple[int, tuple[int, int, int, int]]:
    """How many ideas the code matches, and a sort key among codes matching as many
    (smaller first). A partial match counts only ideas matched as whole words."""
    title = _title(entry.description)
    matches = [_concept_match(idea, entry, title) for idea in ideas]
    found = [(quality, head) for quality, head in matches if quality]
    if len(found) < len(ideas):
        found = [(quality, head) for quality, head in found if quality == STRONG]
    if not found:
        return 0, (0, 0, 0, 0)
    weakest = min(quality for quality, _ in found)
    heads = sum(1 for _, head in found if head)
    key = (-weakest, -search_terms.common_rank(entry.code), -heads, len(title.words))
    return len(found), key
