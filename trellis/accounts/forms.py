from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from trellis.accounts import throttle
from trellis.accounts.backends import was_locked
from trellis.accounts.models import PracticeSettings
from trellis.audit.actor import Actor, client_ip
from trellis.mail.services import queue_mail


def locked_message() -> str:
    minutes = max(1, settings.LOGIN_LOCKOUT_WINDOW // 60)
    return (
        "Too many sign-in attempts for this email or from this address. "
        f"Wait {minutes} minutes, or reset the password."
    )


class LockoutMessageMixin:
    """The throttle lives in the authentication backend; this only words its refusal."""

    request: HttpRequest | None

    def get_invalid_login_error(self) -> ValidationError:
        if was_locked(self.request):
            return ValidationError(locked_message(), code="locked")
        return super().get_invalid_login_error()  # type: ignore[misc, no-any-return]


class SignInForm(LockoutMessageMixin, AuthenticationForm):
    """Email and password; the backend limits attempts per email and per address."""

    username = forms.EmailField(
        label="Email", widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )

    def clean_username(self) -> str:
        return str(self.cleaned_data["username"]).strip().lower()


class AdminSignInForm(LockoutMessageMixin, AdminAuthenticationForm):
    """The Django admin's login, through the same throttle and message."""


class ThrottledPasswordResetForm(PasswordResetForm):
    """Reset mail is limited per email and per address, so it cannot be used to flood."""

    def __init__(self, *args: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request = request

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        email = str(self.cleaned_data.get("email") or "")
        ip = client_ip(self.request) if self.request is not None else None
        if email and not throttle.reserve(throttle.reset_keys(email, ip)):
            raise ValidationError(
                "Too many reset requests for this email or from this address. "
                "Wait a while and try again.",
                code="locked",
            )
        return cleaned

    def save(self, *args: Any, **kwargs: Any) -> None:
        """The link in the mail is built from SITE_URL, never from the request's Host
        header, which a stranger can set to their own site to catch the token."""
        site = urlsplit(settings.SITE_URL)
        kwargs["domain_override"] = site.netloc
        kwargs["use_https"] = site.scheme == "https"
        super().save(*args, **kwargs)

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        """Through the mail service and the worker, not from inside the request: a down SMTP
        server delays the mail, it does not fail the page."""
        user = context["user"]
        actor = (
            Actor.from_request(self.request)
            if self.request is not None
            else Actor(user=user, via="command")
        )
        queue_mail(
            actor=actor,
            template="password_reset",
            to=to_email,
            context={**context, "valid_for": _duration(settings.PASSWORD_RESET_TIMEOUT)},
            recipient=user,
            practice_id=user.practice_id,
        )


def _duration(seconds: int) -> str:
    """'an hour', '2 hours', '30 minutes': how long a reset link works, as the mail says."""
    if seconds % 3600 == 0:
        hours = seconds // 3600
        return "an hour" if hours == 1 else f"{hours} hours"
    minutes = max(seconds // 60, 1)
    return "a minute" if minutes == 1 else f"{minutes} minutes"


class PracticeSettingsForm(forms.ModelForm):  # type: ignore[type-arg]  # ModelForm[...] fails at run time
    """The practice's caseload thresholds and review interval (``PracticeSettings``), and
    the address and phone printed on its plans (``Practice``)."""

    address = forms.CharField(
        label="Practice address",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Printed at the top of every plan: street, town, postcode.",
    )
    phone = forms.CharField(
        label="Practice phone",
        required=False,
        max_length=40,
        help_text="Printed at the top of every plan.",
    )

    class Meta:
        model = PracticeSettings
        fields = (
            "review_warning_days",
            "no_improvement_weeks",
            "no_session_weeks",
            "plan_review_days",
            "date_style",
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date_style"].required = False  # not posted: left as it is

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not data.get("date_style"):
            data.pop("date_style", None)
        for name in ("no_improvement_weeks", "no_session_weeks"):
            if data.get(name) is not None and data[name] < 1:
                self.add_error(name, "At least 1 week.")
        return data
