"""The app's URLs plus the load benchmark's baseline: the one-query page of
bench/_dashboard_urls.py behind the sign-in, so that it pays for the session and the user
as every page of the app does."""

from django.contrib.auth.decorators import login_required
from django.urls import include, path

from bench._dashboard_urls import one_query

urlpatterns = [
    path("bench/one-query/", login_required(one_query)),
    path("", include("trellis.urls")),
]
