"""What a request may ask of the site: how large its body may be, what the admin's addresses may
hold, and whom it counts as.

Each is a setting read from the environment (REQUEST_MAX_SIZE, IMPORT_MAX_SIZE,
TRUSTED_PROXY_COUNT in kp_tracker/settings.py).
"""

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils.formats import number_format
from rest_framework.throttling import BaseThrottle

from kp_tracker.routers import is_admin_path

MEGABYTE = 1024 * 1024


def megabytes(size):
    """`size` in bytes as megabytes to one decimal, as the refusals name a limit."""
    return number_format(round(size / MEGABYTE, 1), decimal_pos=1)


def client_address(request):
    """The client's address, for the sign-in lockout (AXES_CLIENT_IP_CALLABLE) as for the API's
    throttle: the REST framework's reading of X-Forwarded-For, which trusts the rightmost
    NUM_PROXIES entries (TRUSTED_PROXY_COUNT) and nothing a client wrote to their left."""
    return BaseThrottle().get_ident(request)


def declared_size(request):
    """The body's size as the request declares it; 0 when it declares none or nonsense, as
    Django then reads no body at all."""
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def body_limit(request):
    """The largest body `request` may send: the admin's import pages take a file as large as
    IMPORT_MAX_SIZE (the form then names the file too large) with the rest of a form besides."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return settings.REQUEST_MAX_SIZE
    if "admin" in match.namespaces and match.url_name.endswith("_import"):
        return settings.IMPORT_MAX_SIZE + settings.REQUEST_MAX_SIZE
    return settings.REQUEST_MAX_SIZE


class RequestSizeMiddleware:
    """Refuses a request whose declared body is over its limit with a 413, before anything reads
    the body: Django would read (and spool to disk) an upload of any size."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        size = declared_size(request)
        # The URL is resolved only for a body over the general limit: the import's exception.
        if size > settings.REQUEST_MAX_SIZE and size > (limit := body_limit(request)):
            page = render_to_string("413.html", {"megabytes": megabytes(limit)})
            return HttpResponse(page, status=413)
        return self.get_response(request)


class AdminQueryMiddleware:
    """Refuses an admin address whose query holds a NUL character with a 400. No record holds
    one (every form refuses it) and PostgreSQL fails on it, in the lists' filters and the
    pickers' searches of every admin, Django's and django-axes' own included. The public pages
    read it as a space (plenaries.search)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_admin_path(request.path_info) and any(
            "\x00" in text for item in request.GET.lists() for text in (item[0], *item[1])
        ):
            raise BadRequest("A NUL character in the address.")
        return self.get_response(request)
