from django.urls import path

from trellis.progress import views

app_name = "progress"
urlpatterns = [
    path("clients/<uuid:client_id>/notes/", views.note_list, name="list"),
    path("clients/<uuid:client_id>/notes/new/", views.note_create, name="create"),
    path("notes/<uuid:note_id>/", views.note_detail, name="detail"),
    path("notes/<uuid:note_id>/edit/", views.note_edit, name="edit"),
    path("notes/<uuid:note_id>/sign/", views.note_sign, name="sign"),
    path("notes/<uuid:note_id>/addenda/", views.addendum_add, name="addendum_add"),
]
