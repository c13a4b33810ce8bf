"""The one way a template goes wrong on load: a message naming the file and the field."""

from __future__ import annotations


class TemplateFileError(ValueError):
    """A template file is invalid.

    The message always names the file and the field path
    (``gad-adult-cbt.yaml: problems[0].goals[1].objectives[2].deadline: ...``) so whoever
    writes the template can go straight to the line to fix.
    """

    def __init__(self, file: str, path: str, problem: str) -> None:
        self.file = file
        self.path = path
        self.problem = problem
        where = f"{file}: {path}" if path else file
        super().__init__(f"{where}: {problem}")
