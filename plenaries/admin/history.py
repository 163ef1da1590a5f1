"""One history row per save, and a history page an editor can read.

simple-history records a row on every save() and another on every change of a many-to-many field
it tracks: one admin save of a decision with new sources, topics and positions made several rows,
the first holding the links as they were before the save, the others empty. The admin therefore
saves with simple-history's `skip_history_when_saving` and calls record_save() once the links and
the inline rows are saved too. Inline rows are recorded at the moment of the record's own row, so
that its history page can say on that row what changed in them (inline_changes()).
"""

import dataclasses
import json
import re
from collections import defaultdict
from difflib import SequenceMatcher

from django.contrib.admin.models import LogEntry
from django.core.exceptions import ObjectDoesNotExist
from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from simple_history.template_utils import HistoricalRecordContextHelper

from plenaries.history import BOOKKEEPING_FIELDS, record_save
from plenaries.slugs import fill_slug


def save_inline_rows(formset, moment):
    """Save an inline formset as the admin does, each row recorded once (see record_save()) and
    at `moment`, the moment of the record's own row."""
    rows = formset.save(commit=False)
    for row in formset.deleted_objects:
        row._history_date = moment
        row.delete()
    # Rows whose slug is typed first, then those whose slug is made from them (fill_slug()),
    # each finding the slugs saved before it.
    for row in sorted(rows, key=lambda row: not getattr(row, "slug", "-")):
        row._history_date = moment
        row.skip_history_when_saving = True
        fill_slug(row)
        row.save()
    formset.save_m2m()
    for row in rows:
        record_save(row, added=row in formset.new_objects)


def inline_changes(model_admin, request, records):
    """Set `inline_changes` on each of `records` (history rows of one record) that inline rows
    were saved with: what they changed, in the words of the admin's log ("Added position …")."""
    if not records:
        return
    object_id = getattr(records[0], model_admin.model._meta.pk.attname)
    by_moment = {record.history_date: record for record in records}
    changes = defaultdict(list)
    for inline in model_admin.get_inline_instances(request):
        if not hasattr(inline.model._meta, "simple_history_manager_attribute"):
            continue
        link = inline.get_formset(request).fk
        rows = inline.model.history.filter(
            **{link.attname: object_id, "history_date__in": list(by_moment)}
        ).order_by("history_id")
        for row in rows:
            changes[row.history_date].append(change_message(row))
    for moment, messages in changes.items():
        log = LogEntry(change_message=json.dumps([message for message in messages if message]))
        by_moment[moment].inline_changes = log.get_change_message()


def change_message(row):
    """An inline row's history row as an entry of the admin's change message (see Django's
    construct_change_message()), names untranslated as there: the log translates them."""
    opts = row.instance_type._meta
    try:
        label = str(row.history_object)
    except ObjectDoesNotExist:  # it names a record deleted since
        label = f"{opts.verbose_name} {row.pk}"
    with translation.override(None):
        entry = {"name": str(opts.verbose_name), "object": label}
        if row.history_type == "+":
            return {"added": entry}
        if row.history_type == "-":
            return {"deleted": entry}
        previous = row.prev_record
        if previous is None:
            return None
        changed = row.diff_against(previous, excluded_fields=BOOKKEEPING_FIELDS).changed_fields
        fields = [str(opts.get_field(name).verbose_name) for name in changed]
        return {"changed": {**entry, "fields": fields}} if fields else None


class ReadableChanges(HistoricalRecordContextHelper):
    """A change on the history page: the whole old and new values, choices by their labels,
    linked records by their names, with what only one side has marked, in the model's order."""

    def context_for_delta_changes(self, delta):
        opts = self.model._meta
        order = {
            field.name: index for index, field in enumerate((*opts.fields, *opts.many_to_many))
        }
        changes = sorted(delta.changes, key=lambda change: order.get(change.field, len(order)))
        return super().context_for_delta_changes(dataclasses.replace(delta, changes=changes))

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        field = self.model._meta.get_field(change.field)
        if field.choices and not isinstance(value, list):
            return dict(field.flatchoices).get(value, value)
        return value

    def stringify_delta_change_values(self, change, old, new):
        return marked_difference(old, new)


def pieces(value):
    """A text as its words, each with the space after it; a list (the records a many-to-many
    field links) as its items' names, in order."""
    if isinstance(value, list):
        return sorted(str(item) for item in value)
    if value is None or value == "":
        return []
    return re.split(r"(?<=\s)(?=\S)", str(value))


def marked(tag, text):
    """`text` in <del> or <ins>, the space after its last word left out of the mark."""
    words = text.rstrip()
    return format_html("<{}>{}</{}>{}", tag, words, tag, text[len(words) :])


def marked_difference(old, new):
    """`old` and `new` whole as HTML, the words or items only one of them has in <del> or <ins>."""
    separator = "; " if isinstance(old, list) else ""
    before, after = pieces(old), pieces(new)
    old_html, new_html = [], []
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        removed, added = separator.join(before[i1:i2]), separator.join(after[j1:j2])
        if tag == "equal":
            old_html.append(escape(removed))
            new_html.append(escape(added))
            continue
        if removed:
            old_html.append(marked("del", removed))
        if added:
            new_html.append(marked("ins", added))
    empty = format_html("<i>{}</i>", _("(empty)"))
    return (
        mark_safe(separator.join(old_html)) if old_html else empty,  # each piece escaped above
        mark_safe(separator.join(new_html)) if new_html else empty,
    )
