"""Pages that compose several domains: the client overview, the printed plan, the access log.

The top of the layers (docs/architecture.md): a page here may read from every domain app;
no domain app imports it. Each page is still thin: scoped selectors, then render.
"""
