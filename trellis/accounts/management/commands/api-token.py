"""`trellis api-token EMAIL`: issue a bearer token for the JSON API and print it once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from trellis.accounts.models import User
from trellis.accounts.services import api_token_issue


class Command(BaseCommand):
    help = "Print a new API bearer token for a user (only its hash is stored)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--name", default="cli", help="A label to tell tokens apart.")

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"].strip().lower()
        user = User.objects.filter(email=email).first()
        if user is None:
            raise CommandError(f"No user with the email {email!r}.")
        if not user.is_active or user.practice_id is None:
            raise CommandError(f"{email} is not an active member of a practice.")
        self.stdout.write(api_token_issue(user=user, name=options["name"]))
