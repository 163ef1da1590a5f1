"""The public pages. Every queryset starts from published(): drafts never reach readers."""

from django.db.models import Prefetch
from django.views.generic import DetailView, TemplateView

from .models import (
    Chairmanship,
    Decision,
    Meeting,
    Participant,
    Position,
    PublicationStatus,
    Statement,
    StatusPeriod,
)

PUBLISHED_POSITIONS = Prefetch(
    "positions",
    queryset=Position.objects.select_related("participant", "statement", "source")
    .filter(participant__publication_status=PublicationStatus.PUBLISHED)
    .in_stance_order(),
)


class HomeView(TemplateView):
    """The record at a glance: each year's chair, vice chair and meetings, newest first."""

    template_name = "plenaries/home.html"

    def get_context_data(self, **kwargs):
        chairmanships = {
            chairmanship.year: chairmanship
            for chairmanship in Chairmanship.objects.published().select_related(
                "chair", "vice_chair"
            )
        }
        meetings_by_year = {}
        for meeting in Meeting.objects.published().order_by("year", "starts_on"):
            meetings_by_year.setdefault(meeting.year, []).append(meeting)
        years = sorted(chairmanships.keys() | meetings_by_year.keys(), reverse=True)
        return super().get_context_data(
            years=[
                {
                    "year": year,
                    "chairmanship": chairmanships.get(year),
                    "meetings": meetings_by_year.get(year, []),
                }
                for year in years
            ],
            **kwargs,
        )


class MeetingDetailView(DetailView):
    template_name = "plenaries/meeting_detail.html"

    def get_queryset(self):
        return (
            Meeting.objects.published()
            .select_related("host")
            .prefetch_related(
                "sources",
                Prefetch(
                    "decisions",
                    queryset=Decision.objects.published()
                    .select_related("working_body")
                    .prefetch_related(PUBLISHED_POSITIONS, "participants_concerned", "sources"),
                ),
                Prefetch(
                    "statements",
                    queryset=Statement.objects.published().select_related("issuer"),
                ),
            )
        )

    def get_context_data(self, **kwargs):
        chairmanship = (
            Chairmanship.objects.published()
            .select_related("chair", "vice_chair")
            .filter(year=self.object.year)
            .first()
        )
        return super().get_context_data(chairmanship=chairmanship, **kwargs)


class DecisionDetailView(DetailView):
    template_name = "plenaries/decision_detail.html"

    def get_queryset(self):
        return (
            Decision.objects.published()
            .select_related("meeting", "working_body")
            .prefetch_related(
                PUBLISHED_POSITIONS,
                "participants_concerned",
                "topics",
                "sources",
                Prefetch("statements", queryset=Statement.objects.published()),
            )
        )


class ParticipantDetailView(DetailView):
    template_name = "plenaries/participant_detail.html"

    def get_queryset(self):
        return Participant.objects.published().prefetch_related(
            "other_names",
            "sources",
            Prefetch(
                "status_periods",
                queryset=StatusPeriod.objects.select_related("decision").prefetch_related(
                    "sources"
                ),
            ),
            Prefetch(
                "positions",
                queryset=Position.objects.filter(
                    decision__publication_status=PublicationStatus.PUBLISHED
                )
                .select_related("decision__meeting")
                .order_by("decision__title"),
            ),
        )


class StatementDetailView(DetailView):
    template_name = "plenaries/statement_detail.html"

    def get_queryset(self):
        return (
            Statement.objects.published()
            .select_related("issuer", "meeting")
            .prefetch_related(
                "quotations",
                "figures__recipient",
                "sources",
                Prefetch("decisions", queryset=Decision.objects.published()),
            )
        )
