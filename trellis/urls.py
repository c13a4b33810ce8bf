from django.contrib import admin
from django.shortcuts import redirect
from django.urls import include, path

from trellis.api import api
from trellis.progress.dashboard_views import dashboard


def home(request):  # type: ignore[no-untyped-def]
    return redirect("dashboard")


urlpatterns = [
    path("", home, name="home"),
    path("dashboard/", dashboard, name="dashboard"),
    path("accounts/", include("trellis.accounts.urls")),
    # Before the domain apps: plans/<id>/print/ must not reach the plans' catch-all.
    path("", include("trellis.pages.urls")),
    path("clients/", include("trellis.clients.urls")),
    path("", include("trellis.plans.urls")),
    path("", include("trellis.measures.urls")),
    path("", include("trellis.library.urls")),
    path("", include("trellis.progress.urls")),
    path("api/v1/", api.urls),
    path("django-admin/", admin.site.urls),
]
