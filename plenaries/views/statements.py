from django.db.models import Prefetch
from django.shortcuts import render

from plenaries.filters import StatementFilter
from plenaries.models import Decision, Statement

from .base import RecordDetailView, paginate


def statement_list(request):
    statements = Statement.objects.published().select_related("issuer", "meeting")
    filterset = StatementFilter(request.GET, queryset=statements)
    page = paginate(request, filterset.qs)
    return render(
        request,
        "plenaries/statement_list.html",
        {"filter": filterset, "page_obj": page, "statements": page.object_list},
    )


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
