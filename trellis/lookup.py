"""Fetching one object from an already-scoped queryset, or 404.

A malformed id and an id the user may not see answer the same 404, so that
existence never leaks across care teams or practices.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.http import Http404


def parse_uuid(value: object) -> uuid.UUID | None:
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except (ValueError, TypeError, AttributeError):
        return None


def get_or_404[M: models.Model](queryset: models.QuerySet[M], pk: object) -> M:
    key = parse_uuid(pk)
    if key is None:
        raise Http404(f"No such {queryset.model._meta.verbose_name}")
    try:
        return queryset.get(pk=key)
    except ObjectDoesNotExist:  # the model's DoesNotExist, whichever model it is
        raise Http404(f"No such {queryset.model._meta.verbose_name}") from None
