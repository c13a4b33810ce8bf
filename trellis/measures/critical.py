"""Rules about open critical items that other parts of Trellis must respect."""

from __future__ import annotations

from trellis.accounts.dates import format_day
from trellis.clients.models import Client
from trellis.measures.models import Administration


def open_critical_item_refusal(client: Client) -> str | None:
    """Why the client cannot be discharged yet: a critical item without a response."""
    first = (
        Administration.objects.filter(
            client=client, is_critical=True, voided_at=None, critical_response__isnull=True
        )
        .order_by("administered_at")
        .first()
    )
    if first is None:
        return None
    given = format_day(first.administered_at)  # the local day, in the practice's style
    return (
        f"The {first.instrument_name} ({first.instrument_id}) of {given} has an open critical "
        "item: record the clinical response on the measure before discharging."
    )
