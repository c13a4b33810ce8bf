"""Background jobs: Django's tasks framework, stored in the database by django-tasks-db and
run by `trellis worker`. What a request should not wait for (mail now; reminders and exports
later) is a job, enqueued in the same transaction as the change that asks for it."""
