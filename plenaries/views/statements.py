from django.db.models import F, Prefetch
from django.shortcuts import render

from plenaries.filters import StatementFilter
from plenaries.models import Decision, Statement
from plenaries.search import snippets

from .base import RecordDetailView, paginate


def statement_list(request):
    statements = Statement.objects.published().select_related("issuer", "meeting")
    filterset = StatementFilter(request.GET, queryset=statements)
    results = filterset.qs
    if filterset.order == "relevance" and "rank" in results.query.annotations:
        results = results.order_by(F("rank").desc(), F("issued_on").desc(nulls_last=True))
    elif filterset.order == "oldest":
        results = results.order_by(F("issued_on").asc(nulls_last=True), "title")
    page = paginate(request, results)
    found = snippets(page.object_list, filterset.text)
    for statement in page.object_list:
        statement.snippet = found.get(statement.pk)
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
