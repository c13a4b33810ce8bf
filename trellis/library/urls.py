from django.urls import path

from trellis.library import picker_views, views

app_name = "library"
urlpatterns = [
    path("library/", views.library, name="list"),
    path(
        "library/pick/<str:kind>/into/<uuid:parent_id>/",
        picker_views.pick,
        name="pick",
    ),
    path("library/practice/<uuid:template_id>/edit/", views.template_edit, name="edit"),
    path("library/practice/<uuid:template_id>/remove/", views.template_archive, name="archive"),
    path("library/<str:key>/", views.template_detail, name="detail"),
    path("library/<str:key>/copy/", views.template_copy, name="copy"),
    path("clients/<uuid:client_id>/templates/<str:key>/apply/", views.template_apply, name="apply"),
    path("plans/<uuid:plan_id>/as-template/new/", views.plan_save_as_template, name="from_plan"),
]
