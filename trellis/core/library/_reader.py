"""The measures reader (``Node``), raising ``TemplateFileError`` instead.

Templates and instruments are read the same way, so the reader is shared; only the
error type differs, which is what callers catch.
"""

from __future__ import annotations

from typing import NoReturn

from trellis.core.measures._reader import Node

from .errors import TemplateFileError


class TemplateNode(Node):
    """A value of a template file together with where it sits (``problems[0].title``)."""

    __slots__ = ()

    def fail(self, problem: str) -> NoReturn:
        """Stop loading with a message that points at this field."""
        raise TemplateFileError(self.file, self.path, problem)

    def child(self, key: str | int, value: object) -> TemplateNode:
        """The node for a key of a mapping or an index of a list."""
        if isinstance(key, int):
            return TemplateNode(value, f"{self.path}[{key}]", self.file)
        return TemplateNode(value, f"{self.path}.{key}" if self.path else key, self.file)
