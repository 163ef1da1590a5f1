"""The fields editors write in Markdown (each model's `markdown_fields`): the admin says so and
previews them with the public page's sanitiser, and the public pages render exactly those.

Parametrized over the registered admins and the declaration, so that a Markdown field declared
tomorrow is covered the day it is declared."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Permission, User
from django.test import Client
from django.urls import reverse
from django.utils.text import capfirst

from plenaries.markup import render_markdown
from tests.admin_forms import change_url
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

MARKDOWN_FIELDS = sorted(
    (model._meta.label, field)
    for model in admin.site._registry
    for field in getattr(model, "markdown_fields", ())
)
MARKDOWN_MODELS = sorted({label for label, _ in MARKDOWN_FIELDS})
ATTACK = (
    "**Adopted** by [the plenary](https://example.org/).\n\n"
    "<script>window.ran = true</script> [click me](javascript:window.ran=true)"
)


def preview_url(label):
    opts = apps.get_model(label)._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_markdown_preview")


def test_the_declared_fields_are_the_ones_editors_write_in_markdown():
    assert MARKDOWN_FIELDS == [
        ("plenaries.Decision", "conditions"),
        ("plenaries.Decision", "summary"),
        ("plenaries.Decision", "text"),
        ("plenaries.Meeting", "summary"),
        ("plenaries.Participant", "note"),
        ("plenaries.Statement", "body"),
    ]


def test_the_public_pages_render_exactly_the_declared_fields():
    """Every `{{ record.field|markdown }}` of a template is a declared field, and every declared
    field is rendered so on some page."""
    rendered = set()
    for template in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        uses = re.findall(r"\{\{\s*(\w+)\.(\w+)\|markdown\s*\}\}", template.read_text())
        for name, field in uses:
            rendered.add((apps.get_model("plenaries", name)._meta.label, field))
    assert sorted(rendered) == MARKDOWN_FIELDS


@pytest.mark.parametrize(("label", "field"), MARKDOWN_FIELDS)
def test_each_markdown_field_says_so_and_has_a_preview(client, demo_record, label, field):
    client.force_login(make_user("markdown-editor", "Editors"))
    record = apps.get_model(label)._default_manager.order_by("pk").first()
    html = client.get(change_url(record)).content.decode()

    hint = re.search(rf'id="id_{field}_helptext">\s*<div>(.*?)</div>', html)[1]
    assert "Markdown: *emphasis*, **strong**, [link text](https://…)" in hint
    assert f'aria-describedby="id_{field}_helptext" id="id_{field}"' in html
    widget = re.search(
        rf'<div class="markdown-field"><textarea name="{field}".*?</textarea>(.*?)</div></div>',
        html,
        re.S,
    )[1]
    url = preview_url(label)
    assert (
        f'<button type="button" class="button markdown-preview-button" data-url="{url}"' in widget
    )
    name = capfirst(record._meta.get_field(field).verbose_name)
    assert f'aria-live="polite" aria-label="Preview of {name}"' in widget
    assert "style=" not in widget
    assert '<script src="/static/admin/plenaries/markdown-preview.js">' in html


@pytest.mark.parametrize("label", MARKDOWN_MODELS)
def test_the_preview_is_what_the_public_page_shows(label):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user("markdown-editor", "Editors"))
    client.get(reverse("admin:index"))  # sets the CSRF cookie, as opening the form does
    token = client.cookies[settings.CSRF_COOKIE_NAME].value

    response = client.post(preview_url(label), {"text": ATTACK, "csrfmiddlewaretoken": token})

    assert response.status_code == 200
    assert response.content.decode() == render_markdown(ATTACK)
    assert '<strong>Adopted</strong> by <a href="https://example.org/"' in render_markdown(ATTACK)
    for danger in ("<script", "window.ran", "javascript:"):
        assert danger not in response.content.decode()


def staff_without_permissions():
    return User.objects.create_user("staff-only", password=PASSWORD, is_staff=True)


def editor_who_is_not_staff():
    user = User.objects.create_user("not-staff", password=PASSWORD)
    user.user_permissions.set(Permission.objects.filter(codename__regex=r"^(add|change)_"))
    return user


@pytest.mark.parametrize("label", MARKDOWN_MODELS)
@pytest.mark.parametrize(
    ("who", "method", "refusal"),
    [
        (None, "post", 302),  # anonymous: to the sign-in page
        (editor_who_is_not_staff, "post", 302),
        (staff_without_permissions, "post", 403),
        (lambda: make_user("markdown-editor", "Editors"), "get", 405),
    ],
    ids=["anonymous", "not-staff", "staff-without-permission", "get"],
)
def test_the_preview_renders_nothing_for_anyone_else(client, label, who, method, refusal):
    if who:
        client.force_login(who())
    response = getattr(client, method)(preview_url(label), {"text": ATTACK})
    assert response.status_code == refusal
    if refusal == 302:
        assert response.url.startswith(reverse("admin:login"))
    assert b"<strong>" not in response.content


@pytest.mark.parametrize("label", MARKDOWN_MODELS)
def test_the_preview_needs_the_forms_csrf_token(label):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user("markdown-editor", "Editors"))
    response = client.post(preview_url(label), {"text": ATTACK})
    assert response.status_code == 403
    assert b"<strong>" not in response.content
