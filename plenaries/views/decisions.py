from collections import Counter

from django.db.models import Prefetch
from django.shortcuts import render

from plenaries.filters import DecisionFilter
from plenaries.models import Decision, Participant, Statement
from plenaries.models.decisions import NEWEST_FIRST, OLDEST_FIRST
from plenaries.search import suggestion

from .base import PAGE_SIZE, RecordDetailView, found_page
from .meetings import PUBLISHED_POSITIONS

SEARCH_PAGE_SIZE = 20


def facet_counts(pks):
    """How many of the decisions `pks` fall under each filter value.

    The page asks only when at most MAX_COUNTED decisions match, and it has their pks: reading
    their values by pk and counting them here beats grouping the search's results in SQL."""
    rows = Decision.objects.filter(pk__in=pks).values_list("outcome", "working_body__slug")
    outcomes, working_bodies = zip(*rows, strict=True) if rows else ((), ())
    topics = Decision.topics.through.objects.filter(decision_id__in=pks)
    return {
        "outcome": Counter(outcomes),
        "working_body": Counter(body for body in working_bodies if body is not None),
        "topic": Counter(topics.values_list("topic__slug", flat=True)),
    }


def label_with_counts(filterset, facets):
    """Show each filter value's count for the current results beside it, as "Adopted (3)"."""
    outcome = filterset.form.fields["outcome"]
    outcome.choices = [
        (value, f"{label} ({facets['outcome'].get(value, 0)})" if value else label)
        for value, label in outcome.choices
    ]
    for name in ("topic", "working_body"):
        field = filterset.form.fields[name]
        field.label_from_instance = lambda record, name=name: (
            f"{record} ({facets[name].get(record.slug, 0)})"
        )


def found_decisions(request):
    """What the decisions page finds for the URL: its filters, a page of results with snippets,
    the total and the count beside each filter value. The search benchmark times this.

    Up to MAX_COUNTED results, it counts them and each filter value's share. Past that (browsing
    the whole record, or a word found in most of it) the total is None, for "more than 1,000",
    and nothing more is counted; ranked by relevance, it holds the newest 1,000 (search.ranked).
    """
    # A list shows titles: the full text and the search vector stay in the database.
    decisions = (
        Decision.objects.published().select_related("meeting").defer("text", "search_vector")
    )
    filterset = DecisionFilter(request.GET, queryset=decisions)
    per_page = SEARCH_PAGE_SIZE if filterset.text else PAGE_SIZE
    pks, context = found_page(request, filterset, NEWEST_FIRST, OLDEST_FIRST, per_page)
    if context["total"] is not None:  # then `pks` are every match
        label_with_counts(filterset, facet_counts(pks))
    context["decisions"] = context["page_obj"].object_list
    return context


def decision_list(request):
    context = found_decisions(request)
    context["suggestion"] = suggestion(context["query"]) if context["query"] else None
    return render(request, "plenaries/decision_list.html", context)


class DecisionDetailView(RecordDetailView):
    model = Decision

    def get_queryset(self):
        related = Decision.objects.published().select_related("meeting")
        return (
            Decision.objects.published()
            .select_related("meeting", "working_body")
            .prefetch_related(
                PUBLISHED_POSITIONS,
                Prefetch("participants_concerned", queryset=Participant.objects.published()),
                "topics",
                "sources",
                Prefetch("statements", queryset=Statement.objects.published()),
                Prefetch("amends", queryset=related),
                Prefetch("amended_by", queryset=related),
                Prefetch("supersedes", queryset=related),
                Prefetch("superseded_by", queryset=related),
                Prefetch("lifts", queryset=related),
                Prefetch("lifted_by", queryset=related),
            )
        )
