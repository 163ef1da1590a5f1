"""The main navigation, which marks the section the page belongs to."""

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()

# The section of each page that is not a section's own list page, by URL name: the list page's.
# A page in neither (home, working bodies) belongs to no entry of the navigation.
SECTIONS = {
    "plenaries:meeting-detail": "plenaries:meeting-list",
    "plenaries:decision-detail": "plenaries:decision-list",
    "plenaries:participant-detail": "plenaries:participant-list",
    "plenaries:statement-detail": "plenaries:statement-list",
}


@register.simple_tag(takes_context=True)
def nav_link(context, url_name, label):
    """A link of the main navigation. Decided from the URL name, not the path, so that it holds
    in every language: aria-current="page" on the section's own page, "true" inside it."""
    match = getattr(context.get("request"), "resolver_match", None)
    here = match.view_name if match else None
    if here == url_name:
        return format_html('<a href="{}" aria-current="page">{}</a>', reverse(url_name), label)
    if SECTIONS.get(here) == url_name:
        return format_html('<a href="{}" aria-current="true">{}</a>', reverse(url_name), label)
    return format_html('<a href="{}">{}</a>', reverse(url_name), label)


@register.simple_tag(takes_context=True)
def languages_of_this_page(context):
    """This page in each language of the interface: links, not a form, so that switching needs
    no cookie and each language's page has its own address (and hreflang alternates)."""
    request = context.get("request")
    # A missing page (Django's page_not_found gives its template `request_path`) sends each
    # language to its home page, which exists, rather than to the missing address again.
    missing = request is None or "request_path" in context
    here = reverse("plenaries:home") if missing else request.get_full_path()
    current = get_language()
    return [
        {
            "code": code,
            "name": name,
            "url": translate_url(here, code),
            "current": code == current,
        }
        for code, name in settings.LANGUAGES
    ]
