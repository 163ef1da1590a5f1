"""Anonymous public reads from PostgreSQL streaming replicas, everything else from the primary.

DATABASE_REPLICA_URLS names the replicas (settings.py makes each an alias of DATABASE_REPLICAS).
PublicReadMiddleware marks a request a reader makes without signing in: GET or HEAD, not the
admin, no session cookie. Only that request's reads go to a replica, one chosen at random for
the whole request (so that all its reads see the record at one moment). An editor's requests,
the admin, every write, any read inside a transaction, sessions and the cache table stay on the
primary, so that whoever changes the record sees the change at once, while a reader may see it
a replica's lag later (docs/operations.md, "Scaling out").

A replica that fails a reader's request (kp_tracker.health answers it with the 503 page) or the
health check is left out for REPLICA_RETRY_SECONDS: readers read from the primary meanwhile, so
that one replica's outage does not take the site down while the primary answers. So is a replica
that lacks a change the primary has held for REPLICA_MAX_LAG_SECONDS (behind()): one whose
replication has stopped answers every query, and would serve the record as it was, for ever.
"""

import random
import time
from collections import deque
from contextvars import ContextVar

from django.conf import settings
from django.core.signals import request_finished
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.dispatch import receiver

# The replica the current request reads from: None unless it is an anonymous public read, and
# outside requests (commands).
replica = ContextVar("replica", default=None)

# Read from the primary whoever asks: a session or a cache entry may have just been written.
PRIMARY_ONLY = {"sessions", "django_cache"}


# When each replica that failed may be read again: {alias: time.monotonic() value}. Each worker
# finds out for itself, at the cost of one reader's 503 page.
resting_until = {}


def mark_failing(alias):
    resting_until[alias] = time.monotonic() + settings.REPLICA_RETRY_SECONDS


def answering_replicas():
    now = time.monotonic()
    return [alias for alias in settings.DATABASE_REPLICAS if resting_until.get(alias, 0) <= now]


# The versions of the record this worker has read on the primary, oldest first: (when, number),
# the first time it saw each. A replica's lag is measured against them (lag()).
primary_versions = deque()
# When each replica's lag is next measured: {alias: time.monotonic() value}.
lag_due = {}
LAG_CHECK_SECONDS = 1


def lag(alias):
    """How long the replica `alias` has lacked a change this worker saw on the primary, in
    seconds; None when it lacks none. A read of the record's version on each (plenaries.changes),
    so that the lag is the record's, whatever the replication's own counters say."""
    from plenaries.changes import read_version  # the models need the app registry first

    now = time.monotonic()
    primary = read_version(connections[DEFAULT_DB_ALIAS]).number
    if primary_versions and primary < primary_versions[-1][1]:
        primary_versions.clear()  # a database restored or emptied: its numbering starts again
    if not primary_versions or primary > primary_versions[-1][1]:
        primary_versions.append((now, primary))
    # Only the oldest change a replica lacks counts. A change whose successor is older than the
    # limit can go: a replica that lacks it lacks the successor too, and is past the limit.
    window = settings.REPLICA_MAX_LAG_SECONDS + LAG_CHECK_SECONDS
    while len(primary_versions) > 1 and now - primary_versions[1][0] > window:
        primary_versions.popleft()
    held = read_version(connections[alias]).number
    return next((now - when for when, number in primary_versions if number > held), None)


def too_far_behind(alias):
    """Whether the replica `alias` lacks a change the primary has held for
    REPLICA_MAX_LAG_SECONDS (0: any change)."""
    lagging = lag(alias)
    return lagging is not None and lagging >= settings.REPLICA_MAX_LAG_SECONDS


def behind(alias):
    """Whether the replica `alias` lacks a change the primary has held for REPLICA_MAX_LAG_SECONDS,
    measured at most once a second in each worker; if so, it is left out as a failing one is.
    A primary that cannot be reached cannot tell: its replicas go on serving its readers."""
    now = time.monotonic()
    if now < lag_due.get(alias, 0):
        return False
    # Until the measure is taken: a primary that hangs fails one reader, not one a second.
    lag_due[alias] = now + settings.REPLICA_RETRY_SECONDS
    try:
        lagging = too_far_behind(alias)
    except (InterfaceError, OperationalError):
        connections[DEFAULT_DB_ALIAS].close()
        return False
    lag_due[alias] = now + LAG_CHECK_SECONDS
    if lagging:
        mark_failing(alias)
    return lagging


class ReplicaRouter:
    """Django's database router (DATABASE_ROUTERS) for a primary and its streaming replicas."""

    def db_for_read(self, model, **hints):
        alias = replica.get()
        if (
            alias is None
            or model._meta.app_label in PRIMARY_ONLY
            or connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return None  # Django's choice: a related record's database, else the primary
        return alias

    def db_for_write(self, model, instance=None, **hints):
        if instance is not None and instance._state.db in settings.DATABASE_REPLICAS:
            return DEFAULT_DB_ALIAS  # a record read from a replica is saved to the primary
        return None  # Django's choice: the record's database, else the primary

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replicas hold the primary's rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return False if db in settings.DATABASE_REPLICAS else None  # a replica is read-only


def is_admin_path(path):
    return path.startswith(f"/{settings.ADMIN_URL}")


def is_read(request):
    """A GET or HEAD outside the admin: a reader's request, or an editor's reading the site."""
    return request.method in ("GET", "HEAD") and not is_admin_path(request.path_info)


def is_public_read(request):
    return is_read(request) and settings.SESSION_COOKIE_NAME not in request.COOKIES


class PublicReadMiddleware:
    """Picks a replica for an anonymous public read, for ReplicaRouter and the length of the
    request. Above the page cache, whose version of the record must come from the same one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = None
        if is_public_read(request):
            replicas = [alias for alias in answering_replicas() if not behind(alias)]
            chosen = random.choice(replicas) if replicas else None
        replica.set(chosen)
        return self.get_response(request)


@receiver(request_finished)
def end_public_read(**kwargs):
    """Back to the primary once the response is sent: a streamed one (a list's CSV file) reads
    as it is sent, after the middleware has returned."""
    replica.set(None)
