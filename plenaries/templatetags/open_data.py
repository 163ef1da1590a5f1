"""Links from the pages to the same records as data."""

from django import template

from plenaries.api.urls import api_address as api_address_of

register = template.Library()


@register.simple_tag
def api_address(record):
    """The address of the record a page shows in the API, or "" where the API has none."""
    return api_address_of(record) if record else ""
