"""Administrations are scored with the client's sex at birth and age on the day.

AUDIT-C 3 is positive for a woman and not for a man (Bradley 2007); AUDIT 7 is positive for
a woman and a man of 65 or over, not for a man of 40 (Babor 2001). With the sex not recorded
both cut-offs are applied and the page, the stored row and the API say so.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.api.helpers import Api
from tests.factories import PASSWORD, make_administration
from trellis.clients.models import Client

pytestmark = pytest.mark.django_db
AUDIT_C_3 = [1, 1, 1]
AUDIT_7 = [1, 1, 1, 1, 1, 1, 1, 0, 0, 0]


def _as(client: Client, sex: str, born: date | None = None) -> Client:
    client.sex_at_birth = sex
    if born is not None:
        client.date_of_birth = born
    client.save()
    return client


def test_audit_c_3_for_a_woman_is_positive(cast) -> None:
    woman = _as(cast.client, "female")
    a = make_administration(cast.clinician, woman, AUDIT_C_3, instrument="AUDIT-C")
    a.refresh_from_db()
    assert a.flags == ["positive_screen_women"]
    assert a.score_notes == []
    assert a.scored_for["sex_at_birth"] == "female"


def test_audit_c_3_for_a_man_is_negative(cast) -> None:
    man = _as(cast.client, "male")
    a = make_administration(cast.clinician, man, AUDIT_C_3, instrument="AUDIT-C")
    assert a.flags == []
    assert a.score_notes == []


def test_audit_c_3_with_sex_not_recorded_shows_both_and_the_page_says_so(client, cast) -> None:
    assert cast.client.sex_at_birth == "unknown"
    a = make_administration(cast.clinician, cast.client, AUDIT_C_3, instrument="AUDIT-C")
    assert a.flags == ["positive_screen_women"]
    assert a.score_notes == [
        "Sex assigned at birth is not recorded, so each is applied: "
        "3 or more for women (reached); 4 or more for men (not reached)."
    ]
    client.login(username=cast.clinician.email, password=PASSWORD)
    detail = client.get(reverse("measures:detail", args=[a.pk])).content.decode()
    assert "Sex assigned at birth is not recorded" in detail
    assert "sex assigned at birth: unknown" in detail
    page = client.get(reverse("plans:measures", args=[cast.client.pk])).content.decode()
    assert "Sex assigned at birth is not recorded" in page


def test_the_api_returns_the_note(cast) -> None:
    api = Api(cast.clinician)
    body = api.post(
        f"/clients/{cast.client.pk}/administrations",
        {"instrument": "AUDIT-C", "answers": AUDIT_C_3},
    ).json()
    assert body["flags"] == ["positive_screen_women"]
    assert body["score_notes"][0].startswith("Sex assigned at birth is not recorded")


@pytest.mark.parametrize(
    ("sex", "born", "flagged"),
    [
        ("female", date(1986, 1, 1), True),  # a woman aged 40
        ("male", date(1956, 1, 1), True),  # a man aged 70
        ("male", date(1986, 1, 1), False),  # a man aged 40: his cut-off is 8
    ],
)
@pytest.mark.usefixtures("frozen_day")  # after 2026-06-01, which a score cannot be before
def test_audit_7_uses_sex_and_age_on_the_day(cast, sex, born, flagged) -> None:
    who = _as(cast.client, sex, born)
    a = make_administration(cast.clinician, who, AUDIT_7, instrument="AUDIT", on=date(2026, 6, 1))
    assert (a.flags == ["hazardous_harmful_use"]) is flagged
    assert a.score_notes == []


@pytest.mark.usefixtures("frozen_day")  # after 2026-06-02, the birthday scored on
def test_the_age_is_taken_on_the_day_of_the_administration(cast) -> None:
    man = _as(cast.client, "male", date(1961, 6, 2))
    before = make_administration(
        cast.clinician, man, AUDIT_7, instrument="AUDIT", on=date(2026, 6, 1)
    )
    on_birthday = make_administration(
        cast.clinician, man, AUDIT_7, instrument="AUDIT", on=date(2026, 6, 2)
    )
    assert (before.scored_for["age"], before.flags) == (64, [])
    assert (on_birthday.scored_for["age"], on_birthday.flags) == (65, ["hazardous_harmful_use"])


def test_giving_an_audit_c_on_the_page_announces_the_missing_sex(client, cast) -> None:
    client.login(username=cast.clinician.email, password=PASSWORD)
    url = reverse("measures:administer", args=[cast.client.pk, "AUDIT-C"])
    data = {f"item_{n}": "1" for n in (1, 2, 3)}
    data.update(
        {
            "administered_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "mode": "in_session",
            "notes": "",
        }
    )
    body = client.post(url, data, follow=True).content.decode()
    assert "AUDIT-C recorded: 3. Sex assigned at birth is not recorded" in body
