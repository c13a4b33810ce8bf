"""What must be settled before a client is discharged, told by the parts that know.

The client record sits below measures and plans, so it cannot ask them itself. Each part
above registers a check when the app is ready (``MeasuresConfig.ready`` registers "no
open critical item"); ``client_update`` runs every check inside its transaction and
refuses the discharge with the first reason given, before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from trellis.clients.models import Client

DischargeCheck = Callable[["Client"], str | None]
_CHECKS: list[DischargeCheck] = []


def register_discharge_check(check: DischargeCheck) -> None:
    """Add a check; registering the same one twice (a re-run ``ready``) keeps one."""
    if check not in _CHECKS:
        _CHECKS.append(check)


def discharge_refusal(client: Client) -> str | None:
    """The first reason a check gives for not discharging the client now, if any."""
    for check in _CHECKS:
        reason = check(client)
        if reason:
            return reason
    return None
