from collections import Counter

from django.db.models import Prefetch
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from plenaries.filters import DecisionFilter
from plenaries.models import Decision, Position
from plenaries.search import suggestion

from .base import PAGE_SIZE, RecordDetailView, found_page

SEARCH_PAGE_SIZE = 20


def listed_decisions():
    """Published decisions as a list shows them: with their meeting where it is published.

    A list shows titles: the full text and the search vector stay in the database."""
    return Decision.objects.published().with_published("meeting").defer("text", "search_vector")


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
    filterset = DecisionFilter(request.GET, queryset=listed_decisions())
    per_page = SEARCH_PAGE_SIZE if filterset.text else PAGE_SIZE
    pks, context = found_page(filterset, per_page)
    if context["total"] is not None:  # then `pks` are every match
        label_with_counts(filterset, facet_counts(pks))
    context["decisions"] = context["page_obj"].object_list
    return context


def decision_list(request):
    context = found_decisions(request)
    context["suggestion"] = suggestion(context["query"]) if context["query"] else None
    return render(request, "plenaries/decision_list.html", context)


def positions_shown():
    """Published positions as the pages list them: proposers first, each with its evidence."""
    return (
        Position.objects.published()
        .select_related("participant")
        .prefetch_related("sources")
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
                "sources",
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        related = ((label, getattr(self.object, name).all()) for name, label in RELATIONS)
        context["related"] = [(label, decisions) for label, decisions in related if decisions]
        return context
