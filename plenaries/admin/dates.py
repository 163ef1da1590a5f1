"""Partial dates in the admin (see plenaries.dates): one text input each, typed as far as the
source gives the date, "2023", "2023-11" or "2023-11-10". The precision follows from what is
typed, so the `<name>_precision` select is never shown."""

import datetime

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from plenaries.dates import PartialDate, Precision, parse_partial_date

TYPING_HINT = _("Type as much as the source gives: 2023, 2023-11 or 2023-11-10.")


class PartialDateField(forms.Field):
    """A date typed as far as it is known; it cleans to a (date, precision) pair, which is
    (None, day) when left empty, as parse_partial_date() reads an empty date."""

    widget = forms.TextInput(attrs={"size": 10})
    default_error_messages = {
        "invalid": _("“%(value)s” is not a date: type one as 2023, 2023-11 or 2023-11-10."),
    }

    def to_python(self, value):
        """The (date, precision) pair typed, or None when nothing is."""
        if isinstance(value, tuple):
            return value
        text = "" if value is None else str(value).strip()
        if not text:
            return None
        try:
            return parse_partial_date(text)
        except ValueError:  # not written so, or no such day (2023-02-30)
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": text}
            ) from None

    def clean(self, value):
        return super().clean(value) or (None, Precision.DAY)

    def has_changed(self, initial, data):
        # By what was typed: "2023-11" and "2023-11-01" are two different dates.
        try:
            return self.to_python(initial) != self.to_python(data)
        except ValidationError:
            return True


class PartialDatesForm(forms.ModelForm):
    """A ModelForm whose PartialDateFields show the record's dates as typed ("2023-11") and
    store the precision they are typed at in the record's `<name>_precision`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.partial_date_names():
            value = self.initial.get(name)
            if isinstance(value, datetime.date):
                precision = getattr(self.instance, f"{name}_precision")
                self.initial[name] = PartialDate(value, precision).isoformat()

    def partial_date_names(self):
        return [name for name, field in self.fields.items() if isinstance(field, PartialDateField)]

    def clean(self):
        # First, so that the checks that follow, and the model's, see the date alone.
        for name in self.partial_date_names():
            if name in self.cleaned_data:
                date, precision = self.cleaned_data[name]
                self.cleaned_data[name] = date
                setattr(self.instance, f"{name}_precision", precision)
        return super().clean()


def partial_date_column(field):
    """A changelist column showing the partial date `field` as far as it is known:
    "November 2023", never a made-up first day."""

    @admin.display(description=field.verbose_name, ordering=field.name)
    def column(record):
        return str(record.partial_date(field.name)) or None

    column.__name__ = field.name  # the column's CSS class, as for the field itself
    return column


class PartialDatesAdminMixin:
    """For a ModelAdmin or an inline: each of the model's `partial_dates` in a PartialDateField,
    without its precision select, and shown as known in the changelist."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        partial_dates = getattr(db_field.model, "partial_dates", ())
        if db_field.name in partial_dates:
            help_text = db_field.help_text
            help_text = format_html("{} {}", help_text, TYPING_HINT) if help_text else TYPING_HINT
            return db_field.formfield(form_class=PartialDateField, help_text=help_text)
        if db_field.name.removesuffix("_precision") in partial_dates:
            return None  # read from what is typed in the date's own input
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_list_display(self, request):
        partial_dates = getattr(self.model, "partial_dates", ())
        return [
            partial_date_column(self.model._meta.get_field(name)) if name in partial_dates else name
            for name in super().get_list_display(request)
        ]
