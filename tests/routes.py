"""The site's public routes, as the URLconf registers them, for tests that cover every page."""

from django.urls import URLPattern, URLResolver, get_resolver

from plenaries.views.base import RecordDetailView


def url_names(resolver=None, namespace=""):
    """Every named URL pattern of the site but the admin's, with its namespace."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace != "admin":
                yield from url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern


# Routes that serve a file by its name rather than a record, with the arguments a walk of the site
# asks for: the latest open-data download, which redirects to that version's file once
# `build_downloads` has run (the `downloads` fixture), and is not found before.
FILE_ROUTES = {"download": {"name": "kp-tracker-latest.json"}}


def served_model(pattern):
    """The model whose records a route shows by slug: a detail view's, or a scoped feed's."""
    callback = pattern.callback
    # A Django view class, a REST framework viewset (`cls`), or a feed object.
    view = getattr(callback, "view_class", None) or getattr(callback, "cls", None) or callback
    return getattr(view, "model", None) or getattr(view, "scope_model", None)


def record_arguments(pattern, record):
    """The arguments naming `record` in a route that takes some: its slug, or its number (the
    API's sources)."""
    return {name: getattr(record, name) for name in pattern.pattern.regex.groupindex}


def record_page_names():
    """The URL names of the site's record pages (RecordDetailView), in order."""
    return sorted(
        name
        for name, pattern in url_names()
        if issubclass(getattr(pattern.callback, "view_class", object), RecordDetailView)
    )
