"""Bulk import and export (django-import-export) of the records editors keep in spreadsheets.

Records refer to each other by slug (a decision's meeting, a position's participant) and sources by
address. Every row is validated like an admin form (`clean_model_instances`), and a file with any
refused row imports nothing, at the preview as at the confirmation. Imported records arrive as
drafts, and an import never publishes or unpublishes: the publication state is no column here.

Each reason to refuse a file reaches the import page as a sentence naming the row and the column
(`ImportResult.problems`, shown by templates/admin/import_export/import.html), never as exception
text, a traceback or SQL. Rows are numbered as a spreadsheet shows them: the headings are row 1.
"""

import functools
import logging
from operator import itemgetter

from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import fields, resources, results, widgets

from .csv_export import neutralised, restored
from .history import squash_history
from .models import Decision, Meeting, Participant, Position, Source, Statement, WorkingBody
from .slugs import fill_slug

logger = logging.getLogger(__name__)


def spreadsheet_row(number):
    """The row a spreadsheet shows for import-export's row `number` (1 for the first record)."""
    return number + 1


class Boolean(widgets.BooleanWidget):
    """A yes-or-no column that refuses what it cannot read, which import-export reads as false."""

    def clean(self, value, row=None, **kwargs):
        if value not in (*self.TRUE_VALUES, *self.FALSE_VALUES, *self.NULL_VALUES):
            raise ValueError(value)
        return super().clean(value, row, **kwargs)


class Text(widgets.CharWidget):
    """A text column, exported so that no spreadsheet runs it as a formula: text starting with
    = + - @, a tab or a carriage return gets a leading apostrophe (plenaries.csv_export), in CSV,
    XLSX and JSON alike, and an import removes exactly that apostrophe, so that an exported file
    imports back unchanged. The one ambiguity is a file written by hand: its "'=1" is read as
    "=1", as a spreadsheet reads it when typed. Numbers and dates are other widgets, untouched."""

    def clean(self, value, row=None, **kwargs):
        return super().clean(restored(value), row, **kwargs)

    def render(self, value, obj=None, **kwargs):
        return neutralised(super().render(value, obj, **kwargs))


def no_such(model, key, value):
    """That no `model` record has `value` as its `key`, such as a participant's slug."""
    opts = model._meta
    message = _("There is no %(record)s with the %(key)s '%(value)s'.")
    return message % {
        "record": opts.verbose_name,
        "key": opts.get_field(key).verbose_name,
        "value": value,
    }


def unreadable(field, value):
    """Why a column's widget could not read `value`, in the editor's words."""
    widget = field.widget
    if isinstance(widget, widgets.ForeignKeyWidget):
        return no_such(widget.model, widget.field, value)
    if isinstance(widget, widgets.DateWidget):
        return _("'%(value)s' is not a date written as YYYY-MM-DD.") % {"value": value}
    if isinstance(widget, widgets.IntegerWidget):
        return _("'%(value)s' is not a whole number.") % {"value": value}
    if isinstance(widget, Boolean):
        return _("'%(value)s' is not 1 (yes), 0 (no) or empty.") % {"value": value}
    return _("'%(value)s' cannot be read in this column.") % {"value": value}


def reference(name, model, key="slug"):
    """A column holding another record's natural key, such as a meeting's slug."""
    return fields.Field(
        attribute=name, column_name=name, widget=widgets.ForeignKeyWidget(model, key)
    )


class ImportResult(results.Result):
    """The outcome of an import, its errors told as sentences naming the row and the column."""

    def append_error_row(self, number, row, errors):
        for error in errors:
            logger.error("Import row %d failed", spreadsheet_row(number), exc_info=error.error)
        super().append_error_row(number, row, errors)

    def append_base_error(self, error):
        if not isinstance(error.error, ValidationError):
            logger.error("An import failed", exc_info=error.error)
        super().append_base_error(error)

    def problems(self):
        """Validation errors are the file's, told as they are; any other error is ours, logged."""
        told = []
        for error in self.base_errors:
            if isinstance(error.error, ValidationError):
                told += error.error.messages
            else:
                told.append(_("The file could not be imported: the error is logged."))
        errors = [
            (row.number, column, message)
            for row in self.invalid_rows
            for column, messages in row.error_dict.items()
            for message in messages
        ]
        errors += [
            (row.number, NON_FIELD_ERRORS, _("It could not be imported: the error is logged."))
            for row in self.error_rows
        ]
        for number, column, message in sorted(errors, key=itemgetter(0)):
            where = {"row": spreadsheet_row(number), "column": column, "message": message}
            if column == NON_FIELD_ERRORS:
                told.append(_("Row %(row)d: %(message)s") % where)
            else:
                told.append(_("Row %(row)d, column '%(column)s': %(message)s") % where)
        return told


