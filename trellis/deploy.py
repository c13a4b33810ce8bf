"""What the app refuses to serve with outside development: settings that would put a
practice's records behind a published key, a debug page or any Host header.

Settings stay importable with development defaults so that every management command and
the tests run on a bare checkout; serving (trellis/wsgi.py: gunicorn and runserver both
load it) calls ``refuse_unsafe_production`` first. ``make run`` sets TRELLIS_MODE to
development; anything else is production.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

DEVELOPMENT_SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105
# Django's own bar for a key (the W009 deploy check): at least 50 characters and at
# least 5 different ones, and not one Django generates for a new project's template.
MIN_SECRET_LENGTH = 50
MIN_SECRET_CHARACTERS = 5
NEW_KEY = "python -c 'import secrets; print(secrets.token_urlsafe(50))'"


def is_development(environ: Mapping[str, str] = os.environ) -> bool:
    return environ.get("TRELLIS_MODE", "").strip().lower() == "development"


def production_problems(environ: Mapping[str, str] = os.environ) -> list[str]:
    """Each unsafe or missing production variable, named, with what to set it to."""
    if is_development(environ):
        return []
    return [*_secret_key(environ), *_debug(environ), *_hosts(environ), *_site_url(environ)]


def refuse_unsafe_production(environ: Mapping[str, str] = os.environ) -> None:
    problems = production_problems(environ)
    if problems:
        raise ImproperlyConfigured(
            "Trellis will not start in production with these settings "
            "(set TRELLIS_MODE=development on a laptop; see .env.example):\n- "
            + "\n- ".join(problems)
        )


def _secret_key(environ: Mapping[str, str]) -> list[str]:
    key = environ.get("SECRET_KEY", "")
    if not key:
        return [f"SECRET_KEY is not set: generate one with {NEW_KEY}"]
    if (
        key == DEVELOPMENT_SECRET_KEY
        or key.startswith("django-insecure")
        or "change-me" in key
        or len(key) < MIN_SECRET_LENGTH
        or len(set(key)) < MIN_SECRET_CHARACTERS
    ):
        return [
            f"SECRET_KEY is too weak (a placeholder, or under {MIN_SECRET_LENGTH} characters"
            f" or {MIN_SECRET_CHARACTERS} different ones): generate one with {NEW_KEY}"
        ]
    return []


def _debug(environ: Mapping[str, str]) -> list[str]:
    if environ.get("DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}:
        return ["DEBUG is on: its error pages show settings and request data; set DEBUG=false"]
    return []


def _hosts(environ: Mapping[str, str]) -> list[str]:
    hosts = [h.strip() for h in environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
    if not hosts:
        return [
            "ALLOWED_HOSTS is not set: the host names the site answers to, e.g. plans.example.org"
        ]
    if "testserver" in hosts or "*" in hosts:
        return ["ALLOWED_HOSTS names 'testserver' or '*': list only the site's own host names"]
    return []


def _site_url(environ: Mapping[str, str]) -> list[str]:
    url = environ.get("SITE_URL", "")
    if not url.startswith("https://"):
        return [
            "SITE_URL is not an https:// address: mailed links (password reset, invitations)"
            " are built from it, e.g. https://plans.example.org"
        ]
    return []
