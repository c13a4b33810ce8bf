"""Just enough SVG markup: escaped text, compact numbers and one-line elements.

Output is deterministic: attributes keep the order they are given in, coordinates are
rounded to one decimal and numbers never carry trailing zeros, so the same chart always
renders to the same bytes (cacheable, diffable, testable).
"""

from __future__ import annotations

import math
import re

# Characters XML 1.0 forbids even when escaped; user text could carry them (pasted labels).
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

Attribute = str | int | float


def escape(text: str) -> str:
    """Text safe inside an element or a double-quoted attribute."""
    text = _FORBIDDEN.sub("", text)
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def coord(value: float) -> str:
    """A coordinate rounded to one decimal: ``12``, ``12.5``, never ``-0``."""
    rounded = round(value, 1) + 0.0  # + 0.0 turns -0.0 into 0.0
    return number(rounded, decimals=1)


def number(value: float, *, decimals: int = 2) -> str:
    """A value as people write it: ``14`` not ``14.000000``, ``2.5`` not ``2.50``."""
    if not math.isfinite(value):
        raise ValueError(f"cannot draw a non-finite number: {value!r}")
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def tag(name: str, *children: str, text: str | None = None, **attributes: Attribute) -> str:
    """One element; ``stroke_width=1`` becomes ``stroke-width="1"``; text is escaped.

    Children are markup already built with ``tag`` and go in unchanged.
    """
    body = (escape(text) if text is not None else "") + "".join(children)
    return _element(name, attributes, body)


def group(children: list[str], **attributes: Attribute) -> str:
    """A ``<g>`` with one child per line, so the output reads and diffs well."""
    return _element("g", attributes, "".join(f"\n{child}" for child in children) + "\n")


def _element(name: str, attributes: dict[str, Attribute], body: str) -> str:
    rendered = "".join(
        f' {_attribute_name(key)}="{_attribute_value(value)}"' for key, value in attributes.items()
    )
    if not body.strip():
        return f"<{name}{rendered}/>"
    return f"<{name}{rendered}>{body}</{name}>"


def _attribute_name(key: str) -> str:
    return key.rstrip("_").replace("_", "-")


def _attribute_value(value: Attribute) -> str:
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, int):
        return str(value)
    return coord(value)


def svg_root(body: list[str], *, width: int, height: int, chart_id: str, font: str) -> str:
    """The chart's root element: self-contained SVG 1.1, an accessible image whose name and
    description are its ``<title>`` and ``<desc>``."""
    return tag(
        "svg",
        "\n" + "\n".join(body) + "\n",
        xmlns="http://www.w3.org/2000/svg",
        version="1.1",
        width=width,
        height=height,
        viewBox=f"0 0 {width} {height}",
        role="img",
        aria_labelledby=f"{chart_id}-title {chart_id}-desc",
        font_family=font,
    )
