"""The Atom feed of the list a page shows: its address keeps the page's query, less the page."""

from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def list_feed_url(context, name):
    """The feed `name` narrowed as the current page is: same words, filters and order."""
    query = context["request"].GET.copy()
    query.pop("page", None)
    address = reverse(name)
    return f"{address}?{query.urlencode()}" if query else address
