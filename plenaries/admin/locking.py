"""No lost updates: a save based on a stale copy of a record is refused, and nobody's work is lost.

The change form carries the record's `version` as it was when the editor opened it, and, through
Django's `show_hidden_initial`, every field's value at that moment. When the version in the
database has moved on, someone saved in between: the form is refused with a message naming who and
what changed. In the re-displayed form, fields only the other person changed take their new saved
value; fields both changed keep this editor's text, flagged, to re-apply or drop; saving again then
goes through.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

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


class ConcurrentEditForm(forms.ModelForm):
    """A ModelForm that refuses to overwrite changes saved since it was opened."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        for name, field in self.fields.items():
            if name != "version":
                field.show_hidden_initial = True

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
        records = type(self.instance).objects.filter(pk=self.instance.pk)
        if transaction.get_connection(records.db).in_atomic_block:
            # Locked until this save commits, so that two saves cannot both pass this check.
            records = records.select_for_update()
        saved = records.first()
        if saved is None or cleaned_data.get("version") in (None, saved.version):
            return cleaned_data  # a new record, a deleted record being restored, or no conflict
        self.merge_saved_changes(saved)
        return cleaned_data

    def merge_saved_changes(self, saved):
        """Fold what was saved meanwhile into this form's data, then refuse this save."""
        saved_form = type(self)(instance=saved)
        data = self.data.copy()
        theirs, both = [], []
        for name in self.fields:
            if name == "version":
                continue
            opened, mine = self.raw(name, initial=True), self.raw(name)
            now = comparable(saved_form[name].value())
            if now == opened:
                continue
            label = self.fields[name].label or name
            if mine == opened:
                theirs.append(f"{label}: “{shown(now)}”")
                self.replace(data, name, saved_form[name].value())
            else:
                both.append(name)
                self.add_error(
                    name,
                    _("Changed meanwhile to: “%(value)s”. Your text is kept here.")
                    % {"value": shown(now)},
                )
            self.replace(data, self.add_initial_prefix(name), saved_form[name].value())
        data[self.add_prefix("version")] = saved.version
        self.data = data

        change = saved.history.select_related("history_user").first()
        who = (change.history_user if change else None) or _("someone else")
        when = f" ({change.history_date:%Y-%m-%d %H:%M} UTC)" if change else ""
        message = _("%(who)s saved this record%(when)s while you were editing it.") % {
            "who": who,
            "when": when,
        }
        if theirs:
            message += " " + _("Their changes, now in the form: %(changes)s.") % {
                "changes": "; ".join(theirs)
            }
        if both:
            message += " " + _("You both changed the fields marked below.")
        message += " " + _("Nothing of yours is lost: review the form and save again.")
        raise ValidationError(message, code="conflict")

    @staticmethod
    def replace(data, key, value):
        if isinstance(value, list | tuple):
            data.setlist(key, [str(item) for item in value])
        else:
            data[key] = "" if value is None else str(value)
