from __future__ import annotations

from django.contrib.auth import views as auth_views

from trellis.accounts.forms import SignInForm


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True
