from django.utils.functional import SimpleLazyObject

from .changes import latest
from .models import Decision, Meeting, PublicationStatus, Statement
from .search import MAX_QUERY_LENGTH


def last_updated():
    """When the public record last changed, as its pages say it: one query, run only by pages
    that show it. Each part is one step down the model's `updated_at` index."""
    return latest(
        [
            f"SELECT MAX(updated_at) AS latest FROM {model._meta.db_table} "
            "WHERE publication_status = %s"
            for model in (Decision, Meeting, Statement)
        ],
        [PublicationStatus.PUBLISHED] * 3,
    )


# The language of the record's own text (titles, names, summaries, quotations): its sources'.
# The interface speaks English and French; templates mark record text with it, so that a
# screen reader reading a French page switches voice for it.
RECORD_LANGUAGE = "en"


def record(request):
    return {
        "record_last_updated": SimpleLazyObject(last_updated),
        "record_language": RECORD_LANGUAGE,
        # The search boxes' maxlength: what the search reads of a query.
        "max_query_length": MAX_QUERY_LENGTH,
    }
