from django.db.models import Prefetch
from django.shortcuts import render

from plenaries.filters import StatementFilter
from plenaries.models import Decision, Statement
from plenaries.models.statements import NEWEST_FIRST, OLDEST_FIRST

from .base import RecordDetailView, found_page


def statement_list(request):
    """Published statements, searched and filtered, counted up to MAX_COUNTED as decisions are."""
    statements = Statement.objects.published().select_related("issuer", "meeting")
    filterset = StatementFilter(request.GET, queryset=statements)
    _, context = found_page(request, filterset, NEWEST_FIRST, OLDEST_FIRST)
    context["statements"] = context["page_obj"].object_list
    return render(request, "plenaries/statement_list.html", context)


class StatementDetailView(RecordDetailView):
    model = Statement

    def get_queryset(self):
        return (
            Statement.objects.published()
            .select_related("issuer", "meeting")
            .prefetch_related(
                "quotations",
                "figures__recipient",
                "sources",
                "topics",
                Prefetch(
                    "decisions", queryset=Decision.objects.published().select_related("meeting")
                ),
            )
        )
