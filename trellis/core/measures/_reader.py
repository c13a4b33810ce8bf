"""Typed, path-aware access to parsed YAML/JSON, so every error names file and field."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import NoReturn

from .errors import InstrumentFileError


class Node:
    """A value from a data file together with where it sits (``bands[2].max``)."""

    __slots__ = ("file", "path", "value")

    def __init__(self, value: object, path: str, file: str) -> None:
        self.value = value
        self.path = path
        self.file = file

    def fail(self, problem: str) -> NoReturn:
        """Stop loading with a message that points at this field."""
        raise InstrumentFileError(self.file, self.path, problem)

    def child(self, key: str | int, value: object) -> Node:
        """The node for a key of a mapping or an index of a list."""
        if isinstance(key, int):
            return Node(value, f"{self.path}[{key}]", self.file)
        return Node(value, f"{self.path}.{key}" if self.path else key, self.file)

    @property
    def is_null(self) -> bool:
        """Whether the file left this field empty (``null`` or ``~``)."""
        return self.value is None

    def fields(
        self, required: Iterable[str], optional: Iterable[str] = (), *, strict: bool = True
    ) -> dict[str, Node]:
        """A mapping's fields; unknown keys are refused (they are usually typos) when strict."""
        if not isinstance(self.value, Mapping):
            self.fail(f"must be a mapping of fields, not {_kind(self.value)}")
        required = tuple(required)
        allowed = set(required) | set(optional)
        for key in self.value:
            if strict and (not isinstance(key, str) or key not in allowed):
                known = ", ".join(sorted(allowed))
                self.child(str(key), None).fail(f"unknown field (expected one of: {known})")
        for key in required:
            if key not in self.value:
                self.child(key, None).fail("is required")
        return {key: self.child(key, value) for key, value in self.value.items()}

    def entries(self, *, allow_empty: bool = False) -> list[Node]:
        """A list's elements."""
        if not isinstance(self.value, list):
            self.fail(f"must be a list, not {_kind(self.value)}")
        if not self.value and not allow_empty:
            self.fail("must not be empty")
        return [self.child(index, value) for index, value in enumerate(self.value)]

    def text(self) -> str:
        """A non-empty string."""
        if not isinstance(self.value, str):
            hint = " (quote yes/no/on/off in YAML)" if isinstance(self.value, bool) else ""
            self.fail(f"must be text, not {_kind(self.value)}{hint}")
        if not self.value.strip():
            self.fail("must not be empty")
        return self.value

    def texts(self) -> tuple[str, ...]:
        """One text or a list of them (``source: a`` or ``source: [a, b]``)."""
        if isinstance(self.value, list):
            return tuple(entry.text() for entry in self.entries())
        return (self.text(),)

    def integer(self) -> int:
        """A whole number."""
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            self.fail(f"must be a whole number, not {_kind(self.value)}")
        return self.value

    def number(self) -> float:
        """A finite number, whole or decimal."""
        value = self.value
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(f"must be a number, not {_kind(value)}")
        if not math.isfinite(value):
            self.fail("must be a finite number")
        return value

    def boolean(self) -> bool:
        """true or false."""
        if not isinstance(self.value, bool):
            self.fail(f"must be true or false, not {_kind(self.value)}")
        return self.value

    def choice(self, allowed: tuple[str, ...]) -> str:
        """One of a fixed set of words."""
        word = self.text()
        if word not in allowed:
            self.fail(f"must be one of {', '.join(allowed)}, not {word!r}")
        return word


def optional_text(fields: Mapping[str, Node], key: str) -> str | None:
    """A text field that may be absent or null."""
    node = fields.get(key)
    return None if node is None or node.is_null else node.text()


def optional_number(fields: Mapping[str, Node], key: str) -> float | None:
    """A number field that may be absent or null."""
    node = fields.get(key)
    return None if node is None or node.is_null else node.number()


def _kind(value: object) -> str:
    """How a wrong value reads in an error message."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"text {value!r}"
    return repr(value)
