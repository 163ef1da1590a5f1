"""Public pages for anonymous readers, kept in each worker's memory and keyed by the version of
the record the database holds, so that an editor's change shows at once on every worker of every
server, without telling any of them.

The version is RecordVersion's number, which a trigger counts up in the same transaction as each
change: on every history table (migration 0021), and on the tables pages read that have no history
(0022: the links between decisions, the open-data versions, the search's words). One primary-key
read per request, in the order changes commit, from the database every server shares. A hit costs
that read and a read from memory; it skips the middleware below this one, which added its headers
when the page was stored. Every anonymous public page, kept or not, says who may keep it
(Cache-Control), and answers a repeated request whose ETag still holds with a 304.
"""

import functools
import hashlib

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags
from django.views.decorators.http import conditional_page

from kp_tracker.routers import is_admin_path

from .changes import record_version

# Where the site's code lives: a new version of it changes every ETag, so that a reader's
# browser or a CDN never keeps a page written by the code before a deployment.
CODE_PATHS = ("kp_tracker", "plenaries", "templates", "static", "locale")
CODE_SUFFIXES = {".py", ".html", ".txt", ".xml", ".css", ".js", ".svg", ".mo"}

# Addresses that are not pages of the record, or keep their own rules: the admin (editors
# only), the API (its own ETag, and a rate per reader that a cache would bypass), the language
# switch, the open-data files, and robots.txt, which costs less than reading the version.
NOT_PAGES = ("/i18n/", "/api/", "/downloads/", "/robots.txt")

# A reader who carries one of these may see a page made for them (an editor's session, or a
# message left by the admin): never served from the cache, never stored in it.
PRIVATE_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")

# Larger answers (a CSV of every row) are rendered each time rather than held in memory.
MAX_STORED_BYTES = 1_000_000


@functools.cache
def code_version():
    """A digest of the site's code, templates, styles and translations, read once per process:
    each test client loads the middleware anew, and reading the files is most of that."""
    digest = hashlib.sha256()
    for top in CODE_PATHS:
        for path in sorted((settings.BASE_DIR / top).rglob("*")):
            if path.suffix in CODE_SUFFIXES and path.is_file():
                digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def covers(path):
    """Whether the address is a public page of the record, which this middleware serves."""
    return not (is_admin_path(path) or path.startswith(NOT_PAGES))


def is_public_page(request):
    return request.method in ("GET", "HEAD") and covers(request.path_info)


def is_anonymous(request):
    return not any(name in request.COOKIES for name in PRIVATE_COOKIES)


def can_store(request, response):
    """Whether `response` is the same for every anonymous reader, and safe to keep."""
    user = getattr(request, "user", None)
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not (user is not None and user.is_authenticated)
        and len(response.content) <= MAX_STORED_BYTES
    )


def is_private(response):
    """Whether the view said the answer is for this reader alone, or not to be kept."""
    said = response.get("Cache-Control", "")
    return "private" in said or "no-store" in said


def allow_public_caching(response):
    """Any cache may keep a page or a 304, for PUBLIC_CACHE_SECONDS before it asks again: the
    rule of every public answer (the pages here, the API, robots.txt). Returns `response`."""
    if response.status_code in (200, 304):
        patch_cache_control(
            response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS, must_revalidate=True
        )
    return response


def from_code_alone(view):
    """`view`, an answer that the code alone makes and that reads nothing from the database
    (robots.txt, the API's list of endpoints and its documentation), kept by caches as every
    public answer is, with an ETag of its content, so that a repeated request gets a 304."""

    @functools.wraps(view)
    def answer(request, *args, **kwargs):
        return allow_public_caching(conditional_page(view)(request, *args, **kwargs))

    return answer


def make_public(response, etag):
    allow_public_caching(response)
    response["ETag"] = etag
    # The ETag is a page's one validator. A feed's Last-Modified, its newest entry's, stays the
    # same when an older entry is unpublished, so If-Modified-Since could not be answered truly.
    response.headers.pop("Last-Modified", None)


class PageCacheMiddleware:
    """Serves an anonymous reader's repeated GET of a public page from memory, and answers a
    conditional one with a 304. Placed high in MIDDLEWARE, just below WhiteNoise."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.code = code_version()

    def __call__(self, request):
        if not is_public_page(request):
            return self.get_response(request)
        if not is_anonymous(request):
            response = self.get_response(request)
            patch_cache_control(response, private=True, no_cache=True)
            return response
        # A database that is down or hung raises here, and the reader gets the 503 page at once
        # (kp_tracker.health), rather than after a second wait in the view.
        key = self.key(request, record_version().number)
        etag = f'"{key}"'
        if etag in parse_etags(request.headers.get("If-None-Match", "")):
            response = HttpResponseNotModified()
            make_public(response, etag)
            return response
        store = caches["pages"] if settings.PAGE_CACHE else None
        response = store.get(key) if store is not None else None
        if response is None:
            response = self.get_response(request)
            if response.status_code != 200 or is_private(response):
                return response
            make_public(response, etag)
            if store is not None and can_store(request, response):
                store.set(key, response, timeout=None)
        return response

    def key(self, request, version):
        """The page's address (host and query included), the record's version, the day (a
        status runs "to today") and the code. The address names the page's language, as
        LocaleMiddleware reads it (an address with no prefix is English whatever the browser
        asks for): Accept-Language would only make a second copy of the same page."""
        parts = (
            request.build_absolute_uri(),  # checks the host against ALLOWED_HOSTS first
            str(version),
            timezone.now().date().isoformat(),
            self.code,
        )
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]
