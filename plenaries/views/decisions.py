from django.core.paginator import Paginator
from django.db.models import Count, F, Prefetch
from django.db.models.functions import ExtractYear
from django.shortcuts import render

from plenaries.filters import DecisionFilter
from plenaries.models import Decision, Participant, Statement
from plenaries.search import snippets, suggestion

from .base import PAGE_SIZE, RecordDetailView
from .meetings import PUBLISHED_POSITIONS

SEARCH_PAGE_SIZE = 20


def facet_counts(decisions):
    """How many of `decisions` fall under each filter value: one query per facet."""
    matching = decisions.order_by()

    def count(*fields, distinct=False, **annotations):
        # Only the topics join can repeat a decision, so only it counts distinct ids.
        rows = (
            matching.annotate(**annotations)
            .values(*fields)
            .annotate(n=Count("pk", distinct=distinct))
        )
        return {row[fields[0]]: row["n"] for row in rows if row[fields[0]] is not None}

    return {
        "outcome": count("outcome"),
        "year": count("year", year=ExtractYear("sort_date")),
        "topic": count("topics__slug", distinct=True),
        "working_body": count("working_body__slug"),
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


def ordered(decisions, order):
    if order == "relevance" and "rank" in decisions.query.annotations:
        return decisions.order_by(
            F("rank").desc(), F("sort_date").desc(nulls_last=True), "title", "pk"
        )
    if order == "oldest":
        return decisions.oldest_first()
    return decisions.newest_first()


class BrowsingPaginator(Paginator):
    """Pages of the whole record without counting it: a page knows only whether another follows.

    Browsing every decision is the one view where a count would read the whole table."""

    browsing = True

    def __init__(self, object_list, per_page, number):
        super().__init__(object_list, per_page)
        window = list(object_list[(number - 1) * per_page : number * per_page + 1])
        self.more = len(window) > per_page
        self.rows = window[:per_page]
        self.count = (number - 1) * per_page + len(self.rows) + (1 if self.more else 0)

    def page(self, number):
        return self._get_page(self.rows, number, self)


def page_number(request):
    try:
        return max(1, min(int(request.GET.get("page", 1)), 10_000))
    except ValueError:
        return 1


def decision_list(request):
    """Every published decision, searched, filtered and counted by what the URL asks.

    With words or filters, the total comes from the outcome facet (each decision has exactly one
    outcome), so paging does not count the results again. Browsing everything counts nothing."""
    # A list shows titles: the full text and the search vector stay in the database.
    decisions = (
        Decision.objects.published().select_related("meeting").defer("text", "search_vector")
    )
    filterset = DecisionFilter(request.GET, queryset=decisions)
    results = ordered(filterset.qs, filterset.order)
    browsing = not any(filterset.form.cleaned_data.values()) if filterset.is_valid() else False
    if browsing:
        number = page_number(request)
        paginator = BrowsingPaginator(results, PAGE_SIZE, number)
        if not paginator.rows and number > 1:  # past the end: the first page, as get_page does
            number, paginator = 1, BrowsingPaginator(results, PAGE_SIZE, 1)
        page = paginator.page(number)
        total = None
    else:
        facets = facet_counts(filterset.qs)
        total = sum(facets["outcome"].values())
        label_with_counts(filterset, facets)
        per_page = SEARCH_PAGE_SIZE if filterset.text else PAGE_SIZE
        paginator = Paginator(results, per_page)
        paginator.count = total
        page = paginator.get_page(request.GET.get("page"))
    found = snippets(page.object_list, filterset.text)
    for decision in page.object_list:
        decision.snippet = found.get(decision.pk)
    return render(
        request,
        "plenaries/decision_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "decisions": page.object_list,
            "total": total,
            "query": filterset.text,
            "suggestion": suggestion(filterset.text) if filterset.text else None,
        },
    )


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
