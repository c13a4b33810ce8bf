"""Diagnosis search: what a clinician types finds the code they mean, best first."""

from pathlib import Path

import pytest

from trellis.core.icd10 import Icd10Code, codes
from trellis.core.icd10_search import (
    SearchTerms,
    SearchTermsError,
    _phrase_match,
    _title,
    concepts,
    load_terms,
    search,
    stem,
    terms,
    words,
)

EMPTY_TERMS = SearchTerms(synonyms={}, common=())


def found(query: str, limit: int = 25, **kwargs: object) -> list[str]:
    return [entry.code for entry in search(query, limit, **kwargs).matches]  # type: ignore[arg-type]


def test_anxiety_puts_generalized_anxiety_first_not_dementia() -> None:
    top = found("anxiety", 5)
    assert top[0] == "F41.1"
    assert "F41.9" in top
    assert not any(code.startswith(("F01", "F02", "F03")) for code in top)


def test_depression_finds_major_depressive_disorder_by_its_stem() -> None:
    top = found("depression", 10)
    assert top[0] == "F32.A"
    assert any(code.startswith("F32.") and code != "F32.A" for code in top)
    assert any(code.startswith("F33.") for code in top)


@pytest.mark.parametrize(
    ("word", "expected"),
    [("depression", "depress"), ("depressive", "depress"), ("depressed", "depress")],
)
def test_stems_meet(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_short_words_are_not_cut() -> None:
    assert stem("panic") == "panic"
    assert stem("mood") == "mood"


def test_plain_complaints_find_a_disorder_through_synonyms() -> None:
    assert found("worry", 5)[0] == "F41.1"
    assert "F32.A" in found("low mood", 5)


def test_a_phrase_synonym_is_one_idea() -> None:
    ideas = concepts("low mood", terms())
    assert len(ideas) == 1
    assert "depressive" in ideas[0][1]


def test_whole_word_before_word_start() -> None:
    table = {
        "F01.1": Icd10Code("F01.1", "Panicky feeling", True),
        "F41.0": Icd10Code("F41.0", "Panic disorder", True),
    }
    assert found("panic", table=table, search_terms=EMPTY_TERMS) == ["F41.0", "F01.1"]


def test_title_head_before_a_qualifier_and_shorter_titles_first() -> None:
    table = {
        "F01.54": Icd10Code(
            "F01.54", "Vascular dementia, unspecified severity, with anxiety", True
        ),
        "F06.4": Icd10Code("F06.4", "Anxiety disorder due to known physiological condition", True),
        "F41.9": Icd10Code("F41.9", "Anxiety disorder, unspecified", True),
    }
    assert found("anxiety", table=table, search_terms=EMPTY_TERMS) == ["F41.9", "F06.4", "F01.54"]


def test_common_codes_come_before_rare_equals() -> None:
    table = {
        "F41.8": Icd10Code("F41.8", "Other specified anxiety disorders", True),
        "F41.1": Icd10Code("F41.1", "Generalized anxiety disorder", True),
    }
    common = SearchTerms(synonyms={}, common=("F41.1",))
    assert found("anxiety", table=table, search_terms=common) == ["F41.1", "F41.8"]
    assert found("anxiety", table=table, search_terms=EMPTY_TERMS) == ["F41.1", "F41.8"]
    rare_first = SearchTerms(synonyms={}, common=("F41.8",))
    assert found("anxiety", table=table, search_terms=rare_first) == ["F41.8", "F41.1"]


def test_category_headings_are_never_offered() -> None:
    for query in ("depression", "F32", "ptsd", "F43.1", "binge eating"):
        result = search(query, 100)
        assert result.matches, query
        assert all(entry.billable for entry in result.matches), query


def test_headings_can_be_asked_for() -> None:
    assert "F32" in found("F32", 50, billable_only=False)


def test_code_query_lists_the_code_then_its_subcodes() -> None:
    assert found("F41") == ["F41.0", "F41.1", "F41.3", "F41.8", "F41.9"]
    assert found("f411") == ["F41.1"]
    assert found("F43.1") == ["F43.10", "F43.11", "F43.12"]


def test_total_counts_every_match_beyond_the_limit() -> None:
    result = search("disorder", 25)
    assert len(result.matches) == 25
    assert result.total > 25
    assert result.truncated


def test_every_typed_idea_must_match() -> None:
    top = found("major depressive recurrent", 50)
    assert top and all(code.startswith("F33") for code in top)
    assert found("ptsd chronic") == ["F43.12"]


def test_no_code_with_every_word_falls_back_to_the_most_words() -> None:
    result = search("excessive worry", 5)
    assert result.partial
    assert result.matches[0].code == "F41.1"


@pytest.mark.parametrize("query", ["", "   ", "--", "zzzzqqq", "of the"])
def test_no_match_is_empty(query: str) -> None:
    result = search(query)
    assert result.matches == () and result.total == 0 and not result.partial


def test_limit_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="limit"):
        search("anxiety", limit=0)


def test_every_synonym_finds_a_shipped_billable_code_by_whole_words() -> None:
    billable = [entry for entry in codes().values() if entry.billable]
    for key, expansions in terms().synonyms.items():
        for expansion in expansions:
            if expansion[:1].isupper():
                code = expansion.replace(".", "")
                hit = any(e.code.replace(".", "").startswith(code) for e in billable)
            else:
                phrase = words(expansion)
                hit = any(
                    _phrase_match(phrase, _title(e.description), prefix=False)[0] for e in billable
                )
            assert hit, (key, expansion)


def test_every_common_code_is_a_shipped_billable_code() -> None:
    for code in terms().common:
        assert code in codes() and codes()[code].billable, code


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "terms.yaml"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("synonyms: {}\n", "exactly the keys"),
        ("synonyms: {Worry: [anxiety]}\ncommon: []\n", "synonyms.Worry: a key is lower-case"),
        ("synonyms: {worry: []}\ncommon: []\n", "synonyms.worry: expected a non-empty list"),
        ("synonyms: {}\ncommon: [f41.1]\n", "'f41.1' is not an ICD-10-CM code"),
        ("synonyms: {}\ncommon: [F41.1, F41.1]\n", "F41.1 is listed twice"),
        ("synonyms: {a: [b]}\nsynonyms: {}\ncommon: []\n", "duplicate key"),
    ],
)
def test_broken_terms_file_names_file_and_key(tmp_path: Path, body: str, problem: str) -> None:
    path = write(tmp_path, body)
    with pytest.raises(SearchTermsError) as raised:
        load_terms(path)
    assert str(path) in str(raised.value)
    assert problem in str(raised.value)


def test_shipped_terms_file_says_where_its_choices_come_from() -> None:
    text = (
        Path(load_terms.__code__.co_filename)
        .parents[1]
        .joinpath("data", "icd10cm", "search_terms.yaml")
        .read_text()
    )
    assert "Where the choices come from" in text
    assert "MH-CLD" in text and "DSM-5-TR" in text
