from django.urls import path

from trellis.measures import views

app_name = "measures"
urlpatterns = [
    path(
        "clients/<uuid:client_id>/measures/give/<str:instrument_id>/",
        views.administer,
        name="administer",
    ),
    path(
        "clients/<uuid:client_id>/measures/paper/<str:instrument_id>/",
        views.administer,
        {"paper": True},
        name="administer_paper",
    ),
    path(
        "clients/<uuid:client_id>/measures/total/<str:instrument_id>/",
        views.administer_total,
        name="administer_total",
    ),
    path("measures/<uuid:administration_id>/", views.administration_detail, name="detail"),
    path("measures/<uuid:administration_id>/respond/", views.critical_respond, name="respond"),
    path("measures/<uuid:administration_id>/void/", views.administration_void, name="void"),
    path("instruments/", views.instrument_list, name="instruments"),
    path("instruments/<str:instrument_id>/", views.instrument_detail, name="instrument"),
]
