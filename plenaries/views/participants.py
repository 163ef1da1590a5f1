from collections import Counter
from itertools import groupby

from django.db.models import F, Prefetch, Q
from django.shortcuts import render
from django.utils.translation import get_language

from plenaries.filters import ParticipantFilter
from plenaries.models import Chairmanship, Decision, Participant, Position, Statement, StatusPeriod
from plenaries.search import fold

from .base import RecordDetailView, strongest_sources


def listed_participants(query):
    """(the filter set, the participants it keeps in the list's order: by role, then name)."""
    participants = Participant.objects.published().with_current_status().order_by("role", "name")
    filterset = ParticipantFilter(query, queryset=participants)
    kept = list(filterset.qs)
    if get_language() == "fr":  # by the names French pages show, accents aside
        kept.sort(key=lambda someone: (someone.role, fold(someone.name_fr or someone.name)))
    return filterset, kept


def participant_list(request):
    """Participants and observers, grouped by role, narrowed by name, kind and current status;
    each value of kind and status counted among those listed."""
    filterset, participants = listed_participants(request.GET)
    groups = [
        (Participant.Role(role).label, list(members))
        for role, members in groupby(participants, key=lambda p: p.role)
    ]
    counts = {
        "kind": Counter(participant.kind for participant in participants),
        "status": Counter(participant.current_status for participant in participants),
    }
    context = {"filter": filterset, "groups": groups, "facets": filterset.facets(counts)}
    return render(request, "plenaries/participant_list.html", context)


def status_periods_shown():
    """A participant's status periods, earliest first (an unknown start first of all), each with
    the decision that set it where published and its sources."""
    return (
        StatusPeriod.objects.with_published("decision")
        .prefetch_related(strongest_sources())
        .order_by(F("starts_on").asc(nulls_first=True), "pk")
    )


class ParticipantDetailView(RecordDetailView):
    model = Participant

    def get_queryset(self):
        decisions = Decision.objects.published().with_published("meeting").newest_first()
        return Participant.objects.published().prefetch_related(
            "other_names",
            strongest_sources(),
            Prefetch("status_periods", queryset=status_periods_shown()),
            Prefetch(
                "positions",
                queryset=Position.objects.published()
                .select_related("decision")
                .with_published("decision__meeting")
                .prefetch_related(strongest_sources())
                .order_by(F("decision__sort_date").desc(nulls_last=True), "decision__title"),
            ),
            Prefetch("concerning_decisions", queryset=decisions),
            Prefetch("statements", queryset=Statement.objects.published().newest_first()),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        participant = self.object
        context["chairmanships"] = (
            Chairmanship.objects.published()
            .filter(Q(chair=participant) | Q(vice_chair=participant))
            .order_by("-year")
        )
        return context
