from __future__ import annotations

from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone

from trellis.audit.models import AuditAction, AuditEvent


class SignInForm(AuthenticationForm):
    """Email and password, with a lockout after repeated failures for that email."""

    username = forms.EmailField(
        label="Email", widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )

    def clean(self) -> dict[str, object]:
        email = (self.cleaned_data.get("username") or "").lower()
        window = timezone.now() - timedelta(seconds=settings.LOGIN_LOCKOUT_WINDOW)
        failures = AuditEvent.objects.filter(
            action=AuditAction.LOGIN_FAILED, actor_email=email, at__gte=window
        ).count()
        if email and failures >= settings.LOGIN_LOCKOUT_FAILURES:
            raise forms.ValidationError(
                "Too many failed sign-ins for this email. Wait 15 minutes or reset the password.",
                code="locked",
            )
        if email:
            self.cleaned_data["username"] = email
        return super().clean()
