from django.db import connection
from django.utils.dateparse import parse_datetime
from django.utils.functional import SimpleLazyObject

from .models import Decision, Meeting, PublicationStatus, Statement


def last_updated():
    """When the public record last changed: one query, run only by pages that show it. Each
    part is one step down the model's `updated_at` index."""
    parts = " UNION ALL ".join(
        f"SELECT MAX(updated_at) AS latest FROM {model._meta.db_table} "
        "WHERE publication_status = %s"
        for model in (Decision, Meeting, Statement)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT MAX(latest) FROM ({parts}) AS changes", [PublicationStatus.PUBLISHED] * 3
        )
        latest = cursor.fetchone()[0]
    # SQLite hands a raw query's timestamps back as text.
    return parse_datetime(latest) if isinstance(latest, str) else latest


# The language of the record's own text (titles, names, summaries, quotations): its sources'.
# The interface speaks English and French; templates mark record text with it, so that a
# screen reader reading a French page switches voice for it.
RECORD_LANGUAGE = "en"


def record(request):
    return {
        "record_last_updated": SimpleLazyObject(last_updated),
        "record_language": RECORD_LANGUAGE,
    }
