"""Confirming a signature: the signer ticks the attestation and types their password again.

A signature cannot be undone, so a session left open on a shared screen must not be enough
to give one. The password check goes through the sign-in throttle on the same keys as
signing in (``throttle.sign_in_keys``): guesses on the signing page spend the account's one
budget of failures, and a locked account cannot sign either.

Call ``confirm_signature`` *before* the signing transaction opens: a failed attempt must
keep its slot in the throttle even though the signature itself is refused and rolled back.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from trellis.accounts import throttle
from trellis.accounts.models import User

ATTESTATION_REQUIRED = "Tick the statement above to confirm what you are signing."
PASSWORD_REQUIRED = "Type your password to sign."  # noqa: S105 (a message)
PASSWORD_WRONG = "That is not your password: nothing was signed."  # noqa: S105 (a message)
LOCKED = (
    "Too many wrong passwords for this account: signing (and signing in) is locked for a "
    "while. Nothing was signed; try again later."
)


def confirm_signature(*, user: User, password: str, attested: bool, ip: str | None) -> None:
    """Refuse, with a message on the field at fault, unless ``user`` attested and typed
    their own password (within the throttle's limit)."""
    errors: dict[str, str] = {}
    if not attested:
        errors["attest"] = ATTESTATION_REQUIRED
    if not password:
        errors["password"] = PASSWORD_REQUIRED
    if errors:
        raise ValidationError(errors)
    keys = throttle.sign_in_keys(user.email, ip)
    if not throttle.reserve(keys):
        raise ValidationError({"password": LOCKED}, code="locked")
    if not (user.is_active and user.check_password(password)):
        raise ValidationError({"password": PASSWORD_WRONG}, code="wrong_password")
    throttle.succeeded(keys)
