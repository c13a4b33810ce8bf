"""Path-aware access to parsed JSON, so every error names file and field.

Our own instrument files are read by pydantic models (``file_model``); this reader is
for what those models do not describe: a FHIR Questionnaire (``fhir``), and the walk
that finds every number in a file and the ``source:`` that cites it (``loader``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NoReturn

from trellis.core.filefields import kind

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

    def fields(
        self, required: Iterable[str], optional: Iterable[str] = (), *, strict: bool = True
    ) -> dict[str, Node]:
        """A mapping's fields; unknown keys are refused (they are usually typos) when strict."""
        if not isinstance(self.value, Mapping):
            self.fail(f"must be a mapping of fields, not {kind(self.value)}")
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
            self.fail(f"must be a list, not {kind(self.value)}")
        if not self.value and not allow_empty:
            self.fail("must not be empty")
        return [self.child(index, value) for index, value in enumerate(self.value)]

    def text(self) -> str:
        """A non-empty string."""
        if not isinstance(self.value, str):
            hint = " (quote yes/no/on/off in YAML)" if isinstance(self.value, bool) else ""
            self.fail(f"must be text, not {kind(self.value)}{hint}")
        if not self.value.strip():
            self.fail("must not be empty")
        return self.value
