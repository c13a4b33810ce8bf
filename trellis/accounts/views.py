from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from trellis.accounts import services
from trellis.accounts.forms import SignInForm, ThrottledPasswordResetForm
from trellis.accounts.models import ApiToken
from trellis.audit.actor import Actor
from trellis.views import SignedInRequest


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    form_class = ThrottledPasswordResetForm
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["request"] = self.request
        return kwargs


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        # The form's user is the view's ``self.user``, the one the valid link names.
        services.password_reset_completed(actor=Actor(user=form.user, ip=_ip(self.request)))
        return response


def _ip(request: HttpRequest) -> str | None:
    return Actor.from_request(request).ip


def _own_token(request: SignedInRequest, token_id: str) -> ApiToken:
    token = ApiToken.objects.filter(pk=token_id, user_id=request.user.pk).first()
    if token is None:
        raise Http404
    return token


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request: SignedInRequest) -> HttpResponse:
    """The signed-in person's own API tokens: list, create (shown once), revoke."""
    new_token = None
    if request.method == "POST":
        name = (request.POST.get("name") or "").strip()[:100] or "api"
        new_token = services.api_token_issue(user=request.user, name=name, via="web")
    tokens = ApiToken.objects.filter(user_id=request.user.pk).order_by("-created_at")
    return render(
        request, "registration/api_tokens.html", {"tokens": tokens, "new_token": new_token}
    )


@login_required
@require_POST
def api_token_revoke(request: SignedInRequest, token_id: str) -> HttpResponse:
    token = _own_token(request, token_id)
    services.api_token_revoke(actor=Actor.from_request(request), token=token)
    messages.success(request, f"Token “{token.name}” revoked.")
    return redirect("api_tokens")
