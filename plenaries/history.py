"""One history row per change, whichever path saved it.

simple-history records a row on every save() and another on every change of a many-to-many link
it tracks. The admin and the demo data loader save with simple-history's
`skip_history_when_saving` and call record_save() once a record and its links are saved;
imports, whose saving django-import-export drives, call squash_history() when they are done. An
editor reading a record's history sees one row for each save, load or import.
"""

from itertools import groupby

# Columns that change on every save: listing them among "what changed" would only be noise.
BOOKKEEPING_FIELDS = ["updated_at", "version"]


def record_save(record, *, added=False, inlines_changed=False):
    """Record the save just made of `record` as one history row, holding it as saved, its
    many-to-many links included; none when the save changed nothing at all."""
    if hasattr(record, "skip_history_when_saving"):
        del record.skip_history_when_saving
    record.save(update_fields=["updated_at"])  # simple-history records the row on this save
    latest, *earlier = record.history.all()[:2]
    if added:
        # A save with update_fields is never a creation to simple-history.
        latest.history_type = "+"
        latest.save(update_fields=["history_type"])
    elif earlier and not inlines_changed:
        if not latest.diff_against(earlier[0], excluded_fields=BOOKKEEPING_FIELDS).changes:
            latest.delete()


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
