"""Searching the library, and suggesting templates for a client with the reasons why."""

from __future__ import annotations

from dataclasses import replace

import pytest

from trellis.core.library import Template, order_for_client, rank_for_client, search_templates

from .helpers import minimal


def make(
    template_id: str,
    title: str,
    icd10: tuple[str, ...],
    keywords: tuple[str, ...],
    *,
    age_group: str = "adult",
    modality: str = "cbt",
    problem: str = "A problem",
) -> Template:
    base = minimal()
    problems = (replace(base.problems[0], title=problem, icd10=None),)
    return replace(
        base,
        id=template_id,
        title=title,
        summary=f"Summary of {title}.",
        icd10=icd10,
        keywords=keywords,
        age_group=age_group,
        modality=modality,
        problems=problems,
    )


GAD = make("gad", "Generalized anxiety", ("F41.1",), ("worry", "tension"))
PANIC = make("panic", "Panic disorder", ("F41.0",), ("panic", "attacks", "agoraphobia"))
TEEN_LOW_MOOD = make(
    "teen-mood",
    "Low mood in adolescents",
    ("F32.1", "F32.A"),
    ("depression", "sadness"),
    age_group="adolescent",
    modality="ba",
    problem="Withdrawal from friends",
)
SLEEP = make("sleep", "Insomnia", ("F51.01",), ("sleep", "night"), age_group="all")
OLD_GRIEF = make(
    "grief", "Prolonged grief", ("F43.81",), ("grief", "loss"), age_group="older_adult"
)
LIBRARY = (SLEEP, GAD, TEEN_LOW_MOOD, PANIC, OLD_GRIEF)


def ids(templates: list[Template]) -> list[str]:
    return [template.id for template in templates]


def test_no_filter_lists_everything_by_title() -> None:
    assert ids(search_templates(LIBRARY)) == ["gad", "sleep", "teen-mood", "panic", "grief"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("panic", ["panic"]),
        ("PAN", ["panic"]),  # a word's start, any case
        ("agoraphobia attacks", ["panic"]),  # every word must match
        ("worry sleep", []),
        ("summary", ["gad", "sleep", "teen-mood", "panic", "grief"]),
        ("withdrawal friends", ["teen-mood"]),  # problem titles
        ("f41", ["gad", "panic"]),  # codes
        ("F32.A", ["teen-mood"]),
        ("xyz", []),
    ],
)
def test_query_words(query: str, expected: list[str]) -> None:
    assert ids(search_templates(LIBRARY, query=query)) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("F41", ["gad", "panic"]),
        ("F41.0", ["panic"]),
        ("f410", ["panic"]),
        ("F4", ["gad", "panic", "grief"]),
        ("F42", []),
    ],
)
def test_icd10_exact_or_prefix(code: str, expected: list[str]) -> None:
    assert ids(search_templates(LIBRARY, icd10=code)) == expected


def test_age_group_filter_includes_templates_for_all_ages() -> None:
    assert ids(search_templates(LIBRARY, age_group="adolescent")) == ["sleep", "teen-mood"]
    assert ids(search_templates(LIBRARY, age_group="adult")) == ["gad", "sleep", "panic"]
    assert ids(search_templates(LIBRARY, age_group="all")) == ["sleep"]


def test_filters_combine() -> None:
    assert ids(search_templates(LIBRARY, modality="ba")) == ["teen-mood"]
    assert ids(search_templates(LIBRARY, modality="cbt", age_group="older_adult")) == [
        "sleep",
        "grief",
    ]
    assert ids(search_templates(LIBRARY, query="anxiety", icd10="F41.0")) == []


def test_exact_diagnosis_ranks_first_and_same_category_next() -> None:
    ranked = rank_for_client(
        LIBRARY, diagnoses=["F41.0"], presenting_problem="Panic attacks on the bus", age=30
    )
    assert [(t.id, score, reasons) for t, score, reasons in ranked] == [
        (
            "panic",
            12.5,
            ("diagnosis F41.0", "mentions 'panic'", "mentions 'attacks'", "for adults"),
        ),
        ("gad", 4.5, ("same category F41", "for adults")),
    ]


