"""The main navigation, which marks the section the page belongs to."""

from django import template
from django.urls import reverse
from django.utils.html import format_html

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
