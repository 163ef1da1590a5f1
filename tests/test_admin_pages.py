"""Every admin page of every registered model, for every role, opened and saved.

Parametrized over admin.site._registry and each ModelAdmin's own URL patterns, so that a model,
an inline or a page added tomorrow is covered the day it is added. The suite runs on PostgreSQL
and on SQLite, so each test runs on both."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.forms.models import model_to_dict
from django.urls import reverse

from plenaries.models.base import PublishableModel
from plenaries.roles import EDITORS, PUBLISHERS
from tests.admin_forms import change_form_data, change_url
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)
# The record's own models, whose permissions the roles grant; the others (accounts, sign-in
# records) are Django's and django-axes' admins, opened by a superuser below.
RECORD = [model for model in REGISTERED if model._meta.app_label == "plenaries"]
OTHERS = [model for model in REGISTERED if model not in RECORD]
ROLES = ["superuser", EDITORS, PUBLISHERS]
by_name = {"ids": lambda model: model._meta.label_lower}

# The permission each kind of admin page needs, by the end of its URL name. A page without an
# entry fails the test: say what it needs the day it is added.
PAGE_NEEDS = {
    "changelist": "view",
    "add": "add",
    "change": "view",
    "history": "view",
    "simple_history": "view",  # a version of the record, to revert to
    "deleted": "view",  # the deleted records, to restore
    "delete": "delete",
    "import": "add",
    "process_import": "add",
    "export": "view",
    "markdown_preview": "change",  # or "add": a Markdown field's preview
}
# Pages that only take a POST: a GET is refused as a method, once the permission is granted.
POST_ONLY = {"process_import", "markdown_preview"}
# Columns that change on every save.
BOOKKEEPING = {"updated_at", "version", "created_at", "search_vector", "sort_date"}


def a_record_of(model):
    """A real record of the demo record, published where the model can be."""
    records = model._default_manager.order_by("pk")
    if issubclass(model, PublishableModel):
        records = records.filter(publication_status="published")
    record = records.first()
    assert record is not None, f"the demo record holds no {model._meta.verbose_name}"
    return record


def admin_pages(model, record):
    """(kind of page, address) for each named URL pattern of the model's admin."""
    opts = model._meta
    prefix = f"{opts.app_label}_{opts.model_name}_"
    history = getattr(record, "history", None)  # the versions django-simple-history keeps
    version = history.order_by("history_id").first().history_id if history else None
    for pattern in admin.site._registry[model].get_urls():
        if not pattern.name:
            continue  # the bare <object_id>/ address only redirects to the change page
        arguments = [record.pk, version][: pattern.pattern.regex.groups]
        yield pattern.name.removeprefix(prefix), reverse(f"admin:{pattern.name}", args=arguments)


def allowed(user, model, kind, record):
    """Whether `user` may open the page, by the permissions the roles grant."""
    opts = model._meta
    need = PAGE_NEEDS[kind]
    permitted = user.has_perm(f"{opts.app_label}.{need}_{opts.model_name}")
    if need == "view":
        permitted |= user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
    if kind == "delete" and getattr(record, "is_published", False):
        # Deleting what is published is the Publishers' (and superusers') alone.
        permitted &= user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")
    return permitted


def saved_state(record):
    """What a form edits, as the database holds it: fields, many-to-many links and inline rows."""
    record.refresh_from_db()
    state = {
        name: value for name, value in model_to_dict(record).items() if name not in BOOKKEEPING
    }
    for name, value in state.items():
        if isinstance(value, list):
            state[name] = sorted(getattr(item, "pk", item) for item in value)
    for inline in admin.site._registry[type(record)].inlines:
        state[inline.model._meta.model_name] = sorted(
            tuple(sorted((name, str(value)) for name, value in row.items()))
            for row in inline_rows(inline, record)
        )
    return state


def inline_rows(inline, record):
    """The rows an inline of `record`'s form shows, as the fields a form edits."""
    parent = inline.fk_name or next(
        field.name
        for field in inline.model._meta.fields
        if field.is_relation and field.related_model is type(record)
    )
    rows = inline.model._default_manager.filter(**{parent: record})
    return [
        {name: value for name, value in model_to_dict(row).items() if name not in BOOKKEEPING}
        for row in rows
    ]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("model", RECORD, **by_name)
