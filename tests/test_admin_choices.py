"""Every place the admin offers a decision, a statement or a source to pick names it so that two of
one title can be told apart, and names a page of them in a fixed number of queries.

Parametrized over admin.site._registry and each admin's inlines; inside, over every field of
their forms that picks one of the three, so that a field added tomorrow is covered."""

import datetime
import html
import re

import pytest
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteMixin
from django.forms import ModelChoiceField, ModelMultipleChoiceField
from django.test import RequestFactory
from django.urls import reverse

from plenaries.models import Decision, Source, Statement
from tests.factories import make_decision, make_meeting, make_participant, make_source

pytestmark = pytest.mark.django_db

# Queries the autocomplete endpoint may make, whatever the number of records it names: the
# session, the user, the count and the page.
AUTOCOMPLETE_QUERIES = 4
# Picked records named in a form field: all in one query.
SELECTED_QUERIES = 1
# Records of one title each field is tried with, and more of that title to show the cost stays.
TITLES = {Decision: "Review mission", Statement: "Statement on the review", Source: "Communiqué"}
MORE = 25

ADMINS = [
    (model, inline)
    for model in sorted(admin.site._registry, key=lambda model: model._meta.label)
    for inline in (None, *admin.site._registry[model].inlines)
]


def admin_id(entry):
    model, inline = entry
    return model._meta.model_name + (f"-{inline.__name__}" if inline else "")


def picked_fields(model, inline, request):
    """(model the form edits, field name, form field) of each field picking a labelled record."""
    model_admin = admin.site._registry[model]
    if inline is None:
        form, owner = model_admin.get_form(request), model
    else:
        instance = next(i for i in model_admin.get_inline_instances(request) if type(i) is inline)
        form, owner = instance.get_formset(request).form, inline.model
    for name, field in form.base_fields.items():
        if isinstance(field, ModelChoiceField) and field.queryset.model in TITLES:
            yield owner, name, field


@pytest.fixture
def records():
    """Two records of each kind with one title, and the parts of each one's name that tell it
    from the other: {model: [(record, parts)]}."""
    atlantis = make_meeting(year=2030, city="Atlantis")
    decisions = [
        (make_decision(title="Review mission", meeting=atlantis), ["2030 Atlantis plenary"]),
        (
            make_decision(
                title="Review mission",
                written_procedure=True,
                decided_on=datetime.date(2013, 5, 1),
                decided_on_precision="month",
            ),
            ["written procedure, May 2013"],
        ),
    ]
    statements = []
    for issuer, day in (
        ("Atlantis", datetime.date(2030, 11, 12)),
        ("Lemuria", datetime.date(2031, 11, 12)),
    ):
        statement = Statement.objects.create(
            title="Statement on the review",
            slug=f"statement-{issuer.lower()}",
            kind=Statement.Kind.SPEECH,
            issuer=make_participant(name=issuer),
            issued_on=day,
        )
        statements.append((statement, [issuer, f"{day.day} November {day.year}"]))
    sources = [
        (
            make_source(
                title="Communiqué", publisher="KP Chair", published_on=datetime.date(2030, 11, 15)
            ),
            ["KP Chair", "15 November 2030"],
        ),
        (
            make_source(
                title="Communiqué",
                publisher="Ministry of Lemuria",
                published_on=datetime.date(2031, 1, 1),
                published_on_precision="year",
            ),
            ["Ministry of Lemuria", "2031"],
        ),
    ]
    return {Decision: decisions, Statement: statements, Source: sources}


def more_of_each_title():
    """MORE records of each title, each with a meeting or an issuer of its own."""
    for number in range(MORE):
        meeting = make_meeting(year=2040, city=f"Town {number}")
        make_decision(title=TITLES[Decision], meeting=meeting)
        Statement.objects.create(
            title=TITLES[Statement],
            slug=f"more-{number}",
            kind=Statement.Kind.SPEECH,
            issuer=make_participant(),
            issued_on=datetime.date(2040, 1, 1) + datetime.timedelta(days=number),
        )
        make_source(title=TITLES[Source], publisher=f"Publisher {number}")


def assert_told_apart(labels, tried, where):
    """Each record's label in `labels` ({pk: text}) holds its title and its own parts."""
    for record, parts in tried:
        label = labels.get(str(record.pk), "")
        for part in (TITLES[type(record)], *parts):
            assert part in label, (where, part, label)


@pytest.mark.parametrize("entry", ADMINS, ids=admin_id)
def test_each_picked_record_is_named_so_that_two_of_one_title_differ(
    admin_client, admin_user, records, django_assert_max_num_queries, entry
):
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    for owner, name, field in picked_fields(*entry, request):
        tried = records[field.queryset.model]
        chosen = [str(record.pk) for record, _parts in tried]
        if isinstance(field, ModelMultipleChoiceField):
            value = chosen
        else:
            value, tried = chosen[0], tried[:1]
        with django_assert_max_num_queries(SELECTED_QUERIES):
            rendered = field.widget.render(name, value)
        options = re.findall(r'<option value="(\d+)"[^>]*selected>([^<]*)</option>', rendered)
        labels = {pk: html.unescape(text) for pk, text in options}
        assert_told_apart(labels, tried, (owner, name))

        if not isinstance(getattr(field.widget, "widget", field.widget), AutocompleteMixin):
            continue
        url = reverse("admin:autocomplete")
        query = {
            "app_label": owner._meta.app_label,
            "model_name": owner._meta.model_name,
            "field_name": name,
            "term": TITLES[field.queryset.model],
        }
        results = admin_client.get(url, query).json()["results"]
        labels = {result["id"]: result["text"] for result in results}
        assert_told_apart(labels, tried, (owner, name, "autocomplete"))


@pytest.mark.parametrize("model", list(TITLES), ids=lambda model: model._meta.model_name)
def test_the_autocomplete_names_a_page_of_records_in_a_fixed_number_of_queries(
    admin_client, records, django_assert_max_num_queries, model
):
    """Asked for from each field that picks the model: the cost is the named model's admin's."""
    url = reverse("admin:autocomplete")
    field = next(
        field
        for owner in admin.site._registry
        for field in owner._meta.get_fields()
        if field.concrete and field.is_relation and field.related_model is model
    )
    query = {
        "app_label": field.model._meta.app_label,
        "model_name": field.model._meta.model_name,
        "field_name": field.name,
        "term": TITLES[model],
    }
    with django_assert_max_num_queries(AUTOCOMPLETE_QUERIES) as few:
        assert len(admin_client.get(url, query).json()["results"]) == len(records[model])
    more_of_each_title()
    with django_assert_max_num_queries(AUTOCOMPLETE_QUERIES) as many:
        results = admin_client.get(url, query).json()["results"]
    assert len(results) == 20  # a full page
    assert len(many) == len(few)
