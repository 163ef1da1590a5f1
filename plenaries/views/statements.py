from datetime import date

from django.db.models import Prefetch
from django.shortcuts import render

from plenaries.filters import StatementFilter
from plenaries.models import Decision, Statement

from .base import RecordDetailView, found_page
from .decisions import positions_shown


def listed_statements():
    """Published statements as a list shows them: with their issuer and meeting where published."""
    return Statement.objects.published().with_published("issuer", "meeting")


def statement_list(request):
    """Published statements, searched and filtered, counted up to MAX_COUNTED as decisions are."""
    filterset = StatementFilter(request.GET, queryset=listed_statements())
    _, context = found_page(filterset)
    context["statements"] = context["page_obj"].object_list
    return render(request, "plenaries/statement_list.html", context)


class StatementDetailView(RecordDetailView):
    model = Statement

    def get_queryset(self):
        return (
            listed_statements()
            .with_published("figures__recipient")
            .prefetch_related(
                "quotations",
                "sources",
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
