"""The two ways measurement input goes wrong, each with a message a person can act on."""

from __future__ import annotations


class InstrumentFileError(ValueError):
    """An instrument definition is invalid.

    The message always names the file and the field path (``phq9.yaml: bands[2].max: ...``)
    so whoever maintains the file can go straight to the line to fix.
    """

    def __init__(self, file: str, path: str, problem: str) -> None:
        self.file = file
        self.path = path
        self.problem = problem
        where = f"{file}: {path}" if path else file
        super().__init__(f"{where}: {problem}")


class AnswerError(ValueError):
    """A set of answers cannot be scored: wrong count, value outside the options, or missing.

    Scoring never guesses: invalid answers never produce a score.
    """
