"""Practices (tenants), the people who work in them, and their roles."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone

from trellis.accounts.permissions import Permission, Role, has


class Practice(models.Model):
    """A tenant: nothing of one practice is ever visible to another."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200, unique=True)
    address = models.TextField(
        blank=True, max_length=500, help_text="As printed on plans: street, town, postcode."
    )
    phone = models.CharField(max_length=40, blank=True, help_text="As printed on plans.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("A user needs an email address")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in. Staff of a practice have a practice and a role."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=200)
    credentials = models.CharField(
        max_length=100, blank=True, help_text="Licence or degree shown after the name, e.g. LCSW"
    )
    practice = models.ForeignKey(
        Practice, on_delete=models.PROTECT, null=True, blank=True, related_name="members"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.CLINICIAN)
    supervisees = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="supervisors"
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text="May open the Django admin.")
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        name = self.full_name or self.email
        return f"{name}, {self.credentials}" if self.credentials else name

    def can(self, permission: str) -> bool:
        """Whether this person's role grants ``permission`` (``accounts.permissions``); for
        callers below accounts, which cannot import the table itself."""
        return has(self, Permission(permission))


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only its hash is stored."""

    PREFIX = "trl_"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, default="api")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.user_id})"

    @classmethod
    def new_raw_token(cls) -> str:
        return cls.PREFIX + secrets.token_urlsafe(32)


class AttemptCounter(models.Model):
    """How many sign-in (or reset, or token) attempts one key has used in its window.

    Counted with a conditional UPDATE *before* the password is checked, so parallel
    guesses cannot all slip past the limit (see ``trellis.accounts.throttle``). The key
    is a hash: neither the email nor the address is stored here.
    """

    key = models.CharField(max_length=64, unique=True)
    window_started_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key[:12]}… {self.attempts}"


class DateStyle(models.TextChoices):
    """How the practice writes dates on every page (``trellis.accounts.dates``)."""

    ISO = "iso", "2026-12-31 (year-month-day)"
    US = "us", "12/31/2026 (month/day/year)"
    DAY_FIRST = "dmy", "31/12/2026 (day/month/year)"
    LONG = "long", "31 Dec 2026"


class PracticeSettings(models.Model):
    """A practice's own rules, in one place beside the practice: the caseload dashboard's
    thresholds and how long a new plan runs before its review (defaults in settings).

    Plans and progress read it from here, below them; the admin's *Practice settings*
    page (``trellis.pages.practice``) links to it and to every other practice-wide rule."""

    practice = models.OneToOneField(
        "accounts.Practice", on_delete=models.CASCADE, related_name="settings"
    )
    review_warning_days = models.PositiveSmallIntegerField(
        "warn of a review this many days ahead", default=14
    )
    no_improvement_weeks = models.PositiveSmallIntegerField(
        "flag a target the plan calls not improving after this many weeks", default=8
    )
    no_session_weeks = models.PositiveSmallIntegerField(
        "flag no session in this many weeks", default=3
    )
    plan_review_days = models.PositiveSmallIntegerField(
        "review a new plan this many days after its start",
        null=True,
        blank=True,
        help_text="Empty: the deployment's default (90 days unless set).",
    )
    date_style = models.CharField(
        "how dates are written",
        max_length=10,
        choices=DateStyle.choices,
        default=DateStyle.ISO,
        help_text="On every page and print of the practice. Date fields you type into "
        "follow your browser's own settings.",
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(no_improvement_weeks__gte=1, no_session_weeks__gte=1),
                name="caseload_weeks_at_least_one",
            )
        ]

    def __str__(self) -> str:
        return f"Settings of {self.practice}"
