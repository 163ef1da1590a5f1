"""When the public record last changed, read from the database, so that every worker and every
server agrees: conditional requests (ETag, Last-Modified) and caches are keyed by it."""

import datetime

from django.apps import apps
from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from simple_history.utils import get_history_model_for_model


def history_tables():
    """The history table of each model of the record (django-simple-history): an edit, a
    publication, an import or a deletion each adds a row there."""
    return [
        get_history_model_for_model(model)._meta.db_table
        for model in apps.get_app_config("plenaries").get_models()
        if hasattr(model._meta, "simple_history_manager_attribute")
    ]


def last_change():
    """The time of the latest change to any record, or None before the first. One query: each
    table's latest entry is read from its index on history_date."""
    quote = connection.ops.quote_name
    latest = " UNION ALL ".join(
        f"SELECT MAX(history_date) AS changed FROM {quote(table)}" for table in history_tables()
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX(changed) FROM ({latest}) AS changes")
        (changed,) = cursor.fetchone()
    if isinstance(changed, str):  # SQLite gives the text it stores
        changed = parse_datetime(changed)
    if changed is not None and timezone.is_naive(changed):
        changed = timezone.make_aware(changed, datetime.UTC)
    return changed
