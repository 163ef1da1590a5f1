"""Partial dates typed in the admin as far as the source gives them: 2023, 2023-11 or 2023-11-10.

Parametrized over admin.site._registry and each admin's inlines, so that a partial date added to
any model, main form or inline row, is covered the day it is added."""

import datetime

import pytest
from django.contrib import admin
from django.contrib.admin.utils import flatten, flatten_fieldsets
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.urls import reverse

from plenaries.admin.dates import PartialDateField
from plenaries.dates import Precision
from tests.admin_forms import change_form_data, change_url, text_of
from tests.test_admin_pages import a_record_of

pytestmark = pytest.mark.django_db

REGISTERED = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


def partial_date_forms():
    """(model of the admin page, inline or None, partial date) for every partial date that an
    admin form shows, in its main form or in an inline row."""
    for model, model_admin in REGISTERED:
        for name in getattr(model, "partial_dates", ()):
            yield pytest.param(model, None, name, id=f"{model._meta.model_name}.{name}")
        for inline in model_admin.inlines:
            for name in getattr(inline.model, "partial_dates", ()):
                if edits(inline, name):
                    row = inline.model._meta.model_name
                    yield pytest.param(
                        model, inline, name, id=f"{model._meta.model_name}.{row}.{name}"
                    )


def edits(inline, name):
    """Whether the rows of `inline` let editors change the field `name`."""
    fields = flatten_fieldsets(inline.fieldsets) if inline.fieldsets else inline.fields
    return (fields is None or name in flatten(fields)) and name not in inline.readonly_fields


def parent_field(inline, model):
    return inline.fk_name or next(
        field.name
        for field in inline.model._meta.fields
        if field.is_relation and field.related_model is model
    )


def alone_of_its_kind(record):
    """Delete the other records of `record`'s model that nothing depends on, so that no rule
    between records (a participant's status periods may not overlap) refuses the dates typed."""
    try:
        with transaction.atomic():
            type(record)._default_manager.exclude(pk=record.pk).delete()
    except (ProtectedError, RestrictedError):
        pass  # such records have no rule between them to break


def forms_of(response):
    """The main form and every inline row of an admin change page."""
    yield response.context["adminform"].form
    for inline in response.context["inline_admin_formsets"]:
        yield from inline.formset.forms


def bound_field(response, key):
    """The field of the change page in `response` whose input is named `key`."""
    return next(
        form[name]
        for form in forms_of(response)
        for name in form.fields
        if form[name].html_name == key
    )


def open_form(client, model, inline, name):
    """(the record holding the date, the page's address, its POST data, the date's input name),
    every partial date of that form emptied but this one, which a test then types."""
    if inline is None:
        record = parent = a_record_of(model)
    else:
        record = inline.model._default_manager.order_by("pk").first()
        assert record is not None, f"the demo record holds no {inline.model._meta.verbose_name}"
        parent = getattr(record, parent_field(inline, model))
    alone_of_its_kind(record)
    url = change_url(parent)
    page = client.get(url)
    form = next(form for form in forms_of(page) if form.instance == record)
    data = change_form_data(page)
    for other in record.partial_dates:
        assert form.add_prefix(f"{other}_precision") not in data, "no precision select"
        data[form.add_prefix(other)] = ""
    return record, url, data, form.add_prefix(name)


TYPED = [
    ("2023", datetime.date(2023, 1, 1), Precision.YEAR),
    ("2023-11", datetime.date(2023, 11, 1), Precision.MONTH),
    ("2023-11-10", datetime.date(2023, 11, 10), Precision.DAY),
    (" 2023-11 ", datetime.date(2023, 11, 1), Precision.MONTH),
]
NOT_DATES = ["2023-02-30", "2023-13", "10/11/2023", "November 2023"]


@pytest.mark.parametrize(("typed", "date", "precision"), TYPED)
def test_the_field_reads_a_date_as_far_as_it_is_known(typed, date, precision):
    assert PartialDateField(required=False).clean(typed) == (date, precision)


@pytest.mark.parametrize("typed", NOT_DATES)
def test_the_field_refuses_anything_else(typed):
    with pytest.raises(ValidationError) as refused:
        PartialDateField(required=False).clean(typed)
    assert refused.value.messages == [
        f"“{typed}” is not a date: type one as 2023, 2023-11 or 2023-11-10."
    ]


# Every form, with a month: what the admin used to keep by silently storing its first day.
@pytest.mark.parametrize(("typed", "date", "precision"), [TYPED[1]])
@pytest.mark.parametrize(("model", "inline", "name"), list(partial_date_forms()))
def test_a_partial_date_is_stored_as_typed_and_shown_back(
    admin_client, demo_record, model, inline, name, typed, date, precision
):
    record, url, data, key = open_form(admin_client, model, inline, name)
    data[key] = typed
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context and response.context.get("errors")

    record.refresh_from_db()
    assert (getattr(record, name), getattr(record, f"{name}_precision")) == (date, precision)
    shown = bound_field(admin_client.get(url), key)
    assert shown.value() == typed.strip()
    assert "2023-11-10" in str(shown.help_text)  # it says how to type a date


@pytest.mark.parametrize("typed", NOT_DATES[:1])
@pytest.mark.parametrize(("model", "inline", "name"), list(partial_date_forms()))
def test_anything_else_is_a_field_error(admin_client, demo_record, model, inline, name, typed):
    record, url, data, key = open_form(admin_client, model, inline, name)
    before = getattr(record, name)
    data[key] = typed
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert bound_field(response, key).errors == [
        f"“{typed}” is not a date: type one as 2023, 2023-11 or 2023-11-10."
    ]
    assert "Please correct the error" in text_of(response)
    record.refresh_from_db()
    assert getattr(record, name) == before


def partial_date_columns():
    for model, model_admin in REGISTERED:
        for name in model_admin.list_display:
            if name in getattr(model, "partial_dates", ()):
                yield pytest.param(model, name, id=f"{model._meta.model_name}.{name}")


@pytest.mark.parametrize(("model", "name"), list(partial_date_columns()))
def test_a_changelist_shows_a_partial_date_as_known(admin_client, demo_record, model, name):
    record = a_record_of(model)
    # Every partial date of the record, so that a period starting and ending keeps its order.
    type(record)._default_manager.filter(pk=record.pk).update(
        **{other: datetime.date(2023, 11, 1) for other in record.partial_dates},
        **{f"{other}_precision": Precision.MONTH for other in record.partial_dates},
    )
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    page = text_of(admin_client.get(url, {"id__exact": record.pk}))
    assert f'<td class="field-{name}">November 2023</td>' in page
    assert f"column-{name}" in page and "sortable" in page