class RecordResource(resources.ModelResource):
    """What every import shares: all or nothing, one row per record, errors in plain words."""

    WIDGETS_MAP = {
        **resources.ModelResource.WIDGETS_MAP,
        "BooleanField": Boolean,
        "CharField": Text,
        "TextField": Text,
        # Dates as the export writes them, and nothing else: Django's default input formats read
        # 01/11/2030 as 11 January, where most of the world wrote 1 November.
        "DateField": functools.partial(widgets.DateWidget, format="%Y-%m-%d"),
    }

    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        import_id_fields = ("slug",)

    def get_result_class(self):
        return ImportResult

    def import_data(self, dataset, **kwargs):
        """A refused row rolls back the whole file, at the confirmation too (which, by default,
        imports the rows that pass)."""
        return super().import_data(dataset, **{**kwargs, "rollback_on_validation_errors": True})

    def after_import(self, dataset, result, **kwargs):
        """One history row for each record the file changed, not one per link it set."""
        super().after_import(dataset, result, **kwargs)
        ids = [row.object_id for row in result.rows if row.object_id is not None]
        if ids and not self._is_dry_run(kwargs):
            squash_history(self._meta.model, self.started, ids)

    def before_import(self, dataset, **kwargs):
        """Refuses a file without its key columns, and notes each row repeating an earlier row's
        key: importing both would let the last one win."""
        self.started = timezone.now()  # for after_import()
        self.repeats = {}
        columns = [self.fields[name].column_name for name in self.get_import_id_fields()]
        missing = [column for column in columns if column not in (dataset.headers or ())]
        if missing:
            raise ValidationError(
                [
                    _("The file has no '%(column)s' column, which says which record a row is.")
                    % {"column": column}
                    for column in missing
                ]
            )
        first_rows = {}
        for number, values in enumerate(dataset, 1):
            row = dict(zip(dataset.headers, values, strict=False))
            key = self.row_key(row, columns)
            if key is None:
                continue
            first = first_rows.setdefault(key, number)
            if first != number:
                named = ", ".join(f"{column} '{value}'" for column, value in key)
                self.repeats[number] = _(
                    "Same %(key)s as row %(row)d: a file may hold each record only once."
                ) % {"key": named, "row": spreadsheet_row(first)}

    def row_key(self, row, columns):
        """The (column, value) pairs that say which record `row` is; None if a value is empty."""
        key = tuple((column, str(row.get(column) or "").strip()) for column in columns)
        return key if all(value for column, value in key) else None

    def before_import_row(self, row, row_number=None, **kwargs):
        """Refuses a repeating row, and a null character: it passes validation, but PostgreSQL
        cannot store it."""
        if row_number in self.repeats:
            raise ValidationError(self.repeats[row_number])
        nulls = [column for column, value in row.items() if "\x00" in str(value)]
        if nulls:
            message = _("It holds a null character (0x00), which the database cannot store.")
            raise ValidationError(dict.fromkeys(nulls, message))

    def get_instance(self, instance_loader, row):
        """A row whose key names a record that does not exist is new; import_field says why the
        reference is refused."""
        try:
            return super().get_instance(instance_loader, row)
        except (ObjectDoesNotExist, ValueError):
            return None

    def import_instance(self, instance, row, **kwargs):
        """A row may leave a slug empty that has a convention: it is made (plenaries.slugs), even
        when another column is refused, so that only that column is reported."""
        try:
            super().import_instance(instance, row, **kwargs)
        finally:
            fill_slug(instance)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        try:
            super().import_field(field, instance, row, is_m2m, **kwargs)
        except (ObjectDoesNotExist, ValueError, ArithmeticError) as error:
            raise ValueError(unreadable(field, row[field.column_name])) from error

    def do_instance_save(self, instance, is_create):
        """A row the database refuses after passing validation is refused in words, not in SQL.

        This happens when another editor saves a clashing record between this row's validation
        and its save: validating again names the clash. The savepoint lets PostgreSQL go on with
        the other rows.
        """
        try:
            with transaction.atomic(using=self.get_db_connection_name()):
                super().do_instance_save(instance, is_create)
        except DatabaseError as error:
            logger.warning("The database refused an imported row", exc_info=True)
            instance.full_clean()
            raise ValidationError(
                _("The database refused this row although it passed every check; it is logged.")
            ) from error


