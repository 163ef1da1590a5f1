"""When the public record last changed, read from the database, so that every worker and every
server agrees: conditional requests (ETag, Last-Modified) and caches are keyed by it."""

import datetime
import functools

from django.apps import apps
from django.db import connection, connections, router
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from simple_history.utils import get_history_model_for_model


@functools.cache
def history_tables():
    """The history table of each model of the record (django-simple-history): an edit, a
    publication, an import or a deletion each adds a row there. Found once per process: finding
    them takes longer than the query that reads them."""
    return [
        get_history_model_for_model(model)._meta.db_table
        for model in apps.get_app_config("plenaries").get_models()
        if hasattr(model._meta, "simple_history_manager_attribute")
    ]


def latest(selects, params=()):
    """The latest of the times the `selects` give (each one row of one column named `latest`),
    or None when none gives one: one query, each part one step down an index."""
    union = " UNION ALL ".join(selects)
    # Where the pages read the record: a replica, for an anonymous reader (kp_tracker/routers.py).
    database = router.db_for_read(apps.get_model("plenaries", "Decision"))
    with connections[database].cursor() as cursor:
        cursor.execute(f"SELECT MAX(latest) FROM ({union}) AS times", params)
        (time,) = cursor.fetchone()
    if isinstance(time, str):  # SQLite hands a raw query's timestamps back as the text it stores
        time = parse_datetime(time)
    if time is not None and timezone.is_naive(time):
        time = timezone.make_aware(time, datetime.UTC)
    return time


def last_change():
    """The time of the latest change to any record, drafts included, or None before the first:
    each table's latest entry, read from its index on history_date."""
    quote = connection.ops.quote_name
    return latest(
        f"SELECT MAX(history_date) AS latest FROM {quote(table)}" for table in history_tables()
    )
