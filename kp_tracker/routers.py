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
that one replica's outage does not take the site down while the primary answers.
"""

import random
import time
from contextvars import ContextVar

from django.conf import settings
from django.core.signals import request_finished
from django.db import DEFAULT_DB_ALIAS, connections
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
        replicas = answering_replicas()
        replica.set(random.choice(replicas) if replicas and is_public_read(request) else None)
        return self.get_response(request)


@receiver(request_finished)
def end_public_read(**kwargs):
    """Back to the primary once the response is sent: a streamed one (a list's CSV file) reads
    as it is sent, after the middleware has returned."""
    replica.set(None)
