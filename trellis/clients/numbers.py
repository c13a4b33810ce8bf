"""Client numbers: per practice, sequential from 1, unique, given by the service.

The practice's counter row is raised with one UPDATE before it is read, inside the
caller's transaction. The UPDATE takes the write lock first (a row lock on PostgreSQL,
the database's write lock on SQLite), so a second client recorded at the same moment
waits for the first to commit and then gets the next number. The unique constraint
(practice, number) on Client is the backstop: a clash can only fail, never duplicate.
"""

from __future__ import annotations

from uuid import UUID

from django.db import IntegrityError, transaction
from django.db.models import F, Max

from trellis.clients.models import Client, ClientNumberCounter


def reserve_client_numbers(practice_id: UUID, count: int = 1) -> range:
    """``count`` new numbers for the practice, in order. Call inside a transaction."""
    if count < 1:
        raise ValueError("Reserve at least one client number.")
    raised = ClientNumberCounter.objects.filter(practice_id=practice_id).update(
        last=F("last") + count
    )
    if not raised:
        _start_counter(practice_id)
        ClientNumberCounter.objects.filter(practice_id=practice_id).update(last=F("last") + count)
    last = ClientNumberCounter.objects.values_list("last", flat=True).get(practice_id=practice_id)
    return range(last - count + 1, last + 1)


def _start_counter(practice_id: UUID) -> None:
    """The practice's first counter row, after any numbers already given; a parallel
    start that wins the insert is fine (its row is then raised like any other)."""
    highest = Client.objects.filter(practice_id=practice_id).aggregate(n=Max("number"))["n"]
    try:
        with transaction.atomic():
            ClientNumberCounter.objects.create(practice_id=practice_id, last=highest or 0)
    except IntegrityError:
        pass
