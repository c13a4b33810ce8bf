from django.urls import path

from trellis.pages import access_log, client, jobs, plan_print, practice

app_name = "pages"
urlpatterns = [
    path("clients/<uuid:client_id>/", client.client_detail, name="client"),
    path("clients/<uuid:client_id>/contacts/add/", client.contact_add, name="contact_add"),
    path("plans/<uuid:plan_id>/print/", plan_print.plan_print, name="plan_print"),
    path("audit/", access_log.audit_log, name="audit_log"),
    path("practice/", practice.practice_settings, name="practice_settings"),
    path("practice/jobs/", jobs.jobs, name="jobs"),
    path("practice/jobs/<uuid:job_id>/retry/", jobs.job_retry, name="job_retry"),
]
