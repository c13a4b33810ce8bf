"""The service codes and places of service a note may record, from
``trellis/data/billing/session_codes.yaml`` (read once; a broken file fails loudly)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from trellis.core.datafile import decode_yaml
from trellis.core.progress.session_codes import SessionCodes, session_codes

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "billing" / "session_codes.yaml"


@cache
def shipped() -> SessionCodes:
    return session_codes(decode_yaml(DATA_FILE.read_text(encoding="utf-8")))
