"""Every field an editor may hesitate over says what it wants, on every form of the record.

By construction: the main form and each inline form of every admin of the record, and in each the
fields that most need a word (links to other records, dates, addresses), so that a field added
tomorrow without help fails here."""

import pytest
from django import forms
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import RequestFactory

from plenaries.admin.dates import PartialDateField

EXPLAINED = (
    forms.ModelMultipleChoiceField,
    forms.DateField,
    forms.SlugField,
    PartialDateField,
)
# A child's link to the record whose form it is on, or that its own form is named after.
OBVIOUS = {"decision", "statement", "participant"}


def admin_forms():
    request = RequestFactory().get("/")
    request.user = User(is_superuser=True, is_staff=True, is_active=True)
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label != "plenaries":
            continue
        yield model._meta.model_name, model_admin.get_form(request)()
        for inline in model_admin.get_inline_instances(request):
            formset = inline.get_formset(request)()
            yield f"{model._meta.model_name}.{inline.model._meta.model_name}", formset.empty_form


FORMS = sorted(admin_forms(), key=lambda entry: entry[0])


@pytest.mark.parametrize(("name", "form"), FORMS, ids=[name for name, _ in FORMS])
def test_every_link_date_and_address_field_says_what_it_wants(name, form):
    silent = [
        field_name
        for field_name, field in form.fields.items()
        if isinstance(field, EXPLAINED) and field_name not in OBVIOUS and not field.help_text
    ]
    assert not silent, f"{name}: no help text on {silent}"


@pytest.mark.parametrize(
    ("model_name", "field_name"),
    [
        ("decision", "amends"),
        ("decision", "supersedes"),
        ("decision", "lifts"),
        ("statement", "press_contact"),
        ("decision", "decided_on"),
    ],
)
def test_the_fields_editors_asked_about_are_explained(model_name, field_name):
    form = dict(FORMS)[model_name]
    assert len(str(form.fields[field_name].help_text)) > 20
