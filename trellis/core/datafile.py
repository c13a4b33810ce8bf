"""Decode the text of a data file (YAML or JSON) without trusting it.

Templates and instruments are written by practices and pasted into forms, so their text
is input: a duplicate key would silently drop a field, a YAML alias can multiply a small
file into millions of nodes, and deep nesting exhausts Python's stack. Each of those is a
``DecodeError`` saying where, never a crash. No file we ship is nested half as deep as
``MAX_DEPTH``.
"""

from __future__ import annotations

import json

import yaml

MAX_DEPTH = 32


class DecodeError(ValueError):
    """The text cannot be decoded; ``where`` is a line (``"line 3"``) or empty."""

    def __init__(self, where: str, problem: str) -> None:
        self.where = where
        self.problem = problem
        super().__init__(f"{where}: {problem}" if where else problem)


class StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys (YAML keeps the last one) and aliases."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed: write the value out", event.start_mark
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[object, object]:
        seen: set[object] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


class _DuplicateKey(ValueError):
    """JSON would silently keep the last of two equal keys; we refuse them."""


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    found: dict[str, object] = {}
    for key, value in pairs:
        if key in found:
            raise _DuplicateKey(repr(key))
        found[key] = value
    return found


def decode_json(text: str | bytes) -> object:
    """JSON with unique keys and at most ``MAX_DEPTH`` levels of nesting."""
    try:
        data = json.loads(text, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as exc:
        raise DecodeError(f"line {exc.lineno}", f"not valid JSON ({exc.msg})") from exc
    except _DuplicateKey as exc:
        raise DecodeError("", f"not valid JSON (duplicate key {exc})") from exc
    except RecursionError as exc:
        raise DecodeError("", _too_deep("JSON")) from exc
    except UnicodeDecodeError as exc:
        raise DecodeError("", "not valid JSON (it is not UTF-8)") from exc
    _check_depth(data, "JSON")
    return data


def decode_yaml(text: str) -> object:
    """YAML (safe subset, no aliases) with unique keys and at most ``MAX_DEPTH`` levels."""
    try:
        data = yaml.load(text, Loader=StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise DecodeError(where, f"not valid YAML ({problem})") from exc
    except RecursionError as exc:
        raise DecodeError("", _too_deep("YAML")) from exc
    _check_depth(data, "YAML")
    return data


def decode(text: str, file: str) -> object:
    """JSON for ``.json`` files, YAML for everything else."""
    return decode_json(text) if file.endswith(".json") else decode_yaml(text)


def nesting_depth(data: object, limit: int = MAX_DEPTH) -> int:
    """How deeply lists and mappings nest (a scalar is 0), counted up to ``limit + 1``.

    Iterative, so that measuring a hostile structure cannot itself exhaust the stack."""
    deepest = 0
    stack: list[tuple[object, int]] = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children: list[object] = list(node.values())
        elif isinstance(node, list):
            children = node
        else:
            continue
        depth += 1
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        stack.extend((child, depth) for child in children)
    return deepest


def _check_depth(data: object, kind: str) -> None:
    if nesting_depth(data) > MAX_DEPTH:
        raise DecodeError("", _too_deep(kind))


def _too_deep(kind: str) -> str:
    return f"not accepted {kind}: nested more than {MAX_DEPTH} levels deep"
