"""The app's URLs plus the benchmarks' baseline: a page that runs exactly one query, behind
the sign-in, so that it pays for the session and the user as every page of the app does."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from trellis.clients.models import Client


@login_required
def one_query(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"<p>{Client.objects.count()} clients</p>")


urlpatterns = [
    path("bench/one-query/", one_query),
    path("", include("trellis.urls")),
]
