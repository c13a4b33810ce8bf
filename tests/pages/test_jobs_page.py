"""The practice admin's Background jobs page: failed jobs with their error, jobs waiting
for another attempt, the worker's state; another practice's jobs never."""

from __future__ import annotations

import datetime as dt

import pytest
from django.tasks import TaskResultStatus
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.factories import make_user
from tests.jobs import sample_jobs
from tests.mailbox import run_jobs
from trellis.accounts.permissions import Role
from trellis.jobs.models import WorkerBeat

pytestmark = pytest.mark.django_db


def _fail_for_good(practice_id: str, key: str) -> str:
    result = sample_jobs.always_fail.enqueue(key, practice_id=practice_id)
    run_jobs()
    DBTaskResult.objects.filter(pk=result.id).update(run_after=timezone.now())
    run_jobs()
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.FAILED
    return str(result.id)


def test_the_admin_sees_a_failed_job_with_its_error_and_can_try_it_again(client, cast) -> None:
    job_id = _fail_for_good(str(cast.practice.pk), "mine")
    client.force_login(cast.admin)
    page = client.get(reverse("pages:jobs"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Sample: always fail" in html
    assert "ValueError: this input can never be handled" in html
    assert "2 of 2" in html
    assert "No worker has run yet" not in html  # run_jobs beat, then left

    response = client.post(reverse("pages:job_retry", args=[job_id]))
    assert response.status_code == 302
    row = DBTaskResult.objects.get(pk=job_id)
    assert row.status == TaskResultStatus.READY
    assert run_jobs().outcomes["failed"] == 1  # one more attempt, then failed again


def test_another_practices_jobs_are_not_shown_nor_retried(client, cast) -> None:
    theirs = _fail_for_good(str(cast.other_practice.pk), "theirs")
    client.force_login(cast.admin)
    html = client.get(reverse("pages:jobs")).content.decode()
    assert "Sample: always fail" not in html and "No job has failed." in html
    response = client.post(reverse("pages:job_retry", args=[theirs]), follow=True)
    assert "not one of this practice" in response.content.decode()
    assert DBTaskResult.objects.get(pk=theirs).status == TaskResultStatus.FAILED


def test_a_job_of_the_whole_installation_shows_its_error_class_only(client, cast) -> None:
    _fail_for_good(None, "system")  # type: ignore[arg-type]
    client.force_login(cast.admin)
    html = client.get(reverse("pages:jobs")).content.decode()
    assert "(whole installation)" in html and "<code>ValueError</code>" in html
    assert "never be handled" not in html


def test_a_job_waiting_to_be_retried_is_listed_with_its_next_attempt(client, cast) -> None:
    sample_jobs.fail_then_succeed.enqueue("soon", failures=5, practice_id=str(cast.practice.pk))
    run_jobs()
    client.force_login(cast.admin)
    html = client.get(reverse("pages:jobs")).content.decode()
    assert "Waiting for another attempt" in html and "1 of 3" in html
    assert "ConnectionError: the far end hung up" in html


def test_the_page_says_when_no_worker_is_running(client, cast) -> None:
    client.force_login(cast.admin)
    assert "No worker has run yet" in client.get(reverse("pages:jobs")).content.decode()
    WorkerBeat.objects.create(worker_id="w1", seen_at=timezone.now() - dt.timedelta(hours=2))
    assert "No worker is running now" in client.get(reverse("pages:jobs")).content.decode()
    WorkerBeat.objects.create(worker_id="w2", seen_at=timezone.now())
    assert "A worker is running" in client.get(reverse("pages:jobs")).content.decode()


def test_only_a_practice_admin_has_the_page(client, cast) -> None:
    supervisor = make_user("boss@test.test", cast.practice, Role.SUPERVISOR)
    for person in (cast.clinician, supervisor):
        client.force_login(person)
        assert client.get(reverse("pages:jobs")).status_code == 403
        assert (
            client.post(
                reverse("pages:job_retry", args=["00000000-0000-0000-0000-000000000000"])
            ).status_code
            == 403
        )
