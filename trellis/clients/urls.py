from django.urls import path

from trellis.clients import views

app_name = "clients"
urlpatterns = [
    path("", views.client_list, name="list"),
    path("new/", views.client_create, name="create"),
    path("<uuid:client_id>/edit/", views.client_edit, name="edit"),
    path("<uuid:client_id>/care-team/", views.care_team_edit, name="care_team"),
    path("contacts/<uuid:contact_id>/remove/", views.contact_remove, name="contact_remove"),
    path("<uuid:client_id>/diagnoses/add/", views.diagnosis_add, name="diagnosis_add"),
    path("diagnoses/<uuid:diagnosis_id>/", views.diagnosis_edit, name="diagnosis_edit"),
    path("icd10/", views.icd10_search, name="icd10_search"),
]
