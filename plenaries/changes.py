"""When the public record last changed, read from the database, so that every worker and every
server agrees: conditional requests (ETag, Last-Modified) and caches are keyed by it."""

import datetime
from typing import NamedTuple

from django.apps import apps
from django.db import InterfaceError, OperationalError, connections, router
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from .models import RecordVersion


class Version(NamedTuple):
    """How many changes the record has seen, and when the last one was (None before any)."""

    number: int
    changed_at: datetime.datetime | None


def record_version():
    """The record's version (RecordVersion): a read by primary key, in plain SQL, since every
    request pays it. From the database the page itself is read from (a replica, for an anonymous
    reader: kp_tracker/routers.py), so that a page is never kept under a version newer than its
    own.

    It is also the request's health check of a persistent connection (CONN_HEALTH_CHECKS):
    Django's own check would cost a round trip of its own before it, about a fifth of what a
    page kept in memory cost under load (docs/performance.md). A connection the read finds broken
    is closed and the read made once more on a new one, as Django's check would have done."""
    connection = connections[router.db_for_read(RecordVersion)]
    checking = (
        connection.health_check_enabled
        and connection.connection is not None
        and not connection.health_check_done
    )
    connection.health_check_done = True
    try:
        return read_version(connection)
    except (InterfaceError, OperationalError):
        if not checking:
            raise
        connection.close()
        return read_version(connection)


def read_version(connection):
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT number, changed_at FROM {RecordVersion._meta.db_table} WHERE id = 1"
        )
        row = cursor.fetchone()
    if row is None:  # a database emptied by `flush`, until its next change
        return Version(0, None)
    number, changed_at = row
    return Version(number, aware(changed_at))


def latest(selects, params=()):
    """The latest of the times the `selects` give (each one row of one column named `latest`),
    or None when none gives one: one query, each part one step down an index."""
    union = " UNION ALL ".join(selects)
    # Where the pages read the record: a replica, for an anonymous reader (kp_tracker/routers.py).
    database = router.db_for_read(apps.get_model("plenaries", "Decision"))
    with connections[database].cursor() as cursor:
        cursor.execute(f"SELECT MAX(latest) FROM ({union}) AS times", params)
        (time,) = cursor.fetchone()
    return aware(time)


def aware(time):
    """A time read in plain SQL, as the ORM would give it."""
    if isinstance(time, str):  # SQLite hands a raw query's timestamps back as the text it stores
        time = parse_datetime(time)
    if time is not None and timezone.is_naive(time):
        time = timezone.make_aware(time, datetime.UTC)
    return time
