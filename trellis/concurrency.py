"""Optimistic concurrency: the second of two saves is told, never silently applied.

Every editable row carries a `version`. An edit names the version it started
from; the update is a compare-and-swap on that number, so it is safe without
locks on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F


class StaleEditError(Exception):
    """The row changed since the editor loaded it; nothing was saved."""

    def __init__(self, obj: models.Model, current_version: int | None) -> None:
        self.obj = obj
        self.current_version = current_version
        label = obj._meta.verbose_name
        super().__init__(
            f"This {label} was changed by someone else since you opened it. "
            "Your text is kept below: compare it with the current version and save again."
        )


def changed_fields(obj: models.Model, values: Mapping[str, Any]) -> list[str]:
    return [name for name, value in values.items() if getattr(obj, name) != value]


def versioned_update[M: models.Model](
    obj: M, values: Mapping[str, Any], *, expected_version: int | None
) -> list[str]:
    """Apply `values` only if the row is still at `expected_version`; return changed fields.

    Without a version the edit is refused (``MissingVersionError``): a check that could be
    skipped by leaving a field out would be no check."""
    expected_version = require_version(expected_version)
    model = type(obj)
    current = model._default_manager.filter(pk=obj.pk).values_list("version", flat=True).first()
    if current is None or current != expected_version:
        raise StaleEditError(obj, current)
    fresh = model._default_manager.get(pk=obj.pk)
    changed = changed_fields(fresh, values)
    if not changed:
        return []
    updated = model._default_manager.filter(pk=obj.pk, version=expected_version).update(
        **{name: values[name] for name in changed}, version=F("version") + 1
    )
    if updated != 1:
        raise StaleEditError(obj, None)
    for name in changed:
        setattr(obj, name, values[name])
    obj.version = expected_version + 1  # type: ignore[attr-defined]
    return changed


class MissingVersionError(Exception):
    """An edit or removal that does not say which version it saw: refused, never done
    blind. Not a ValidationError, so no page mistakes it for the user's input to correct:
    pages answer 400 (``trellis.views.staff_view``), the API 422 naming ``version``."""

    MESSAGE = "The version you saw is missing; reload the page and try again."

    def __init__(self) -> None:
        super().__init__(self.MESSAGE)
        self.messages = [self.MESSAGE]

    def as_validation_error(self) -> ValidationError:
        """The same refusal in the shape the API reports field errors in."""
        return ValidationError({"version": self.MESSAGE})


def require_version(expected_version: int | None) -> int:
    """Edits and removals must name the version they saw, or a colleague's edit is lost."""
    if expected_version is None:
        raise MissingVersionError
    return expected_version


def check_version(obj: models.Model, expected_version: int | None) -> None:
    """For deletes and moves: refuse if the row changed since it was shown, or if the
    caller does not say which version it saw."""
    expected_version = require_version(expected_version)
    model = type(obj)
    current = model._default_manager.filter(pk=obj.pk).values_list("version", flat=True).first()
    if current != expected_version:
        raise StaleEditError(obj, current)


def fingerprint(obj: models.Model, fields: tuple[str, ...] | list[str]) -> str:
    """A digest of some fields' values: lets one section of a row be edited while
    another section of the same row is open elsewhere, still catching real conflicts."""
    payload = json.dumps([str(getattr(obj, name)) for name in fields])
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


def check_fingerprint(
    obj: models.Model, fields: tuple[str, ...] | list[str], expected: str
) -> None:
    fresh = type(obj)._default_manager.get(pk=obj.pk)
    if fingerprint(fresh, fields) != expected:
        raise StaleEditError(obj, getattr(fresh, "version", None))
