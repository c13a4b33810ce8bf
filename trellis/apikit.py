"""What the apps' API routers share; ``trellis.api`` mounts the routers under /api/v1/.

Kept apart from ``trellis.api`` so that the apps never import the module that imports
them: the routers sit below the API that composes them.
"""

from __future__ import annotations

from django.http import HttpRequest

from trellis.audit.actor import Actor


def actor_of(request: HttpRequest) -> Actor:
    """The caller of an API operation, recorded in the access log as "api"."""
    return Actor.from_request(request, via="api")
