"""Which ICD-10-CM code set the practice records from: its import, or the shipped one."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from django.conf import settings

from trellis.core import icd10
from trellis.core.icd10 import Icd10Code


def active_path() -> Path:
    """The imported code set once a practice has run `trellis icd10 import`, else ours."""
    imported = Path(settings.ICD10CM_FILE)
    return imported if imported.is_file() else icd10.DEFAULT_PATH


def code_table() -> Mapping[str, Icd10Code]:
    return icd10.codes(active_path())
