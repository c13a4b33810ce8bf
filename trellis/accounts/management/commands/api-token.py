"""`trellis api-token EMAIL`: issue a bearer token for the JSON API and print it once.

`--list` shows the user's tokens; `--revoke` revokes them all, or `--revoke ID` one.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from trellis.accounts.models import ApiToken, User
from trellis.accounts.services import api_token_issue, api_token_revoke, api_tokens_revoke_all
from trellis.audit.actor import Actor

ALL = "all"


class Command(BaseCommand):
    help = "Issue, list or revoke API bearer tokens for a user (only hashes are stored)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--name", default="cli", help="A label to tell tokens apart.")
        parser.add_argument("--list", action="store_true", help="List the user's tokens.")
        parser.add_argument(
            "--revoke",
            nargs="?",
            const=ALL,
            metavar="TOKEN_ID",
            help="Revoke the token with this id (see --list), or every token when no id.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"].strip().lower()
        user = User.objects.filter(email=email).first()
        if user is None:
            raise CommandError(f"No user with the email {email!r}.")
        if options["list"]:
            self._list(user)
        elif options["revoke"]:
            self._revoke(user, options["revoke"])
        else:
            if not user.is_active or user.practice_id is None:
                raise CommandError(f"{email} is not an active member of a practice.")
            self.stdout.write(api_token_issue(user=user, name=options["name"]))

    def _list(self, user: User) -> None:
        for token in ApiToken.objects.filter(user=user).order_by("created_at"):
            state = f"revoked {token.revoked_at:%Y-%m-%d %H:%M}" if token.revoked_at else "active"
            used = f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "never"
            self.stdout.write(
                f"{token.pk}  {token.name}  created {token.created_at:%Y-%m-%d}  "
                f"last used {used}  {state}"
            )

    def _revoke(self, user: User, which: str) -> None:
        actor = Actor(user=user, via="cli")
        if which == ALL:
            count = api_tokens_revoke_all(actor=actor, user=user, reason="command line")
            self.stdout.write(f"Revoked {count} token(s) of {user.email}.")
            return
        token = (
            ApiToken.objects.filter(user=user, pk__iexact=which).first()
            if _is_uuid(which)
            else None
        )
        if token is None:
            raise CommandError(f"{user.email} has no token with the id {which!r} (see --list).")
        api_token_revoke(actor=actor, token=token)
        self.stdout.write(f"Revoked token {token.pk} ({token.name}).")


def _is_uuid(value: str) -> bool:

    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True
