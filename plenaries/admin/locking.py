"""No lost updates: a save based on a stale copy of a record is refused, and nobody's work is lost.

The change form carries the record's `version` as it was when the editor opened it (a hidden input
that the change form template renders, for the main form and for every inline row), and, through
Django's `show_hidden_initial`, every field's value at that moment. When the version in the
database has moved on, someone saved in between: the form is refused with a message naming who and
what changed. In the re-displayed form, fields only the other person changed take their new saved
value; fields both changed keep this editor's text, flagged, to re-apply or drop; saving again then
goes through. An inline row this editor did not touch is not saved, so it only takes the new
values, without a word.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.models import to_historic

SHOWN_LENGTH = 120


def comparable(value):
    """One form for a value from a POST, a hidden input or an unbound form, to compare them."""
    if isinstance(value, list | tuple):
        return sorted(comparable(item) for item in value)
    if value is None:
        return ""
    if hasattr(value, "pk"):
        return str(value.pk)
    return str(value).replace("\r\n", "\n").strip()


def shown(value):
    text = ", ".join(value) if isinstance(value, list) else value
    text = text or _("(empty)")
    return text if len(text) <= SHOWN_LENGTH else text[: SHOWN_LENGTH - 1] + "…"


class VersionField(forms.IntegerField):
    """The version a form was opened at: bookkeeping that travels with the form, never an edit."""

    widget = forms.HiddenInput

    def has_changed(self, initial, data):
        return False


class ConcurrentEditForm(forms.ModelForm):
    """A ModelForm that refuses to overwrite changes saved since it was opened.

    `version` is added here rather than declared, so that the admin, which lays out the fields
    it is told about, never lists it: the change form template renders it instead."""

    # The admin saves its main form even when nothing in it changed, but only the inline rows
    # that did: an untouched row needs no check.
    saved_when_unchanged = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.show_hidden_initial = True
        if to_historic(self.instance) is not None:
            # A revert edits the record as it is saved now, not the old version it copies.
            saved = type(self.instance).objects.filter(pk=self.instance.pk)
            self.instance.version = saved.values_list("version", flat=True).first() or (
                self.instance.version
            )
        self.fields["version"] = VersionField(required=False, initial=self.instance.version)

    def raw(self, name, initial=False):
        field = self.fields[name]
        if initial:
            widget, key = field.hidden_widget(), self.add_initial_prefix(name)
        else:
            widget, key = field.widget, self.add_prefix(name)
        return comparable(widget.value_from_datadict(self.data, self.files, key))

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is None:
            return cleaned_data
        # By primary key, not the model's ordering: ordering by a nullable relation (a position's
        # participant) would join it, and PostgreSQL locks no row on a join's nullable side.
        records = type(self.instance).objects.filter(pk=self.instance.pk).order_by("pk")
        if transaction.get_connection(records.db).in_atomic_block:
            # Locked until this save commits, so that two saves cannot both pass this check.
            records = records.select_for_update()
        saved = records.first()
        if saved is None or cleaned_data.get("version") in (None, saved.version):
            return cleaned_data  # a new record, a deleted record being restored, or no conflict
        edited = self.saved_when_unchanged or self.has_changed()
        self.merge_saved_changes(saved)
        if edited:
            self.refuse(saved)
        return cleaned_data

    def merge_saved_changes(self, saved):
        """Fold what was saved meanwhile into this form's data, flagging the fields both changed."""
        saved_form = type(self)(instance=saved, prefix=self.prefix)
        data = self.data.copy()
        self.theirs, self.both = [], []
        # The form's own fields: not those an inline formset adds (its row id, DELETE).
        for name in saved_form.fields:
            if name == "version":
                continue
            opened, mine = self.raw(name, initial=True), self.raw(name)
            now = comparable(saved_form[name].value())
            if now == opened:
                continue
            label = self.fields[name].label or name
            if mine == opened:
                self.theirs.append(f"{label}: “{shown(now)}”")
                self.replace(data, self.add_prefix(name), saved_form[name].value())
            else:
                self.both.append(name)
                self.add_error(
                    name,
                    _("Changed meanwhile to: “%(value)s”. Your text is kept here.")
                    % {"value": shown(now)},
                )
            self.replace(data, self.add_initial_prefix(name), saved_form[name].value())
        data[self.add_prefix("version")] = saved.version
        self.data = data

    def refuse(self, saved):
        """Refuse this save, saying who saved meanwhile and what of theirs is now in the form."""
        change = saved.history.select_related("history_user").first()
        who = (change.history_user if change else None) or _("someone else")
        when = f" ({change.history_date:%Y-%m-%d %H:%M} UTC)" if change else ""
        message = _("%(who)s saved this %(record)s%(when)s while you were editing it.") % {
            "who": who,
            "record": saved._meta.verbose_name,
            "when": when,
        }
        if self.theirs:
            message += " " + _("Their changes, now in the form: %(changes)s.") % {
                "changes": "; ".join(self.theirs)
            }
        if self.both:
            message += " " + _("You both changed the fields marked below.")
        message += " " + _("Nothing of yours is lost: review the form and save again.")
        raise ValidationError(message, code="conflict")

    @staticmethod
    def replace(data, key, value):
        if isinstance(value, list | tuple):
            data.setlist(key, [str(item) for item in value])
        else:
            data[key] = "" if value is None else str(value)