class ParticipantResource(RecordResource):
    class Meta(RecordResource.Meta):
        model = Participant
        fields = (
            "slug", "name", "short_name", "name_fr", "role", "kind", "country",
            "admitted_on", "admitted_on_precision", "note",
        )  # fmt: skip


class MeetingResource(RecordResource):
    host = reference("host", Participant)

    class Meta(RecordResource.Meta):
        model = Meeting
        fields = (
            "slug", "kind", "year", "ordinal", "city", "country", "host", "starts_on", "ends_on",
            "format", "communique_issued", "summary",
        )  # fmt: skip


class DecisionResource(RecordResource):
    meeting = reference("meeting", Meeting)
    working_body = reference("working_body", WorkingBody)

    class Meta(RecordResource.Meta):
        model = Decision
        fields = (
            "slug", "title", "identifier", "meeting", "written_procedure", "decided_on",
            "decided_on_precision", "outcome", "summary", "text", "conditions", "effective_on",
            "effective_on_precision", "review_on", "review_on_precision", "working_body",
        )  # fmt: skip


class StatementResource(RecordResource):
    issuer = reference("issuer", Participant)
    meeting = reference("meeting", Meeting)

    class Meta(RecordResource.Meta):
        model = Statement
        fields = (
            "slug", "title", "issuer", "speaker", "speaker_office", "kind", "issued_on",
            "issued_on_precision", "meeting", "body", "press_contact",
        )  # fmt: skip


class References(widgets.ManyToManyWidget):
    """A column of other records' keys, comma-separated, that refuses a key it cannot find:
    import-export's own widget leaves it out without a word."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, list | tuple):  # a JSON file may give a list
            value = self.separator.join(str(key) for key in value)
        records = super().clean(value, row, **kwargs)
        keys = {key.strip() for key in str(value or "").split(self.separator)} - {""}
        found = {str(key) for key in records.values_list(self.field, flat=True)}
        if keys - found:
            raise ValidationError(
                [no_such(self.model, self.field, key) for key in sorted(keys - found)]
            )
        return records


def references(name, model, key):
    """A column listing other records by their natural key, such as statements by slug."""
    return fields.Field(attribute=name, column_name=name, widget=References(model, field=key))


class PositionResource(RecordResource):
    """Positions, each found by its decision and participant, or for unnamed others by its
    decision and stance; each row cites statements (by slug) or sources (by address)."""

    decision = reference("decision", Decision)
    participant = reference("participant", Participant)
    statements = references("statements", Statement, "slug")
    sources = references("sources", Source, "url")
    evidence = ("statements", "sources")

    class Meta(RecordResource.Meta):
        model = Position
        import_id_fields = ("decision", "participant")
        fields = (
            "decision", "participant", "others", "attribution", "stance", "note",
            "statements", "sources",
        )  # fmt: skip

    def row_key(self, row, columns):
        """Unnamed others have one row per decision and stance."""
        if str(row.get("participant") or "").strip():
            return super().row_key(row, columns)
        return super().row_key(row, ["decision", "stance"])

    def get_instance(self, instance_loader, row):
        """The saved position a row updates: by decision and participant, or unnamed others'
        by decision and stance (import-export would look for decision and an empty participant,
        which several rows share)."""
        if str(row.get("participant") or "").strip():
            return super().get_instance(instance_loader, row)
        try:
            decision = self.fields["decision"].clean(row)
        except (KeyError, ObjectDoesNotExist, ValueError):
            return None
        unnamed = Position.objects.filter(decision=decision, participant=None)
        return unnamed.filter(stance=str(row.get("stance") or "").strip()).first()

    def import_instance(self, instance, row, **kwargs):
        """Reads the statements and sources before the row is saved (import-export reads them
        only after), and refuses a row that cites neither: the database cannot require one of
        two many-to-many fields."""
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict({})
        else:
            errors = {}
        cited = []
        for name in self.evidence:
            field = self.fields[name]
            if field.column_name not in row:
                cited.append(instance.pk is not None and getattr(instance, name).exists())
                continue
            try:
                cited.append(field.clean(row).exists())
            except ValidationError as error:
                errors[name] = error.messages
        if not any(cited) and not errors.keys() & set(self.evidence):
            errors[NON_FIELD_ERRORS] = [
                _(
                    "It cites nothing: list at least one statement (by slug) in 'statements' or "
                    "source (by address) in 'sources'."
                )
            ]
        if errors:
            raise ValidationError(errors)
