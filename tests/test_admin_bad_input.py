"""Bad input in an editor's address never fails with a server error: each admin page answers it
as Django's admin answers the same mistake on its own pages.

Parametrized over admin.site._registry, so that a model registered tomorrow is covered the day it
is registered. The suite runs on PostgreSQL and on SQLite, so each test runs on both: PostgreSQL
refuses a NUL character in text, SQLite a number beyond 64 bits."""

import pytest
from django.contrib import admin
from django.db import models, transaction
from django.db.models import ProtectedError, RestrictedError
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from plenaries.admin.base import RecordAdmin
from tests.admin_forms import admin_url
from tests.test_admin_pages import REGISTERED, a_record_of, by_name

pytestmark = pytest.mark.django_db

# Keys no record can have: not a number, a NUL character, a digit int() does not read (though
# str.isdigit() says it is one), beyond any database's range; and one no record was given.
NOT_KEYS = [
    pytest.param("abc", id="letters"),
    pytest.param("\x00", id="nul"),
    pytest.param("²", id="superscript-two"),
    pytest.param("99999999999999999999999", id="too-large"),
]
BAD_KEYS = [*NOT_KEYS, pytest.param("999999", id="no-such-record")]
VERSIONED = [
    model for model in REGISTERED if isinstance(admin.site._registry[model], SimpleHistoryAdmin)
]
EXPORTED = [model for model in REGISTERED if hasattr(admin.site._registry[model], "export_action")]
# Filters the lists of most models cannot apply (they have no `format`), and one none can.
EXPORT_FILTERS = ["format=99", "format=abc", "format=-1", "format="]
NOTHING_EXPORTED = "Nothing was exported: the list cannot be filtered as the address asked."


def answer(client, url, method="get", data=None):
    """What an editor gets: the redirects on the way, the status of the page reached and the
    messages it shows."""
    response = getattr(client, method)(url, data, follow=True)
    shown = [str(message) for message in (response.context or {}).get("messages", [])]
    return response.redirect_chain, response.status_code, shown


def record_pages(model):
    """The admin pages of one record of `model`, named by the end of their URL name, that take
    its key alone (change, history, delete)."""
    prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
    return [
        pattern.name.removeprefix(prefix)
        for pattern in admin.site._registry[model].get_urls()
        if pattern.name and pattern.pattern.regex.groups == 1
    ]


def text_fields(model):
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
    ]


def relation_fields(model):
    opts = model._meta
    return [field.name for field in (*opts.fields, *opts.many_to_many) if field.is_relation]


def a_picker_of(model):
    """(model, field) of a field of a registered model whose picker (autocomplete) searches
    `model`'s records, or None: one an admin declares if there is one."""
    declared = [
        (source, name)
        for source in REGISTERED
        for name in admin.site._registry[source].autocomplete_fields
    ]
    others = [(source, name) for source in REGISTERED for name in relation_fields(source)]
    for source, name in declared + others:
        if source._meta.get_field(name).related_model is model:
            return source, name
    return None


def deleted_record_of(model):
    """The key of a record of `model` deleted, as an editor deletes one: the first that nothing
    protects."""
    for record in model._default_manager.order_by("pk"):
        key = record.pk
        try:
            with transaction.atomic():
                record.delete()
        except (ProtectedError, RestrictedError):
            continue
        return key
    raise AssertionError(f"every {model._meta.verbose_name} of the demo record is needed")


@pytest.mark.parametrize("key", BAD_KEYS)
@pytest.mark.parametrize("model", REGISTERED, **by_name)
def test_every_page_of_a_record_that_is_not_there_answers_as_its_change_page(
    admin_client, demo_record, model, key
):
    """Django's change page sends the editor to the admin's index, saying that no record has the
    key; so do the record's history and delete pages, whatever the key."""
    change = answer(admin_client, admin_url(model, "change", key))
    assert change == (
        [(reverse("admin:index"), 302)],
        200,
        [f"{model._meta.verbose_name} with ID “{key}” doesn’t exist. Perhaps it was deleted?"],
    )
    for page in record_pages(model):
        answered = answer(admin_client, admin_url(model, page, key))
        if page in {"change", "history", "delete"}:
            assert answered == change, page
        else:  # Django's page for a user's password: not found
            assert answered[1] == 404, page


