"""One history row per change, whichever path saved it.

simple-history records a row on every save() and another on every change of a many-to-many link
it tracks. The admin saves once and records once (plenaries.admin.history); the demo data loader
and imports save a record, then set its links one by one, and call squash_history() when they
are done, so that an editor reading a record's history sees one row for the load or the import.
"""

from itertools import groupby


def squash_history(model, since, ids=None):
    """Keep, of the history rows recorded for `model` since `since` (of the records `ids`, or of
    all), one per record: the last, which holds the record as it now is, links included. It is
    marked as the record's creation when the first of them was."""
    rows = model.history.filter(history_date__gte=since)
    if ids is not None:
        rows = rows.filter(id__in=ids)
    rows = rows.order_by("id", "-history_date", "-history_id").only(
        "history_id", "id", "history_type"
    )
    for _, runs in groupby(rows, key=lambda row: row.id):
        last, *earlier = runs
        if not earlier:
            continue
        if earlier[-1].history_type == "+" and last.history_type != "+":
            last.history_type = "+"
            last.save(update_fields=["history_type"])
        model.history.filter(history_id__in=[row.history_id for row in earlier]).delete()
