from itertools import groupby

from django.db.models import Count, F, Prefetch, Q
from django.views.generic import ListView, TemplateView

from plenaries.models import (
    Chairmanship,
    Decision,
    Meeting,
    Position,
    PublicationStatus,
    Statement,
)

from .base import RecordDetailView, strongest_sources
from .decisions import positions_shown

# Meetings of a year by their first day; one whose first day is unknown comes last, on every
# database (PostgreSQL and SQLite put NULLs at opposite ends unless told).
IN_YEAR_ORDER = (F("starts_on").asc(nulls_last=True), F("ends_on").asc(nulls_last=True), "pk")


def chairmanships_by_year():
    """{year: chairmanship}, each with its chair and vice chair where they are published."""
    chairmanships = Chairmanship.objects.published().with_published("chair", "vice_chair")
    return {chairmanship.year: chairmanship for chairmanship in chairmanships}


def neighbours(meeting):
    """The published meetings just before and after `meeting` (None at either end), by date as
    the meetings list orders them. One query reads them all: there are few, and a meeting of
    unknown dates makes "the next one" awkward to ask SQL for."""
    meetings = list(
        Meeting.objects.published()
        .only("kind", "year", "city", "slug", "starts_on", "ends_on")
        .order_by("year", *IN_YEAR_ORDER)
    )
    here = next(n for n, other in enumerate(meetings) if other.pk == meeting.pk)
    previous = meetings[here - 1] if here > 0 else None
    following = meetings[here + 1] if here + 1 < len(meetings) else None
    return previous, following


class MeetingListView(ListView):
    """Every meeting, by year, with the year's chair; a year between them with no meeting is
    listed too, so that a gap in the record reads as one rather than going unseen."""

    template_name = "plenaries/meeting_list.html"

    def get_queryset(self):
        published = Q(decisions__publication_status=PublicationStatus.PUBLISHED)
        return (
            Meeting.objects.published()
            .annotate(decision_count=Count("decisions", filter=published))
            .order_by("-year", *IN_YEAR_ORDER)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        chairs = chairmanships_by_year()
        by_year = {
            year: list(meetings)
            for year, meetings in groupby(context["object_list"], key=lambda m: m.year)
        }
        # Newest first, from the last meeting's year down to the first's; [] for a year without.
        years = range(max(by_year), min(by_year) - 1, -1) if by_year else ()
        context["years"] = [(year, chairs.get(year), by_year.get(year, [])) for year in years]
        return context


class MeetingDetailView(RecordDetailView):
    model = Meeting

    def get_queryset(self):
        return (
            Meeting.objects.published()
            .with_published("host")
            .prefetch_related(
                strongest_sources(),
                strongest_sources("communique_sources"),
                Prefetch(
                    "decisions",
                    queryset=Decision.objects.published()
                    .select_related("working_body")
                    .prefetch_related(
                        Prefetch("positions", queryset=positions_shown()), strongest_sources()
                    ),
                ),
                Prefetch(
                    "statements",
                    queryset=Statement.objects.published().with_published("issuer"),
                ),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["chairmanship"] = chairmanships_by_year().get(self.object.year)
        context["previous_meeting"], context["next_meeting"] = neighbours(self.object)
        outcome_order = list(Decision.Outcome)
        decisions = sorted(
            self.object.decisions.all(), key=lambda d: (outcome_order.index(d.outcome), d.title)
        )
        context["decisions_by_outcome"] = [
            (Decision.Outcome(outcome).label, list(group))
            for outcome, group in groupby(decisions, key=lambda d: d.outcome)
        ]
        return context


class ChairListView(TemplateView):
    """The rotation of chairs and vice chairs, postponements included."""

    template_name = "plenaries/chairmanship_list.html"

    def get_context_data(self, **kwargs):
        chairmanships = (
            Chairmanship.objects.published()
            .with_published("chair", "vice_chair", "decision")
            .prefetch_related(strongest_sources())
            .order_by("-year")
        )
        return super().get_context_data(chairmanships=chairmanships, **kwargs)


class BlockedListView(TemplateView):
    """What failed for lack of consensus, and who objected according to the sources."""

    template_name = "plenaries/blocked_list.html"

    def get_context_data(self, **kwargs):
        blocked = list(
            Decision.objects.published()
            .filter(outcome__in=[Decision.Outcome.BLOCKED, Decision.Outcome.REJECTED])
            .with_published("meeting")
            .prefetch_related(
                Prefetch("positions", queryset=positions_shown()), strongest_sources()
            )
            .newest_first()
        )
        for decision in blocked:  # who objected, named or not, for the line above the table
            decision.objections = [
                position
                for position in decision.positions.all()
                if position.stance == Position.Stance.OBJECTED
            ]
        no_communique = (
            Meeting.objects.published()
            .filter(communique_issued=False)
            .prefetch_related(strongest_sources("communique_sources"))
        )
        return super().get_context_data(blocked=blocked, no_communique=no_communique, **kwargs)
