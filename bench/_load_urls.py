"""The app's URLs plus the load benchmark's baseline: the one-query page of
bench/_dashboard_urls.py, which is behind the sign-in."""

from django.urls import include, path

from bench._dashboard_urls import one_query

urlpatterns = [
    path("bench/one-query/", one_query),
    path("", include("trellis.urls")),
]
