"""Client numbers: 1, 2, 3... per practice in the order of intake, given by the service,
unique even when two clinicians record a client at the same moment, and searchable."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from tests.audit_helpers import events_since, last_id
from tests.factories import PASSWORD, Personas, actor, make_client, make_practice, make_user
from trellis.clients import services
from trellis.clients.models import Client
from trellis.clients.numbers import reserve_client_numbers

pytestmark = pytest.mark.django_db


def test_numbers_run_in_order_within_each_practice(cast: Personas) -> None:
    assert cast.client.number == 1
    second = make_client(cast.clinician, first_name="Bo")
    third = make_client(cast.colleague, first_name="Cy")
    elsewhere = make_client(cast.outsider, first_name="Di")
    assert (second.number, third.number) == (2, 3)
    assert elsewhere.number == 1  # another practice counts its own


def test_the_number_is_audited_and_never_taken_from_the_caller(cast: Personas) -> None:
    mark = last_id()
    client = make_client(cast.clinician, number=99)  # not a field the service takes
    assert client.number == 2
    created = [e for e in events_since(mark) if e.action == "create" and e.object_type == "client"]
    assert created[0].detail["number"] == 2


def test_a_refused_intake_uses_no_number(cast: Personas) -> None:
    with pytest.raises(Exception, match="future"):
        make_client(cast.clinician, date_of_birth=date(2999, 1, 1))
    assert make_client(cast.clinician).number == 2


def test_the_database_refuses_a_second_client_with_the_same_number(cast: Personas) -> None:
    twin = Client(
        practice=cast.practice,
        number=cast.client.number,
        first_name="Twin",
        last_name="Clash",
        date_of_birth=date(1990, 1, 1),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()


def test_reserving_several_numbers_gives_a_run(cast: Personas) -> None:
    with transaction.atomic():
        assert list(reserve_client_numbers(cast.practice.pk, 3)) == [2, 3, 4]
    assert make_client(cast.clinician).number == 5


def test_find_a_client_by_number(client, cast: Personas) -> None:
    other = make_client(cast.clinician, first_name="Noor", last_name="Haddad")
    client.login(username=cast.clinician.email, password=PASSWORD)
    for typed in (str(other.number), f"#{other.number}", f"No. {other.number}"):
        body = client.post(reverse("clients:list"), {"q": typed}).content.decode()
        assert "Noor Haddad" in body and cast.client.display_name not in body, typed
    page = client.get(reverse("pages:client", args=[other.pk])).content.decode()
    assert f"Client no. {other.number}" in page


@pytest.mark.django_db(transaction=True)
def test_parallel_intakes_never_share_a_number(audit_flushable) -> None:
    """Twelve clinicians record a client at the same moment: twelve numbers, 1 to 12."""
    practice = make_practice("Busy Practice")
    staff = [make_user(f"c{n}@busy.test", practice, full_name=f"C {n}") for n in range(12)]
    start = threading.Barrier(len(staff))
    errors: list[BaseException] = []

    def intake(user) -> None:
        try:
            start.wait()
            services.client_create(
                actor=actor(user),
                data={
                    "first_name": "P",
                    "last_name": user.full_name,
                    "date_of_birth": date(1990, 1, 1),
                },
            )
        except BaseException as exc:  # surfaced below: a thread's error must fail the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=intake, args=(user,)) for user in staff]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    numbers = sorted(Client.objects.filter(practice=practice).values_list("number", flat=True))
    assert numbers == list(range(1, 13))
