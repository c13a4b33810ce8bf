"""A critical answer is recorded, and alerts, even when the total cannot be scored (issue 10:
a PHQ-9 with item 9 positive and another item blank was refused whole, and the positive
answer was lost if the form was abandoned). Kroenke 2001 gives no prorating rule for the
PHQ-9, so such a form has no total; its item 9 still counts."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.api.helpers import Api
from tests.audit_helpers import events_since, last_id
from tests.factories import PASSWORD, actor
from trellis.core.measures import AnswerError, builtin_instruments, critical_answers
from trellis.measures import services
from trellis.measures.models import Administration
from trellis.measures.selectors import open_critical_items, scores_of_client
from trellis.progress.dashboard import build

pytestmark = pytest.mark.django_db
PHQ9 = builtin_instruments()["PHQ-9"]
ITEM9_AND_A_BLANK = [1, None, 2, 1, 0, 1, 2, 1, 2]


def _record(cast, answers):
    return services.administration_record(
        actor=actor(cast.clinician), client=cast.client, instrument=PHQ9, answers=answers
    )


def test_critical_answers_ignore_blanks_but_not_bad_values() -> None:
    assert critical_answers(PHQ9, ITEM9_AND_A_BLANK) == ("item9_positive",)
    assert critical_answers(PHQ9, [None] * 8 + [0]) == ()
    with pytest.raises(AnswerError):
        critical_answers(PHQ9, [None] * 8 + [4])


def test_it_is_kept_unscored_alerts_and_stays_out_of_the_numbers(cast) -> None:
    mark = last_id()
    saved = _record(cast, ITEM9_AND_A_BLANK)
    row = Administration.objects.get(pk=saved.pk)
    assert row.total is None and row.severity == "" and row.answers == ITEM9_AND_A_BLANK
    assert row.is_critical and row.flags == ["item9_positive"]
    assert "item 2 not answered" in row.unscored_reason
    assert open_critical_items([cast.client])[cast.client.pk] == [row]
    assert scores_of_client(cast.client) == []
    assert build(actor(cast.clinician)).rows[0].signals[0].code == "critical_item"
    [event] = events_since(mark)
    assert event.detail == {"instrument": "PHQ-9", "mode": "in_session", "scored": False}


def test_without_a_critical_answer_an_incomplete_form_is_still_refused(cast) -> None:
    with pytest.raises(ValidationError) as caught:
        _record(cast, [1, None, 2, 1, 0, 1, 2, 1, 0])
    assert "item 2 not answered" in caught.value.message_dict["answers"][0]
    assert not Administration.objects.exists()


def test_the_form_says_so_first_and_saves_the_answer(client, cast) -> None:
    client.login(username=cast.clinician.email, password=PASSWORD)
    url = reverse("measures:administer", args=[cast.client.pk, "PHQ-9"])
    form = client.get(url).content.decode()
    assert "a positive answer is saved and alerts even if other items are left blank" in form
    data = {f"item_{n}": str(v) for n, v in enumerate(ITEM9_AND_A_BLANK, 1) if v is not None}
    data.update(administered_at=timezone.localtime().strftime("%Y-%m-%dT%H:%M"), mode="in_session")
    response = client.post(url, data, follow=True)
    body = response.content.decode()
    assert "PHQ-9 recorded without a total" in body
    assert "The critical answer is kept and alerts" in body
    saved = Administration.objects.get()
    assert saved.answers == ITEM9_AND_A_BLANK
    detail = client.get(reverse("measures:detail", args=[saved.pk])).content.decode()
    assert "not scored" in detail


def test_the_api_returns_it_with_a_null_total(cast) -> None:
    response = Api(cast.clinician).post(
        f"/clients/{cast.client.pk}/administrations",
        {"instrument": "PHQ-9", "answers": ITEM9_AND_A_BLANK},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["total"] is None and body["critical"] is True
    assert "item 2 not answered" in body["unscored_reason"]
