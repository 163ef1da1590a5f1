from django.db.models import Prefetch
from django.shortcuts import render

from plenaries.filters import StatementFilter
from plenaries.models import Decision, Statement

from .base import RecordDetailView, found_page


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
                Prefetch(
                    "decisions",
                    queryset=Decision.objects.published().with_published("meeting"),
                ),
            )
        )
