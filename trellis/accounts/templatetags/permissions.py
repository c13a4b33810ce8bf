"""``{% if user|can:"read_access_log" %}``: show a button only to those who may use it."""

from __future__ import annotations

from django import template

from trellis.accounts.permissions import Permission, has

register = template.Library()


@register.filter
def can(user: object, permission: str) -> bool:
    """Whether the user's role grants ``permission``; an unknown name is a template error."""
    return has(user, Permission(permission))  # type: ignore[arg-type]
