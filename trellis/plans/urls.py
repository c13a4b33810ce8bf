from django.urls import path

from trellis.plans import (
    activation_views,
    diagnosis_views,
    measure_views,
    smart_views,
    target_views,
    views,
)
from trellis.plans.reviews import views as review_views
from trellis.plans.signing import views as signing_views
from trellis.plans.versions import views as version_views

app_name = "plans"
urlpatterns = [
    path(
        "clients/diagnoses/<uuid:diagnosis_id>/remove/",
        diagnosis_views.diagnosis_remove,
        name="diagnosis_remove",
    ),
    path("clients/<uuid:client_id>/measures/", measure_views.client_measures, name="measures"),
    path(
        "plans/<uuid:plan_id>/measure-schedule/set/",
        measure_views.schedule_set,
        name="schedule_set",
    ),
    path(
        "measure-schedules/<uuid:schedule_id>/remove/",
        measure_views.schedule_remove,
        name="schedule_remove",
    ),
    path("practice/co-signatures/", signing_views.cosign_rules, name="cosign_rules"),
    path("clients/<uuid:client_id>/plans/new/", views.plan_create, name="create"),
    path("plans/<uuid:plan_id>/", views.plan_detail, name="detail"),
    path("plans/<uuid:plan_id>/sections/<str:section>/", views.plan_section, name="section"),
    path("plans/<uuid:plan_id>/quality/", smart_views.quality_panel, name="quality"),
    path("plans/<uuid:plan_id>/review/", review_views.review, name="review"),
    path("plans/<uuid:plan_id>/history/", version_views.history, name="history"),
    path("plans/<uuid:plan_id>/versions/new/", version_views.revise, name="revise"),
    path("plans/<uuid:plan_id>/delete/", version_views.draft_delete, name="draft_delete"),
    path("plans/<uuid:plan_id>/versions/compare/", version_views.compare, name="compare"),
    path("plans/<uuid:plan_id>/signatures/sign/", signing_views.sign, name="sign"),
    path("plan-reviews/<uuid:review_id>/", review_views.review_detail, name="review_detail"),
    path("plans/<uuid:plan_id>/activate/", views.plan_activate, name="activate"),
    path(
        "plans/<uuid:plan_id>/activate/confirm/",
        activation_views.activate_confirm,
        name="activate_confirm",
    ),
    path(
        "plans/<uuid:plan_id>/safety-plan/reviewed/",
        views.safety_reviewed,
        name="safety_reviewed",
    ),
    path("plans/<uuid:plan_id>/close/", views.plan_close, name="close"),
    path("plan-items/<str:kind>/<uuid:item_id>/", views.item_view, name="item_view"),
    path("plan-items/<str:kind>/<uuid:item_id>/edit/", views.item_edit, name="item_edit"),
    path("plan-items/<str:kind>/<uuid:item_id>/remove/", views.item_remove, name="item_remove"),
    path(
        "plan-items/<str:kind>/<uuid:item_id>/duplicate/",
        views.item_duplicate,
        name="item_duplicate",
    ),
    path(
        "plan-items/<str:kind>/<uuid:item_id>/move/<str:direction>/",
        views.item_move,
        name="item_move",
    ),
    path("plan-items/<str:kind>/add-to/<uuid:parent_id>/", views.item_add, name="item_add"),
    path(
        "plan-items/<str:kind>/<uuid:item_id>/targets/add/",
        target_views.target_add,
        name="target_add",
    ),
    path(
        "plan-items/<str:kind>/<uuid:item_id>/targets/from-text/",
        smart_views.target_from_text,
        name="target_from_text",
    ),
    path("smart/feedback/", smart_views.smart_feedback, name="smart_feedback"),
    path("targets/<uuid:target_id>/edit/", target_views.target_edit, name="target_edit"),
    path("targets/<uuid:target_id>/remove/", target_views.target_remove, name="target_remove"),
]
