"""The endpoints: each model's published records, with every related record read through
published() in a fixed number of queries, whatever the number of rows."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view

from plenaries.filters import DecisionFilter, ParticipantFilter, StatementFilter
from plenaries.models import (
    Chairmanship,
    Decision,
    Meeting,
    Participant,
    Source,
    Statement,
    Topic,
    WorkingBody,
)
from plenaries.views.base import every_match, strongest_sources
from plenaries.views.decisions import positions_shown
from plenaries.views.meetings import IN_YEAR_ORDER
from plenaries.views.participants import status_periods_shown

from . import serializers
from .base import RecordViewSet, for_the_api


def decision_references():
    """Published decisions as a list names them, oldest first: their texts stay in the database."""
    return (
        Decision.objects.published()
        .defer("summary", "text", "conditions", "search_vector")
        .order_by("sort_date", "title")
    )


@extend_schema_view(
    list=extend_schema(summary="Meetings, newest first"),
    retrieve=extend_schema(summary="A meeting, with its decisions and sources"),
)
class MeetingViewSet(RecordViewSet):
    """Plenary and intersessional meetings: where and when, the host, the decisions taken and
    the communiqué's sources."""

    model = Meeting
    serializer_class = serializers.MeetingSerializer

    def get_queryset(self):
        return (
            Meeting.objects.published()
            .with_published("host")
            .prefetch_related(
                Prefetch("decisions", queryset=decision_references()),
                strongest_sources(),
                strongest_sources("communique_sources"),
            )
            .order_by("-year", *IN_YEAR_ORDER)
        )


@extend_schema_view(
    list=extend_schema(summary="Participants and observers, by role then name"),
    retrieve=extend_schema(summary="A participant, with its status over time"),
)
class ParticipantViewSet(RecordViewSet):
    """The participants (states, and the European Union) and observers, with their other names,
    their status over time (suspended, restricted, readmitted) and the years they chaired."""

    model = Participant
    serializer_class = serializers.ParticipantSerializer
    filterset_class = for_the_api(ParticipantFilter)

    def get_queryset(self):
        chairmanships = Chairmanship.objects.published().order_by("year")
        return (
            Participant.objects.published()
            .with_current_status()
            .prefetch_related(
                "other_names",
                strongest_sources(),
                Prefetch("status_periods", queryset=status_periods_shown()),
                Prefetch("chairmanships", queryset=chairmanships),
                Prefetch("vice_chairmanships", queryset=chairmanships),
            )
            .order_by("role", "name")
        )


@extend_schema_view(
    list=extend_schema(
        summary="Decisions, newest first, or by relevance to the words of `q`",
        description="The filters of the decisions page: a decision's facts, words, years and "
        "who took which stance. A range of years may not end before it starts (`year_to` "
        "before `year_from` is a 400).",
    ),
    retrieve=extend_schema(summary="A decision, with who stood where and the evidence"),
)
class DecisionViewSet(RecordViewSet):
    """What each meeting decided, or failed to decide: its outcome, who proposed, supported or
    objected to it (named, inferred from a group, or unnamed), each with the statements and
    sources that say so. Filtered and searched as the decisions page is."""

    model = Decision
    serializer_class = serializers.DecisionSerializer
    filterset_class = for_the_api(DecisionFilter)

    def get_queryset(self):
        return (
            Decision.objects.published()
            .select_related("working_body")
            .with_published("meeting", "participants_concerned")
            .prefetch_related(
                *(
                    Prefetch(relation, queryset=decision_references())
                    for relation in serializers.RelatedDecisionsSerializer.RELATIONS
                ),
                "topics",
                Prefetch("positions", queryset=positions_shown()),
                strongest_sources(),
            )
            .defer("search_vector")
            .newest_first()
        )

    def in_order(self, filterset):
        return every_match(filterset)


@extend_schema_view(
    list=extend_schema(summary="Statements, newest first, or by relevance to the words of `q`"),
    retrieve=extend_schema(summary="A statement, with its quotations and figures"),
)
class StatementViewSet(RecordViewSet):
    """What governments and observers said about the decisions: quotations, reported figures and
    sources. Filtered and searched as the statements page is."""

    model = Statement
    serializer_class = serializers.StatementSerializer
    filterset_class = for_the_api(StatementFilter)

    def get_queryset(self):
        return (
            Statement.objects.published()
            .prefetch_related("figures")
            .with_published("issuer", "meeting", "decisions", "figures__recipient")
            .prefetch_related("working_bodies", "topics", "quotations", strongest_sources())
            .defer("search_vector")
            .newest_first()
        )

    def in_order(self, filterset):
        return every_match(filterset)


@extend_schema_view(
    list=extend_schema(summary="Working bodies, by name"),
    retrieve=extend_schema(summary="A working body, with its decisions"),
)
class WorkingBodyViewSet(RecordViewSet):
    """The committees, working groups and monitoring teams, with their decisions."""

    model = WorkingBody
    serializer_class = serializers.WorkingBodySerializer

    def get_queryset(self):
        return WorkingBody.objects.published().prefetch_related(
            Prefetch("decisions", queryset=decision_references()), strongest_sources()
        )


@extend_schema_view(
    list=extend_schema(summary="Topics, by name"),
    retrieve=extend_schema(summary="A topic, with links to its decisions and statements"),
)
class TopicViewSet(RecordViewSet):
    """The subjects decisions and statements are tagged with."""

    model = Topic
    serializer_class = serializers.TopicSerializer

    def get_queryset(self):
        return Topic.objects.published()


@extend_schema_view(
    list=extend_schema(summary="The sources the public record cites, strongest first"),
    retrieve=extend_schema(summary="A source"),
)
class SourceViewSet(RecordViewSet):
    """The documents the public record cites, strongest first: official KP documents, then
    government or observer statements, news reports and secondary sources. A source has no
    slug: its address is its number."""

    model = Source
    serializer_class = serializers.SourceSerializer
    lookup_field = "pk"

    def get_queryset(self):
        return Source.objects.published().strongest_first()
