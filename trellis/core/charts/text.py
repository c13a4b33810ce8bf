"""Text in a chart without measuring it: widths estimated from an average glyph width.

Charts are drawn without a font engine, so margins and legends are sized from the number
of characters; a generous average keeps common labels inside the room given them.
"""

from __future__ import annotations

FONT = "Helvetica, Arial, sans-serif"
CHAR_WIDTH = 0.56  # average glyph width in ems


def text_width(text: str, size: float) -> float:
    """The estimated width of ``text`` at ``size`` pixels."""
    return len(text) * size * CHAR_WIDTH


def fit(text: str, room: float, size: float) -> str:
    """Text cut with an ellipsis to fit ``room`` pixels (estimated)."""
    fits = int(room / (size * CHAR_WIDTH))
    return text if len(text) <= fits else text[: max(fits - 1, 1)].rstrip() + "\u2026"
