"""Who is acting and from where: what every selector and service needs to audit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

if TYPE_CHECKING:
    from uuid import UUID

    from trellis.accounts.models import User


@dataclass(frozen=True)
class Actor:
    user: User
    ip: str | None = None
    via: str = "web"

    @property
    def practice_id(self) -> UUID:
        """The acting person's practice. Someone outside every practice is refused here
        (pages and the API refuse them before this), never shown an empty practice."""
        practice_id = self.user.practice_id
        if practice_id is None:
            raise PermissionDenied("Only practice staff do this.")
        return practice_id

    @classmethod
    def from_request(cls, request: HttpRequest, *, via: str = "web") -> Actor:
        return cls(user=request.user, ip=client_ip(request), via=via)  # type: ignore[arg-type]


def client_ip(request: HttpRequest) -> str | None:
    """The peer address; X-Forwarded-For only when a trusted proxy count is configured."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded: str = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    remote = request.META.get("REMOTE_ADDR")
    return str(remote) if remote else None