@pytest.mark.parametrize("key", BAD_KEYS)
@pytest.mark.parametrize("model", VERSIONED, **by_name)
def test_a_version_of_a_record_that_never_was_answers_as_its_change_page(
    admin_client, demo_record, model, key
):
    version = model.history.order_by("history_id").first().history_id
    assert answer(admin_client, admin_url(model, "simple_history", key, version)) == answer(
        admin_client, admin_url(model, "change", key)
    )


@pytest.mark.parametrize("version", BAD_KEYS)
@pytest.mark.parametrize("model", VERSIONED, **by_name)
def test_a_version_the_record_never_had_is_not_found(admin_client, demo_record, model, version):
    record = a_record_of(model)
    response = admin_client.get(admin_url(model, "simple_history", record.pk, version))
    assert response.status_code == 404


@pytest.mark.parametrize("model", VERSIONED, **by_name)
def test_a_deleted_records_history_still_opens_to_restore_it_from(admin_client, demo_record, model):
    key = deleted_record_of(model)
    response = admin_client.get(admin_url(model, "history", key))
    assert response.status_code == 200
    assert response.context["page_obj"].object_list[0].history_type == "-"


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("query", EXPORT_FILTERS)
@pytest.mark.parametrize("model", EXPORTED, **by_name)
def test_an_export_filtered_as_its_list_cannot_be_goes_back_to_the_list_saying_so(
    admin_client, demo_record, model, query, method
):
    changelist = admin_url(model, "changelist")
    listed = admin_client.get(f"{changelist}?{query}")
    form = {"format": 0} if method == "post" else None
    exported = answer(admin_client, f"{admin_url(model, 'export')}?{query}", method, form)
    if listed.status_code == 302:  # the list refuses the filter: back to it unfiltered (?e=1)
        assert listed["Location"] == f"{changelist}?e=1"
        assert exported == ([(changelist, 302)], 200, [NOTHING_EXPORTED])
    else:  # a filter of this model (a meeting's format)
        assert exported[:2] == ([], 200)


@pytest.mark.parametrize("model", REGISTERED, **by_name)
def test_a_nul_character_in_any_admin_query_is_a_bad_request(admin_client, demo_record, model):
    """In a list's filters, its search, its export and a picker's search: PostgreSQL fails on
    one, and no record holds one (kp_tracker.limits.AdminQueryMiddleware)."""
    changelist = admin_url(model, "changelist")
    asked = [f"{changelist}?{name}=%00" for name in ("q", *text_fields(model))]
    if model in EXPORTED:
        asked.append(f"{admin_url(model, 'export')}?format=%00")
    if picker := a_picker_of(model):
        opts = picker[0]._meta
        asked.append(
            f"{reverse('admin:autocomplete')}?app_label={opts.app_label}"
            f"&model_name={opts.model_name}&field_name={picker[1]}&term=%00"
        )
    for url in asked:
        assert admin_client.get(url).status_code == 400, url
    assert admin_client.get(f"{changelist}?q=a").status_code == 200


# A NUL character in a query is refused before any page (the test above).
@pytest.mark.parametrize("key", [key for key in NOT_KEYS if key.id != "nul"])
@pytest.mark.parametrize("model", REGISTERED, **by_name)
def test_an_add_form_given_links_to_no_record_opens_without_them(
    admin_client, demo_record, model, key
):
    """An add form takes values from its address (`?meeting=3`); a key no record can have is
    left out, as a picker cannot show it."""
    names = relation_fields(model)
    response = admin_client.get(admin_url(model, "add"), dict.fromkeys(names, key))
    model_admin = admin.site._registry[model]
    if not model_admin.has_add_permission(response.wsgi_request):
        assert response.status_code == 403  # django-axes' records are kept, not written
        return
    assert response.status_code == 200
    if isinstance(model_admin, RecordAdmin):  # Django's own admins keep them, unused
        initial = response.context["adminform"].form.initial
        assert not set(names) & set(initial)


@pytest.mark.parametrize("model", REGISTERED, **by_name)
def test_a_list_filtered_by_a_value_its_field_cannot_hold_is_refused(
    admin_client, demo_record, model
):
    """By each field, as its name or its column (`meeting`, `meeting_id`): a word where a number
    or an address goes, a number past 64 bits. SQLite failed on the number in a link, PostgreSQL
    on the word as an address (django-axes' records), SQLite on a search's index."""
    changelist = admin_url(model, "changelist")
    for field in model._meta.concrete_fields:
        for name in {field.name, field.attname}:
            for value in ("abc", "99999999999999999999999"):
                response = admin_client.get(changelist, {name: value})
                assert response.status_code in (200, 302, 400), (name, value)
