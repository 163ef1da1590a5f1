"""The download's tables, derived from the models, so that a model or a field added tomorrow is
in the next download without a change here: one table per model of the record, one link table
per many-to-many field, and the Table Schema (https://specs.frictionlessdata.io/table-schema/)
of each."""

import datetime
import decimal
import re
from dataclasses import dataclass

from django.apps import apps
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import translation
from simple_history.models import HistoricalChanges

from plenaries.models import Download, DownloadFile, RecordVersion, SearchWord

# Not records of the Kimberley Process: the words "did you mean" suggests (derived from the
# record), the downloads' own bookkeeping and files, and the count of changes the page cache
# reads. The history models (simple-history) are left out too: they hold drafts and every
# earlier text, and the download is the published record now.
NOT_RECORDS = (SearchWord, Download, DownloadFile, RecordVersion)

# Columns left out of every table, each derived or internal.
INTERNAL = {
    "search_vector",  # the words search reads, kept by database triggers from the record's text
    "sort_date",  # the date lists sort decisions by, copied from the meeting or decided_on
    "publication_status",  # every row of the download is published
    "version",  # how many times the admin saved the record, for refusing stale edits
}
# Types whose columns are derived by the database, whatever their name.
DERIVED = (SearchVectorField, models.GeneratedField)

# Table Schema types by Django's internal type; any other is a string.
TYPES = {
    **dict.fromkeys(
        (
            *("AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField"),
            *("SmallIntegerField", "PositiveIntegerField", "PositiveSmallIntegerField"),
            "PositiveBigIntegerField",
        ),
        "integer",
    ),
    "BooleanField": "boolean",
    "DateField": "date",
    "DateTimeField": "datetime",
    "DecimalField": "number",
    "FloatField": "number",
}


@dataclass
class Column:
    """A column of a table: a concrete field of the model (a foreign key as `<name>_id`)."""

    name: str
    field: models.Field
    target: str | None = None  # the table a foreign key points to

    def schema(self):
        """The column's Table Schema field: its type, English title and description, and the
        constraints its model field keeps."""
        model_field = self.field.target_field if self.field.is_relation else self.field
        kind = TYPES.get(model_field.get_internal_type(), "string")
        with translation.override("en"):
            described = {
                "name": self.name,
                "type": kind,
                "title": str(self.field.verbose_name),
                **({"description": str(self.field.help_text)} if self.field.help_text else {}),
            }
        constraints = {}
        # A missing value is an empty cell, so a column that may hold an empty string cannot be
        # required; nor a foreign key, empty where it points to a record that is not public.
        blank_text = kind == "string" and self.field.blank
        if not (self.field.null or blank_text or self.field.is_relation):
            constraints["required"] = True
        if self.field.unique and not self.field.primary_key:
            constraints["unique"] = True
        if self.field.choices:
            constraints["enum"] = [str(value) for value, _label in self.field.flatchoices if value]
        if kind == "string" and getattr(self.field, "max_length", None):
            constraints["maxLength"] = self.field.max_length
        return {**described, **({"constraints": constraints} if constraints else {})}


@dataclass
class Table:
    """A table of the download: a model's published rows, or the links of a many-to-many field
    of a model (`link`) whose ends are both public."""

    name: str
    model: type[models.Model]
    columns: list[Column]
    primary_key: list[str]
    link: models.ManyToManyField | None = None
    description: str = ""

    def schema(self):
        return {
            "fields": [column.schema() for column in self.columns],
            "primaryKey": self.primary_key,
            "foreignKeys": [
                {
                    "fields": column.name,
                    "reference": {"resource": column.target, "fields": "id"},
                }
                for column in self.columns
                if column.target
            ],
            "missingValues": [""],
        }

    def values(self):
        """The rows as they are stored, in one query: the model's published rows, or every link
        of the field (read() keeps those whose ends are both public)."""
        names = [column.field.attname for column in self.columns]
        if self.link is None:
            # prefetch_related(None): published() may prefetch for the pages (positions' public
            # statements), which a values() query does not take.
            rows = self.model.objects.published().prefetch_related(None)
        else:
            rows = self.link.remote_field.through.objects.all()
        return rows.order_by(*self.primary_key).values_list(*names)


