"""The Atom feed and the CSV of the list a page shows: their addresses keep the page's query,
less the page."""

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


# A list's CSV keeps the page's query as its feed does (less the page: it holds every page).
register.simple_tag(list_feed_url, takes_context=True, name="list_csv_url")
