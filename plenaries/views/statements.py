from django.db.models import Prefetch
from django.shortcuts import render

from plenaries import search
from plenaries.filters import StatementFilter
from plenaries.models import Decision, Statement
from plenaries.models.statements import NEWEST_FIRST, OLDEST_FIRST
from plenaries.search import MAX_COUNTED, snippets

from .base import RecordDetailView, counted_page, page_of


def statement_list(request):
    """Published statements, searched and filtered, counted up to MAX_COUNTED as decisions are."""
    statements = Statement.objects.published().select_related("issuer", "meeting")
    filterset = StatementFilter(request.GET, queryset=statements)
    matches = filterset.qs
    ranked = filterset.order == "relevance" and "rank" in matches.query.annotations
    if ranked:
        pks, counted = search.ranked(matches, NEWEST_FIRST)
        page = page_of(request, pks, statements)
    else:
        counted = len(search.matching_pks(matches))
        by_date = matches.order_by(*(OLDEST_FIRST if filterset.order == "oldest" else NEWEST_FIRST))
        page = counted_page(request, by_date, counted)
    found = snippets(page.object_list, filterset.text)
    for statement in page.object_list:
        statement.snippet = found.get(statement.pk)
    return render(
        request,
        "plenaries/statement_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "statements": page.object_list,
            "total": counted if counted <= MAX_COUNTED else None,
            "max_counted": MAX_COUNTED,
            "ranked": ranked,
            "narrowed": filterset.narrowed,
            "query": filterset.text,
        },
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