def test_every_page_opens_as_the_role_allows(client, demo_record, model, role):
    user = make_user("admin-pages", role)
    client.force_login(user)
    record = a_record_of(model)
    opened = set()
    for kind, url in admin_pages(model, record):
        response = client.get(url)
        if not allowed(user, model, kind, record):
            expected = 403
        elif kind in POST_ONLY:
            expected = 405
        else:
            expected = 200
        assert response.status_code == expected, (role, kind, url)
        if expected == 200 and kind in {"change", "add", "changelist"}:
            assert model._meta.verbose_name.lower() in response.content.decode().lower()
        opened.add(kind)
    assert {"changelist", "add", "change", "history", "delete"} <= opened


@pytest.mark.parametrize("model", OTHERS, **by_name)
def test_every_other_admin_page_opens_for_a_superuser(client, demo_record, model):
    """Accounts and sign-in records: each page opens, or is refused where that admin allows no
    such change (django-axes' records are read-only); none fails."""
    User.objects.create_user("signed-in-once", password=PASSWORD)
    client.post(reverse("admin:login"), {"username": "signed-in-once", "password": "wrong"})
    client.force_login(make_user("admin-pages", "superuser"))
    record = model._default_manager.order_by("pk").first()
    pages = (
        list(admin_pages(model, record))
        if record
        else [
            (
                "changelist",
                reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"),
            )
        ]
    )  # django-axes keeps no failure log unless told to
    for kind, url in pages:
        response = client.get(url)
        expected = {200} if kind in {"changelist", "change"} else {200, 403}
        assert response.status_code in expected, (kind, url, response.status_code)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("model", RECORD, **by_name)
def test_every_change_form_saves_again_unchanged(client, demo_record, model, role):
    client.force_login(make_user("admin-pages", role))
    record = a_record_of(model)
    before = saved_state(record)
    url = change_url(record)
    response = client.post(url, change_form_data(client.get(url)))
    errors = getattr(response, "context", None) and response.context.get("errors")
    assert response.status_code == 302, errors
    assert saved_state(record) == before


@pytest.mark.parametrize("popup", [False, True], ids=["page", "popup"])
@pytest.mark.parametrize("model", RECORD, **by_name)
def test_every_add_form_saves_a_valid_record(admin_client, demo_record, model, popup):
    """A record taken out and entered again through the add form (or the "+" popup of a form
    that links to it) is saved as it was: the form accepts every kind of value it shows."""
    records = model._default_manager
    for record in records.order_by("pk"):
        page = admin_client.get(change_url(record))
        form, fields = change_form_data(page), page.context["adminform"].form.fields
        before = saved_state(record)
        try:
            with transaction.atomic():
                record.delete()
        except (ProtectedError, RestrictedError):
            continue  # something depends on it: try the next one
        break
    else:
        raise AssertionError(f"every {model._meta.verbose_name} of the demo record is needed")

    add_url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
    if popup:
        add_url += "?_to_field=id&_popup=1"
    data = change_form_data(admin_client.get(add_url))
    data.update({name: form[name] for name in fields if name in form})
    if popup:
        data["_popup"] = "1"
    existing = set(records.values_list("pk", flat=True))
    response = admin_client.post(add_url, data)

    errors = response.context and response.context.get("errors")
    assert response.status_code == (200 if popup else 302), errors
    if popup:  # the page that hands the new record back to the form that opened the popup
        assert "data-popup-response" in response.content.decode()
    added = records.exclude(pk__in=existing).get()
    after = saved_state(added)
    # A new record starts as a draft, with inline rows of its own (none were entered).
    for name in ("id", "publication_status", *before.keys() - after.keys()):
        before.pop(name, None)
        after.pop(name, None)
    for inline in admin.site._registry[model].inlines:
        before.pop(inline.model._meta.model_name, None)
        after.pop(inline.model._meta.model_name, None)
    assert after == before
