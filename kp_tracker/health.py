"""The site when its database fails: the 503 page, a bound on every request, and /healthz.

PostgreSQL fails in two ways that a request must survive (docs/operations.md shows both):

- Stopped or unreachable: connecting fails at once, or after DATABASE_CONNECT_TIMEOUT (libpq's
  connect_timeout, which psycopg applies to the whole handshake) when nothing answers.
- Hung (frozen, out of memory, a stuck disk): its machine's kernel still accepts connections and
  acknowledges what is sent, so a query on an open connection waits for ever. PostgreSQL's own
  statement_timeout never fires, and libpq's tcp_user_timeout and keepalives never do either,
  since every packet is acknowledged: measured with a SIGSTOPped PostgreSQL, a query with
  tcp_user_timeout=1000 and keepalives of 1 s still waited after 8 s. Nor can a cancel request
  help, which the same frozen server would have to act on.

What ends the wait is a deadline on the whole request (request_timeout() below): a SIGALRM timer
armed around it, whose handler raises RequestTimeout in the middle of whatever waits, psycopg's
wait for an answer included (its wait loop runs Python signal handlers). Both bounds are shorter
than gunicorn's timeout, which would kill the worker and leave the reader with a bare error. An
editor's, REQUEST_TIMEOUT, is longer than the statement timeout, so that PostgreSQL ends a slow
statement of an import itself; a reader's, READER_REQUEST_TIMEOUT, is a few seconds, as a
reader's page takes milliseconds. A signal reaches
only the main thread: gunicorn's sync workers, and the test client, serve each request there;
elsewhere (runserver's threads) gunicorn's timeout is the only bound.

Every such failure, wherever it is raised (a view, a template, a middleware such as the page
cache's), reaches Django's handler500, server_error() here: it closes the connections, which may
be stuck in the middle of a query, so that the next request connects afresh (conn_health_checks
then discards a persistent connection the server dropped meanwhile: on a public page, through
the page cache's version read), and answers the 503 page.
A programming error (ProgrammingError, IntegrityError) stays a 500.
"""

import signal
import sys
import threading
from contextlib import contextmanager

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.http import JsonResponse
from django.shortcuts import render
from django.views import defaults

from kp_tracker.routers import is_read, mark_failing, replica, too_far_behind

# The address load balancers check, answered before host validation and the HTTPS redirect:
# they ask over plain HTTP, often with an IP address as the host.
HEALTHZ_PATH = "/healthz"

# When a reader, or a crawler, should try again.
RETRY_AFTER_SECONDS = 60


class RequestTimeout(Exception):
    """A request ran past its timeout (request_timeout()): in practice, one waiting on a
    database that has stopped answering."""


# What the 503 page stands for: the database unreachable, hung, or too slow.
DATABASE_FAULTS = (OperationalError, InterfaceError, RequestTimeout)


@contextmanager
def deadline(seconds):
    """Raises RequestTimeout in this thread once `seconds` have passed, if it is the main
    thread (the only one a signal reaches)."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise RequestTimeout(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def close_connections():
    """Drops this thread's connections, which a fault may have left in the middle of a query."""
    for connection in connections.all(initialized_only=True):
        connection.close()


def health(request):
    """The state of each database the site reads, after a trivial query bounded as connecting
    is: the primary and its replicas (kp_tracker/routers.py), a replica "behind" when it lacks a
    change the primary has held for REPLICA_MAX_LAG_SECONDS. Unhealthy only without the
    primary: readers read from it while a replica fails."""
    states = {}
    for alias in [DEFAULT_DB_ALIAS, *settings.DATABASE_REPLICAS]:
        try:
            with deadline(settings.DATABASE_CONNECT_TIMEOUT):
                with connections[alias].cursor() as cursor:
                    cursor.execute("SELECT 1")
            states[alias] = "ok"
        except DATABASE_FAULTS:
            connections[alias].close()
            states[alias] = "unavailable"
    for alias in settings.DATABASE_REPLICAS:
        if states[alias] == "ok" and states[DEFAULT_DB_ALIAS] == "ok":
            try:
                with deadline(settings.DATABASE_CONNECT_TIMEOUT):
                    if too_far_behind(alias):
                        states[alias] = "behind"
            except DATABASE_FAULTS:
                close_connections()
                states[alias] = "unavailable"
        if states[alias] != "ok":
            mark_failing(alias)
    healthy = states[DEFAULT_DB_ALIAS] == "ok"
    response = JsonResponse({"databases": states}, status=200 if healthy else 503)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseHealthMiddleware:
    """High in MIDDLEWARE, below the policies and SecurityMiddleware's headers: answers /healthz,
    and holds every other request to its timeout, the middleware below included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == HEALTHZ_PATH:
            return health(request)
        with deadline(request_timeout(request)):
            return self.get_response(request)


def request_timeout(request):
    """How long `request` may take: a reader's (a GET or HEAD outside the admin), whose pages are
    cheap, READER_REQUEST_TIMEOUT; an editor's form, import or export, REQUEST_TIMEOUT."""
    return settings.READER_REQUEST_TIMEOUT if is_read(request) else settings.REQUEST_TIMEOUT


def server_error(request):
    """handler500: the 503 page when the error is the database's, Django's 500 page otherwise.

    Django sends here every exception nothing else handled, from a middleware as from a view,
    which a middleware's process_exception would not see."""
    if not isinstance(sys.exc_info()[1], DATABASE_FAULTS):
        return defaults.server_error(request)
    if (alias := replica.get()) is not None:
        mark_failing(alias)  # if the primary failed instead, readers find it down too
    close_connections()
    if request.path_info.startswith("/api/"):
        response = JsonResponse(
            {"detail": "The database is not answering. Try again in a minute."}, status=503
        )
    else:
        # The footer's last update would query the database: the page goes without it.
        response = render(request, "503.html", {"record_last_updated": None}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
