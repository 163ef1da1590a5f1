"""The site's public routes, as the URLconf registers them, for tests that cover every page."""

from django.urls import URLPattern, URLResolver, get_resolver


def url_names(resolver=None, namespace=""):
    """Every named URL pattern of the site but the admin's, with its namespace."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace != "admin":
                yield from url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern


def served_model(pattern):
    """The model whose records a route shows by slug: a detail view's, or a scoped feed's."""
    view = getattr(pattern.callback, "view_class", pattern.callback)
    return getattr(view, "model", None) or getattr(view, "scope_model", None)
