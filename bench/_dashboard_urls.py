"""The app's URLs plus the benchmark's baseline: a page that runs exactly one query."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from trellis.clients.models import Client


def one_query(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"<p>{Client.objects.count()} clients</p>")


urlpatterns = [
    path("bench/one-query/", one_query),
    path("", include("trellis.urls")),
]
