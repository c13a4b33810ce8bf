"""The print view's running header: a client's name is written into CSS as a string that
no character can end early (pages.running_header)."""

from __future__ import annotations

from datetime import date

from trellis.pages.running_header import client_line, css_string


def test_letters_digits_and_spaces_stay_and_the_rest_is_escaped() -> None:
    assert css_string("Ana Lee 2") == '"Ana Lee 2"'
    assert css_string('O"Neil</style>') == ('"O\\000022 Neil\\00003c \\00002f style\\00003e "')


def test_the_escape_keeps_the_space_after_it() -> None:
    line = client_line("Zoë Park", date(1999, 3, 4))
    assert line == '"Zo\\0000eb  Park \\0000b7  born 1999\\00002d 03\\00002d 04"'
