"""What repeats on every printed page of a plan, as CSS strings for ``@page`` margin boxes.

Chromium (since version 131) draws ``@page`` margin boxes (``@top-left``,
``@bottom-right``...) with literal strings and ``counter(page)`` / ``counter(pages)``; it
does not support ``string-set``, so the client's name cannot be taken from the page and is
written into the print page's own ``<style>`` instead. Every character other than a letter,
digit or space is written as a CSS hex escape, so no name can end the string or the style.
"""

from __future__ import annotations

from datetime import date


def css_string(text: str) -> str:
    """``text`` as a double-quoted CSS string, safe inside a ``<style>`` element."""
    parts = [
        ch if ch.isascii() and (ch.isalnum() or ch == " ") else f"\\{ord(ch):06x} " for ch in text
    ]
    return '"' + "".join(parts) + '"'


def client_line(full_name: str, date_of_birth: date) -> str:
    """The line at the top of every printed page: whose plan it is."""
    return css_string(f"{full_name} · born {date_of_birth.isoformat()}")
