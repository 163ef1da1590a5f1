from collections import Counter
from datetime import date

from django.db.models import Prefetch
from django.shortcuts import render

from plenaries.filters import StatementFilter
from plenaries.models import Decision, Statement

from .base import PAGE_SIZE, RecordDetailView, found_page, strongest_sources
from .decisions import positions_shown


def listed_statements():
    """Published statements as a list shows them: with their issuer and meeting where published."""
    return Statement.objects.published().with_published("issuer", "meeting")


def facet_counts(pks):
    """How many of the statements `pks` fall under each value of each facet of StatementFilter:
    {filter name: Counter(value as the URL gives it)}, in two queries."""
    rows = Statement.objects.filter(pk__in=pks).values_list("kind", "issuer__slug")
    kinds, issuers = zip(*rows, strict=True) if rows else ((), ())
    topics = Statement.topics.through.objects.filter(statement_id__in=pks)
    return {
        "kind": Counter(kinds),
        "issuer": Counter(issuers),
        "topic": Counter(topics.values_list("topic__slug", flat=True)),
    }


def found_statements(query, per_page=PAGE_SIZE, with_facets=True):
    """What the statements page finds for `query` (the URL's parameters): its filters, a page of
    results and the count beside each filter value (up to MAX_COUNTED results, as for
    decisions). The statements feed reads the same first page, without the facets."""
    filterset = StatementFilter(query, queryset=listed_statements())
    pks, context = found_page(filterset, per_page)
    if with_facets:
        counts = facet_counts(pks) if context["total"] is not None else None
        context["facets"] = filterset.facets(counts)
    context["statements"] = context["page_obj"].object_list
    return context


def statement_list(request):
    """Published statements, searched and filtered, counted up to MAX_COUNTED as decisions are."""
    return render(request, "plenaries/statement_list.html", found_statements(request.GET))


class StatementDetailView(RecordDetailView):
    model = Statement

    def get_queryset(self):
        return (
            listed_statements()
            .with_published("figures__recipient")
            .prefetch_related(
                "quotations",
                strongest_sources(),
                "topics",
                "working_bodies",
                Prefetch(
                    "decisions",
                    queryset=Decision.objects.published().with_published("meeting"),
                ),
                Prefetch(
                    "positions",
                    queryset=positions_shown()
                    .select_related("decision")
                    .with_published("decision__meeting"),
                ),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["positions_by_decision"] = by_decision(self.object.positions.all())
        return context


def by_decision(positions):
    """[(decision, its positions)], the newest decision first, each one's in stance order."""
    groups = {}
    for position in positions:
        groups.setdefault(position.decision, []).append(position)
    by_title = sorted(groups.items(), key=lambda group: group[0].title)
    return sorted(by_title, key=lambda group: group[0].sort_date or date.min, reverse=True)
