"""Note formats and the signed-content digest: plain functions, no database."""

from __future__ import annotations

import pytest

from trellis.progress import formats


def test_each_format_has_its_sections_in_order() -> None:
    names = {key: [s.name for s in formats.sections_of(key)] for key in formats.FORMATS}
    assert names == {
        "dap": ["data", "assessment", "plan"],
        "soap": ["subjective", "objective", "assessment", "plan"],
        "birp": ["behavior", "intervention", "response", "plan"],
    }


def test_the_rating_scale_has_words() -> None:
    assert formats.RATINGS == {
        1: "Worse",
        2: "No change",
        3: "Some progress",
        4: "Good progress",
        5: "Goal met",
    }


def test_clean_sections_orders_strips_and_fills_blanks() -> None:
    cleaned = formats.clean_sections("soap", {"plan": "  Next week. ", "subjective": "Tired"})
    assert cleaned == {
        "subjective": "Tired",
        "objective": "",
        "assessment": "",
        "plan": "Next week.",
    }
    assert list(cleaned) == ["subjective", "objective", "assessment", "plan"]


def test_a_section_of_another_format_is_refused() -> None:
    with pytest.raises(formats.SectionError, match="'behavior'"):
        formats.clean_sections("dap", {"behavior": "Calm"})


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(formats.SectionError, match="not a note format"):
        formats.sections_of("narrative")


def test_missing_sections_are_named_by_label() -> None:
    sections = {"data": "Walked twice", "assessment": " ", "plan": ""}
    assert formats.missing_sections("dap", sections) == ["Assessment", "Plan"]


def test_switching_format_loses_no_text() -> None:
    dap = {"data": "Walked twice.", "assessment": "Some gain.", "plan": "Keep going."}
    soap = formats.carry_sections("dap", dap, "soap")
    assert soap == {
        "subjective": "[Data] Walked twice.",
        "objective": "",
        "assessment": "Some gain.",
        "plan": "Keep going.",
    }


def test_the_digest_ignores_key_order_but_not_content() -> None:
    one = {"b": [1, "é"], "a": {"y": None, "x": "2"}}
    same = {"a": {"x": "2", "y": None}, "b": [1, "é"]}
    assert formats.content_hash(one) == formats.content_hash(same)
    assert len(formats.content_hash(one)) == 64
    assert formats.content_hash(one) != formats.content_hash({**one, "b": [1, "e"]})
    assert formats.canonical_json(same) == '{"a":{"x":"2","y":null},"b":[1,"é"]}'
