from collections import Counter

from django.db.models import Prefetch
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from plenaries.filters import DecisionFilter
from plenaries.models import Decision, Position, PublicationStatus
from plenaries.search import suggestion

from .base import PAGE_SIZE, RecordDetailView, found_page, strongest_sources

SEARCH_PAGE_SIZE = 20


def listed_decisions():
    """Published decisions as a list shows them: with their meeting where it is published.

    A list shows titles: the full text and the search vector stay in the database."""
    return Decision.objects.published().with_published("meeting").defer("text", "search_vector")


def facet_counts(pks, stance=None, by=None):
    """How many of the decisions `pks` fall under each value of each facet of DecisionFilter:
    {filter name: Counter(value as the URL gives it)}, in four queries.

    The page asks only when at most MAX_COUNTED decisions match, and it has their pks: reading
    their values by pk and counting them here beats grouping the search's results in SQL. The
    stance and `by` filters apply together (objected, by whom): with one of them applied, the
    other's counts are of positions that match it too, so that each count is what its link finds.
    """
    rows = Decision.objects.filter(pk__in=pks).values_list(
        "outcome",
        "working_body__slug",
        "meeting__slug",
        "meeting__publication_status",
        "sort_date",
    )
    counts = {name: Counter() for name in ("outcome", "working_body", "meeting")}
    # Not a filter: the chart of decisions per year by outcome, {(year or None, outcome): n}.
    counts["year_and_outcome"] = Counter()
    for outcome, working_body, meeting, meeting_status, sort_date in rows:
        counts["outcome"][outcome] += 1
        counts["year_and_outcome"][sort_date.year if sort_date else None, outcome] += 1
        if working_body is not None:
            counts["working_body"][working_body] += 1
        if meeting is not None and meeting_status == PublicationStatus.PUBLISHED:
            counts["meeting"][meeting] += 1
    topics = Decision.topics.through.objects.filter(decision_id__in=pks)
    counts["topic"] = Counter(topics.values_list("topic__slug", flat=True))
    concerned = Decision.participants_concerned.through.objects.filter(decision_id__in=pks)
    counts["participant"] = Counter(concerned.values_list("participant__slug", flat=True))
    positions = (
        Position.objects.published()
        .prefetch_related(None)
        .filter(decision_id__in=pks)
        .values_list("decision_id", "stance", "participant__slug")
    )
    stances, takers = set(), set()  # (decision, value): each decision counted once per value
    for decision, position_stance, participant in positions:
        if not by or participant == by.slug:
            stances.add((decision, position_stance))
        if participant is not None and (not stance or position_stance == stance):
            takers.add((decision, participant))
    counts["stance"] = Counter(value for _decision, value in stances)
    counts["by"] = Counter(value for _decision, value in takers)
    return counts


def found_decisions(query, per_page=None, with_facets=True):
    """What the decisions page finds for `query` (the URL's parameters): its filters, a page of
    results with snippets, the total and the count beside each filter value. The search
    benchmark times this; the decisions feed reads the same first page, without the facets.

    Up to MAX_COUNTED results, it counts them and each filter value's share. Past that (browsing
    the whole record, or a word found in most of it) the total is None, for "more than 1,000",
    and nothing more is counted; ranked by relevance, it holds the newest 1,000 (search.ranked).
    """
    filterset = DecisionFilter(query, queryset=listed_decisions())
    per_page = per_page or (SEARCH_PAGE_SIZE if filterset.text else PAGE_SIZE)
    pks, context = found_page(filterset, per_page)
    if with_facets:
        counts = None
        if context["total"] is not None:  # then `pks` are every match
            understood = filterset.understood
            counts = facet_counts(pks, understood.get("stance"), understood.get("by"))
        context["facets"] = filterset.facets(counts)
        context["year_counts"] = year_counts(filterset, counts)
    context["decisions"] = context["page_obj"].object_list
    return context


def year_counts(filterset, counts):
    """{(year, outcome): n} of the decisions found, for their chart: from the facets' counts where
    the page has them; past MAX_COUNTED, one grouping query when filters alone narrow the list,
    and None (no chart) for words found in most of the record, whose chart would cost the search
    again."""
    if counts is not None:
        return counts["year_and_outcome"]
    if filterset.text:
        return None
    return filterset.qs.count_by_year_and_outcome()


def decision_list(request):
    context = found_decisions(request.GET)
    context["suggestion"] = suggestion(context["query"]) if context["query"] else None
    return render(request, "plenaries/decision_list.html", context)


def positions_shown():
    """Published positions as the pages list them: proposers first, each with its evidence."""
    return (
        Position.objects.published()
        .select_related("participant")
        .prefetch_related(strongest_sources())
        .in_stance_order()
    )


# How a decision relates to others, in the order its page lists them.
RELATIONS = (
    ("amends", _("Amends")),
    ("amended_by", _("Amended by")),
    ("supersedes", _("Supersedes")),
    ("superseded_by", _("Superseded by")),
    ("lifts", _("Lifts")),
    ("lifted_by", _("Lifted by")),
    ("continues", _("The same item earlier")),
    ("continued_by", _("The same item later")),
)


class DecisionDetailView(RecordDetailView):
    model = Decision

    def get_queryset(self):
        return (
            Decision.objects.published()
            .select_related("working_body")
            .with_published(
                "meeting",
                "participants_concerned",
                "statements",
                *(name for name, label in RELATIONS),
                # Each related decision with its meeting: two items of one title differ by it.
                *(f"{name}__meeting" for name, label in RELATIONS),
            )
            .prefetch_related(
                Prefetch("positions", queryset=positions_shown()),
                "topics",
                strongest_sources(),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        related = ((label, getattr(self.object, name).all()) for name, label in RELATIONS)
        context["related"] = [(label, decisions) for label, decisions in related if decisions]
        return context