def test_diagnoses_are_matched_as_typed_and_counted_once() -> None:
    ranked = rank_for_client(LIBRARY, diagnoses=["f411", "F41.1"], presenting_problem="")
    template, score, reasons = ranked[0]
    assert (template.id, score, reasons) == ("gad", 10.0, ("diagnosis F41.1",))


def test_a_category_counts_once_and_not_beside_an_exact_match() -> None:
    ranked = rank_for_client(LIBRARY, diagnoses=["F41.1", "F41.9"], presenting_problem="")
    assert [(t.id, reasons) for t, _, reasons in ranked] == [
        ("gad", ("diagnosis F41.1",)),
        ("panic", ("same category F41",)),
    ]


def test_words_match_give_or_take_an_ending() -> None:
    ranked = rank_for_client(
        LIBRARY, diagnoses=[], presenting_problem="Worrying constantly, sleeping badly"
    )
    assert [(t.id, reasons) for t, _, reasons in ranked] == [
        ("gad", ("mentions 'worrying'",)),
        ("sleep", ("mentions 'sleeping'",)),
    ]


def test_common_words_and_short_stems_do_not_count() -> None:
    assert rank_for_client(LIBRARY, diagnoses=[], presenting_problem="the disorder") == []
    assert rank_for_client(LIBRARY, diagnoses=[], presenting_problem="ten") == []


def test_another_age_group_is_left_out() -> None:
    ranked = rank_for_client(
        LIBRARY, diagnoses=["F32.1"], presenting_problem="cannot sleep", age=40
    )
    assert [t.id for t, _, _ in ranked] == ["sleep"]
    teen = rank_for_client(LIBRARY, diagnoses=["F32.1"], presenting_problem="cannot sleep", age=15)
    assert [(t.id, reasons) for t, _, reasons in teen] == [
        ("teen-mood", ("diagnosis F32.1", "for adolescents")),
        ("sleep", ("mentions 'sleep'",)),
    ]


@pytest.mark.parametrize(
    ("age", "group"),
    [
        (12, "child"),
        (13, "adolescent"),
        (17, "adolescent"),
        (18, "adult"),
        (64, "adult"),
        (65, "older_adult"),
    ],
)
def test_age_group_boundaries(age: int, group: str) -> None:
    templates = [
        replace(GAD, id=g, age_group=g) for g in ("child", "adolescent", "adult", "older_adult")
    ]
    ranked = rank_for_client(templates, diagnoses=["F41.1"], presenting_problem="", age=age)
    assert [t.id for t, _, _ in ranked] == [group]


def test_an_exact_age_group_beats_all_ages_and_ties_go_by_title() -> None:
    for_all = replace(GAD, id="gad-all", title="Anxiety for everyone", age_group="all")
    ranked = rank_for_client([for_all, GAD], diagnoses=["F41.1"], presenting_problem="", age=30)
    assert [t.id for t, _, _ in ranked] == ["gad", "gad-all"]
    no_age = rank_for_client([GAD, for_all], diagnoses=["F41.1"], presenting_problem="")
    assert [t.id for t, _, _ in no_age] == ["gad-all", "gad"]


def test_limit() -> None:
    ranked = rank_for_client(LIBRARY, diagnoses=["F41.0"], presenting_problem="panic", limit=1)
    assert [t.id for t, _, _ in ranked] == ["panic"]


def test_search_results_for_a_client_open_on_the_best_fit() -> None:
    teen_gad = replace(GAD, id="teen-gad", title="Anxiety in adolescents", age_group="adolescent")
    found = [teen_gad, OLD_GRIEF, PANIC, GAD, SLEEP]
    adult = order_for_client(found, diagnoses=["F41.1"], presenting_problem="", age=27)
    # Fit first (the exact diagnosis, then the same category), then no evidence by title,
    # then the templates for another age group by title: nothing is dropped from a search.
    assert ids(adult) == ["gad", "panic", "sleep", "teen-gad", "grief"]
    teen = order_for_client(found, diagnoses=["F41.1"], presenting_problem="", age=15)
    assert ids(teen) == ["teen-gad", "sleep", "gad", "panic", "grief"]
    assert ids(order_for_client(found, diagnoses=[], presenting_problem="")) == ids(
        sorted(found, key=lambda t: t.title.lower())
    )
