from django.db.models import Prefetch
from django.shortcuts import render

from plenaries.filters import DecisionFilter
from plenaries.models import Decision, Participant, Statement

from .base import RecordDetailView, paginate
from .meetings import PUBLISHED_POSITIONS


def decision_list(request):
    """Every published decision, newest first, narrowed by the filters in the URL."""
    decisions = Decision.objects.published().select_related("meeting").newest_first()
    filterset = DecisionFilter(request.GET, queryset=decisions)
    page = paginate(request, filterset.qs)
    return render(
        request,
        "plenaries/decision_list.html",
        {"filter": filterset, "page_obj": page, "decisions": page.object_list},
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
