"""The admin's exports never hand a spreadsheet a formula to run, and still import back unchanged.

For every admin with an import and export, and every format: records whose free text is a
formula (OWASP's "CSV injection" classics) or harmless text are exported; each formula comes out
behind a leading apostrophe, as text (an XLSX cell typed as a string), harmless text as it was;
the file, imported back over emptied texts, gives every text back exactly."""

import csv
import io
import json

import openpyxl
import pytest
from django.conf import settings
from django.contrib import admin
from django.db import models
from django.urls import reverse
from import_export.admin import ExportMixin, ImportMixin

from plenaries.models import Decision, Meeting, Participant, Position, Statement
from plenaries.resources import Text
from tests.admin_forms import text_of
from tests.factories import (
    make_decision,
    make_meeting,
    make_participant,
    make_position,
    make_statement,
)

pytestmark = pytest.mark.django_db

FORMULAS = [
    '=HYPERLINK("http://x","y")',
    "=cmd|' /C calc'!A0",
    "@SUM(1)",
    "+1+1",
    "-1+1",
    "\tleading tab",
    "\rleading carriage return",
    "\nleading line feed",
    "'=already behind an apostrophe",
    "''@two apostrophes",
]
HARMLESS = ["Kimberley Process", "a = b", "'quoted'", "1-1", "", "3.5 million carats"]

ADMINS = [
    model_admin
    for model_admin in admin.site._registry.values()
    if isinstance(model_admin, ImportMixin) and isinstance(model_admin, ExportMixin)
]
FORMATS = [file_format().get_title() for file_format in settings.IMPORT_EXPORT_FORMATS]
MAKERS = {
    Participant: make_participant,
    Meeting: make_meeting,
    Decision: make_decision,
    Statement: make_statement,
    Position: lambda **fields: make_position(make_decision(), make_participant(), **fields),
}


def free_text(resource):
    """The resource's first column of free text: a Text column of a TextField."""
    model = resource._meta.model
    return next(
        field
        for field in resource.get_export_fields()
        if isinstance(field.widget, Text)
        and isinstance(model._meta.get_field(field.attribute), models.TextField)
    )


def read_rows(title, content):
    """The exported rows as {column: (value, is_a_formula_cell)}."""
    if title == "csv":
        rows = csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline=""))
        return [{key: (value, False) for key, value in row.items()} for row in rows]
    if title == "json":
        return [{key: (value, False) for key, value in row.items()} for row in json.loads(content)]
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    headings, *rows = sheet.iter_rows()
    return [
        {
            heading.value: (cell.value or "", cell.data_type == "f")
            for heading, cell in zip(headings, row, strict=True)
        }
        for row in rows
    ]


@pytest.mark.parametrize("title", FORMATS)
@pytest.mark.parametrize("model_admin", ADMINS, ids=str)
def test_an_export_neutralises_formulas_and_imports_back_unchanged(
    admin_client, model_admin, title
):
    model = model_admin.model
    resource = model_admin.get_export_resource_classes(None)[0]()
    column = free_text(resource)
    texts = FORMULAS + HARMLESS
    made = {MAKERS[model](**{column.attribute: text}).pk: text for text in texts}
    prefix = type(resource).__name__.lower()
    format_index = str(FORMATS.index(title))
    name = model._meta.model_name
    exported = admin_client.post(
        reverse(f"admin:plenaries_{name}_export"),
        {"format": format_index, "resource": "0", "export_items": []}
        | {f"{prefix}_{field.column_name}": "on" for field in resource.get_export_fields()},
    )
    assert exported.status_code == 200, text_of(exported)
    rows = read_rows(title, exported.content)
    cells = sorted(row[column.column_name] for row in rows)
    expected = [f"'{text}" if text in FORMULAS else text for text in texts]
    assert cells == sorted((read_back(title, text, "xlsx"), False) for text in expected), (
        "each formula behind an apostrophe, as text; harmless text as it was"
    )

    model.objects.filter(pk__in=made).update(**{column.attribute: "something else"})
    file = io.BytesIO(exported.content)
    file.name = f"export.{title}"
    url = reverse(f"admin:plenaries_{name}_import")
    previewed = admin_client.post(
        url, {"resource": "0", "format": format_index, "import_file": file}
    )
    assert "confirm_form" in previewed.context, text_of(previewed)
    form = previewed.context["confirm_form"]
    confirmed = admin_client.post(
        reverse(f"admin:plenaries_{name}_process_import"),
        {name: field.initial for name, field in form.fields.items()} | dict(form.initial),
    )
    assert confirmed.status_code == 302
    imported = dict(model.objects.filter(pk__in=made).values_list("pk", column.attribute))
    assert imported == {pk: read_back(title, text, "xlsx") for pk, text in made.items()}


def read_back(title, text, *translating):
    """`text` as read from a file of the format `title`: an XLSX file's XML gives back a
    carriage return as a line feed, as it does with every line break. A CSV file waits for its
    confirmation in the cache, as bytes, and keeps it."""
    return text.replace("\r", "\n") if title in translating else text