def snake_case(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def plural(name):
    """English plural of a snake_case name: working_body, working_bodies; status, statuses."""
    if re.search(r"[^aeiou]y$", name):
        return f"{name[:-1]}ies"
    if re.search(r"(s|x|z|ch|sh)$", name):
        return f"{name}es"
    return f"{name}s"


def record_models():
    """The models of the record: every model of the app but NOT_RECORDS and the history."""
    return [
        model
        for model in apps.get_app_config("plenaries").get_models()
        if model not in NOT_RECORDS and not issubclass(model, HistoricalChanges)
    ]


def table_name(model):
    """The table of a model's rows: the plural of its name in snake_case (status_periods)."""
    return plural(snake_case(model.__name__))


def table_names():
    """{model of the record: the name of its table}."""
    return {model: table_name(model) for model in record_models()}


def model_table(model):
    """A model's table: `id`, then each concrete field but INTERNAL and DERIVED ones."""
    names = table_names()
    columns = []
    for model_field in model._meta.concrete_fields:
        if model_field.name in INTERNAL or isinstance(model_field, DERIVED):
            continue
        if model_field.is_relation:
            if model_field.related_model not in names:
                continue  # a record of something else (an account): not in the download
            target = names[model_field.related_model]
            columns.append(Column(model_field.attname, model_field, target))
        else:
            columns.append(Column(model_field.attname, model_field))
    columns.sort(key=lambda column: not column.field.primary_key)
    description = " ".join((model.__doc__ or "").split("\n\n")[0].split())  # its first paragraph
    return Table(names[model], model, columns, [model._meta.pk.attname], description=description)


def link_tables(model):
    """A table per many-to-many field of a model to another record: `decision_topics`, with
    decision_id and topic_id (from_decision_id and to_decision_id where a decision links
    decisions), both its primary key and each a foreign key."""
    names = table_names()
    tables = []
    for link in model._meta.many_to_many:
        if link.related_model not in names:
            continue
        through = link.remote_field.through._meta
        ends = [
            through.get_field(link.m2m_field_name()),
            through.get_field(link.m2m_reverse_field_name()),
        ]
        columns = [Column(end.attname, end, names[end.related_model]) for end in ends]
        name = f"{snake_case(model.__name__)}_{link.name}"
        with translation.override("en"):
            description = f"{model._meta.verbose_name}: {link.verbose_name}".capitalize()
        primary_key = [column.name for column in columns]
        tables.append(Table(name, model, columns, primary_key, link, description))
    return tables


def tables():
    """Every table of the download, by name: a model's link tables beside its own table."""
    every_table = []
    for model in record_models():
        every_table += [model_table(model), *link_tables(model)]
    return sorted(every_table, key=lambda table: table.name)


def as_json(value):
    """A stored value as the JSON file writes it: dates and times in ISO 8601, an amount as its
    exact decimal text (a JSON number would be read as a float, rounding large ones)."""
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def read(every_table):
    """{table name: [row dicts, JSON values]} for `every_table` (all of tables()), one query
    each: published rows by primary key, a foreign key emptied where the record it points to is
    not public, a link kept only where both its ends are."""
    rows = {}
    for table in every_table:
        names = [column.name for column in table.columns]
        rows[table.name] = [
            dict(zip(names, map(as_json, values), strict=True)) for values in table.values()
        ]
    public = {  # the ids of each model's table
        table.name: {row["id"] for row in rows[table.name]}
        for table in every_table
        if table.link is None
    }
    for table in every_table:
        keys = [column for column in table.columns if column.target]
        if table.link is not None:
            rows[table.name] = [
                row
                for row in rows[table.name]
                if all(row[column.name] in public[column.target] for column in keys)
            ]
            continue
        for row in rows[table.name]:
            for column in keys:
                if row[column.name] not in public[column.target]:
                    row[column.name] = None
    return rows
