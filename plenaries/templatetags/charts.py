"""The record's pictures: each tag turns records a view has read into the geometry of
plenaries.charts and draws it with its template in templates/includes/charts/. No tag queries
the database: each reads what its records hold (prefetched) or counts the view has made."""

from django import template
from django.urls import reverse
from django.utils.http import urlencode

from plenaries import charts
from plenaries.models import Decision

register = template.Library()

# What a bar of decisions per year replaces in the address of the list it links to.
BAR_FILTERS = ("year_from", "year_to", "outcome", "page")


@register.inclusion_tag("includes/charts/status_timeline.html")
def status_timeline(periods):
    """A participant's status over time (its status periods, oldest first)."""
    return {"chart": charts.status_timeline(periods)}


@register.inclusion_tag("includes/charts/chair_rotation.html", takes_context=True)
def chair_rotation(context, chairmanships):
    """The chairs and vice chairs, year by year, and who took over from whom."""
    return {
        "chart": charts.chair_rotation(chairmanships),
        "record_language": context.get("record_language"),
    }


@register.inclusion_tag("includes/charts/position_grid.html", takes_context=True)
def position_grid(context, decisions, caption=""):
    """Who stood where on `decisions` (with their published positions prefetched)."""
    return {
        "chart": charts.position_grid(decisions),
        "caption": caption,
        "record_language": context.get("record_language"),
    }


@register.inclusion_tag("includes/charts/decisions_per_year.html", takes_context=True)
def decisions_per_year(context, counts, keep_filters=False):
    """Decisions per year by outcome from `counts`, {(year, outcome): n}. Each bar links to the
    decisions list of its year and outcome; with `keep_filters`, within the page's own filters."""
    kept = []
    request = context.get("request")
    if keep_filters and request is not None:
        kept = [
            (name, value)
            for name, values in request.GET.lists()
            if name not in BAR_FILTERS
            for value in values
        ]
    base = reverse("plenaries:decision-list")

    def link(year, outcome):
        query = [*kept, ("year_from", year), ("year_to", year), ("outcome", outcome)]
        return f"{base}?{urlencode(query)}"

    return {"chart": charts.decisions_per_year(counts or {}, Decision.Outcome.choices, link)}
