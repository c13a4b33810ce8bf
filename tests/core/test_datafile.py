"""Hostile data-file text (templates, instruments) is refused with a message, never a crash:
deep nesting (issue 13 item 6), YAML aliases, duplicate keys."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trellis.core.datafile import MAX_DEPTH, DecodeError, decode, nesting_depth
from trellis.core.library.errors import TemplateFileError
from trellis.core.library.loader import parse_template_text
from trellis.core.measures.errors import InstrumentFileError
from trellis.core.measures.loader import parse_text

DEEP = {
    "YAML flow, past the stack": ("t.yaml", "a: " + "[" * 5000 + "]" * 5000),
    "YAML block, past the stack": (
        "t.yaml",
        "a:\n" + "".join(" " * i + "-\n" for i in range(1, 3000)),
    ),
    "JSON, past the stack": ("t.json", "[" * 100_000 + "]" * 100_000),
    "YAML, under the stack but too deep": ("t.yaml", "a: " + "[" * 40 + "]" * 40),
    "JSON, under the stack but too deep": ("t.json", '{"a": ' + "[" * 40 + "]" * 40 + "}"),
}


@pytest.mark.parametrize("case", sorted(DEEP))
@pytest.mark.parametrize(
    ("parse", "error"),
    [(parse_template_text, TemplateFileError), (parse_text, InstrumentFileError)],
    ids=["template", "instrument"],
)
def test_deep_nesting_is_refused_naming_the_file(case, parse, error) -> None:
    file, text = DEEP[case]
    with pytest.raises(error) as caught:
        parse(text, file)
    assert str(caught.value) == (
        f"{file}: not accepted {'JSON' if file.endswith('json') else 'YAML'}: "
        f"nested more than {MAX_DEPTH} levels deep"
    )


def test_nesting_up_to_the_limit_decodes() -> None:
    text = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert nesting_depth(decode(text, "t.json")) == MAX_DEPTH
    with pytest.raises(DecodeError):
        decode("[" + text + "]", "t.json")


def test_yaml_aliases_are_refused_with_their_line() -> None:
    laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
    )
    with pytest.raises(TemplateFileError) as caught:
        parse_template_text(laughs, "laughs.yaml")
    assert str(caught.value) == (
        "laughs.yaml: line 2: not valid YAML (aliases (*name) are not allowed: write the value out)"
    )


def test_duplicate_json_keys_are_refused_for_instruments_too() -> None:
    with pytest.raises(InstrumentFileError, match="duplicate key 'id'"):
        parse_text('{"id": "A", "id": "B"}', "dup.json")


@given(st.recursive(st.integers() | st.text(max_size=3), lambda c: st.lists(c, max_size=3)))
def test_nesting_depth_matches_a_recursive_count(data) -> None:
    def depth(node: object) -> int:
        if isinstance(node, list):
            return 1 + max((depth(child) for child in node), default=0)
        return 0

    assert nesting_depth(data, limit=10_000) == depth(data)
    assert nesting_depth(json.loads(json.dumps({"k": data})), limit=10_000) == depth(data) + 1
