"""How the API writes each record: the facts its page shows, with the address of the page and of
the record in the API. Related records appear as short references that link on; the viewsets
(plenaries.api.views) prefetch them through published(), so that no draft is ever named."""

from django.conf import settings
from django.utils import translation
from django_countries.serializers import CountryFieldMixin
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from plenaries.models import (
    Chairmanship,
    Decision,
    Meeting,
    Participant,
    Position,
    Quotation,
    ReportedFigure,
    Source,
    Statement,
    StatusPeriod,
    Topic,
    WorkingBody,
)

PARTIAL_DATE = {
    "type": "string",
    "nullable": True,
    "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
    "description": "As far as it is known: a year, a month or a day (2024, 2024-11, 2024-11-08).",
}


@extend_schema_field(PARTIAL_DATE)
class PartialDateField(serializers.Field):
    """A date known to the year, the month or the day, written as far as it is known."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, record):
        return record.partial_date(self.field_name).isoformat() or None


@extend_schema_field(OpenApiTypes.URI)
class PageField(serializers.Field):
    """The address of the record's public page, in the site's default language: a link to keep."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, record):
        with translation.override(settings.LANGUAGE_CODE):
            path = record.get_absolute_url()
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


def api_link(view_name, lookup_field="slug"):
    """The record's own address in the API."""
    return serializers.HyperlinkedIdentityField(
        view_name=f"api:{view_name}-detail", lookup_field=lookup_field
    )


class NameField(serializers.CharField):
    """A record's name as its pages show it (its __str__)."""

    def __init__(self, **kwargs):
        super().__init__(source="__str__", read_only=True, **kwargs)


class SourceSerializer(serializers.ModelSerializer):
    api_url = api_link("source", lookup_field="pk")
    published_on = PartialDateField()

    class Meta:
        model = Source
        fields = ("id", "api_url", "title", "publisher", "kind", "published_on", "url")
        fields += ("archived_url", "note")


# Short references to related records: enough to name them and follow the link.


class MeetingReference(serializers.ModelSerializer):
    name = NameField()
    api_url = api_link("meeting")

    class Meta:
        model = Meeting
        fields = ("slug", "name", "year", "api_url")


class ParticipantReference(serializers.ModelSerializer):
    api_url = api_link("participant")

    class Meta:
        model = Participant
        fields = ("slug", "name", "api_url")


class DecisionReference(serializers.ModelSerializer):
    api_url = api_link("decision")

    class Meta:
        model = Decision
        fields = ("slug", "title", "api_url")


class StatementReference(serializers.ModelSerializer):
    api_url = api_link("statement")

    class Meta:
        model = Statement
        fields = ("slug", "title", "api_url")


class TopicReference(serializers.ModelSerializer):
    api_url = api_link("topic")

    class Meta:
        model = Topic
        fields = ("slug", "name", "api_url")


class WorkingBodyReference(serializers.ModelSerializer):
    api_url = api_link("working-body")

    class Meta:
        model = WorkingBody
        fields = ("slug", "name", "abbreviation", "api_url")


# The records.


class MeetingSerializer(CountryFieldMixin, serializers.ModelSerializer):
    api_url = api_link("meeting")
    page_url = PageField()
    name = NameField()
    host = ParticipantReference(allow_null=True)
    decisions = DecisionReference(many=True)
    sources = SourceSerializer(many=True)
    communique_sources = SourceSerializer(many=True)

    class Meta:
        model = Meeting
        fields = ("slug", "api_url", "page_url", "name", "kind", "year", "ordinal", "city")
        fields += ("country", "host", "starts_on", "ends_on", "format", "communique_issued")
        fields += ("summary", "decisions", "communique_sources", "sources", "updated_at")


class StatusPeriodSerializer(serializers.ModelSerializer):
    starts_on = PartialDateField()
    ends_on = PartialDateField()
    decision = DecisionReference(allow_null=True)
    sources = SourceSerializer(many=True)

    class Meta:
        model = StatusPeriod
        fields = ("status", "starts_on", "ends_on", "decision", "note", "sources")


class ChairmanshipSerializer(serializers.ModelSerializer):
    """A year in which the participant chaired the KP, or was its vice chair."""

    class Meta:
        model = Chairmanship
        fields = ("year", "note")


class ParticipantSerializer(CountryFieldMixin, serializers.ModelSerializer):
    api_url = api_link("participant")
    page_url = PageField()
    other_names = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")
    admitted_on = PartialDateField()
    current_status = serializers.ChoiceField(
        choices=StatusPeriod.Status.choices,
        read_only=True,
        help_text="The status of the period still running; active when none runs.",
    )
    status_periods = StatusPeriodSerializer(many=True)
    chairmanships = ChairmanshipSerializer(many=True, help_text="The years it chaired the KP.")
    vice_chairmanships = ChairmanshipSerializer(
        many=True, help_text="The years it was the KP's vice chair."
    )
    sources = SourceSerializer(many=True)

    class Meta:
        model = Participant
        fields = ("slug", "api_url", "page_url", "name", "short_name", "name_fr", "other_names")
        fields += ("role", "kind", "country", "admitted_on", "current_status", "note")
        fields += ("status_periods", "chairmanships", "vice_chairmanships", "sources")
        fields += ("updated_at",)


class PositionSerializer(serializers.ModelSerializer):
    """Where a participant, or others a source leaves unnamed, stood: with its evidence."""

    participant = ParticipantReference(allow_null=True)
    statements = StatementReference(many=True, help_text="The statements that say so.")
    sources = SourceSerializer(many=True, help_text="The sources that say so.")

    class Meta:
        model = Position
        fields = ("stance", "participant", "others", "attribution", "note", "statements")
        fields += ("sources",)


class RelatedDecisionsSerializer(serializers.Serializer):
    """How the decision relates to others, each way."""

    amends = DecisionReference(many=True)
    amended_by = DecisionReference(many=True)
    supersedes = DecisionReference(many=True)
    superseded_by = DecisionReference(many=True)
    lifts = DecisionReference(many=True)
    lifted_by = DecisionReference(many=True)
    continues = DecisionReference(many=True, help_text="The same item at an earlier meeting.")
    continued_by = DecisionReference(many=True, help_text="The same item at a later meeting.")

    # The relations, as the viewset prefetches them.
    RELATIONS = (
        "amends",
        "amended_by",
        "supersedes",
        "superseded_by",
        "lifts",
        "lifted_by",
        "continues",
        "continued_by",
    )


class DecisionSerializer(serializers.ModelSerializer):
    api_url = api_link("decision")
    page_url = PageField()
    meeting = MeetingReference(allow_null=True)
    decided_on = PartialDateField()
    effective_on = PartialDateField()
    review_on = PartialDateField()
    working_body = WorkingBodyReference(allow_null=True)
    topics = TopicReference(many=True)
    participants_concerned = ParticipantReference(many=True)
    positions = PositionSerializer(many=True)
    related = RelatedDecisionsSerializer(source="*")
    sources = SourceSerializer(many=True)

    class Meta:
        model = Decision
        fields = ("slug", "api_url", "page_url", "title", "identifier", "outcome", "meeting")
        fields += ("written_procedure", "decided_on", "effective_on", "review_on", "summary")
        fields += ("text", "conditions", "working_body", "topics", "participants_concerned")
        fields += ("positions", "related", "sources", "updated_at")


class QuotationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Quotation
        fields = ("text", "speaker")


class ReportedFigureSerializer(serializers.ModelSerializer):
    recipient = ParticipantReference(allow_null=True)

    class Meta:
        model = ReportedFigure
        fields = ("description", "qualifier", "amount", "currency", "recipient", "from_year")
        fields += ("to_year",)


class StatementSerializer(serializers.ModelSerializer):
    api_url = api_link("statement")
    page_url = PageField()
    issuer = ParticipantReference(allow_null=True)
    issued_on = PartialDateField()
    meeting = MeetingReference(allow_null=True)
    decisions = DecisionReference(many=True)
    working_bodies = WorkingBodyReference(many=True)
    topics = TopicReference(many=True)
    quotations = QuotationSerializer(many=True)
    figures = ReportedFigureSerializer(many=True)
    sources = SourceSerializer(many=True)

    class Meta:
        model = Statement
        fields = ("slug", "api_url", "page_url", "title", "kind", "issuer", "speaker")
        fields += ("speaker_office", "issued_on", "meeting", "body", "press_contact", "decisions")
        fields += ("working_bodies", "topics", "quotations", "figures", "sources", "updated_at")


class WorkingBodySerializer(serializers.ModelSerializer):
    api_url = api_link("working-body")
    page_url = PageField()
    decisions = DecisionReference(many=True)
    sources = SourceSerializer(many=True)

    class Meta:
        model = WorkingBody
        fields = ("slug", "api_url", "page_url", "name", "abbreviation", "kind", "description")
        fields += ("decisions", "sources", "updated_at")


class TopicSerializer(serializers.ModelSerializer):
    api_url = api_link("topic")
    page_url = PageField()
    decisions = serializers.SerializerMethodField(help_text="Its decisions, in the API.")
    statements = serializers.SerializerMethodField(help_text="Its statements, in the API.")

    class Meta:
        model = Topic
        fields = ("slug", "api_url", "page_url", "name", "description", "decisions")
        fields += ("statements", "updated_at")

    def list_address(self, view_name, topic):
        request = self.context.get("request")
        return f"{reverse(view_name, request=request)}?topic={topic.slug}"

    def get_decisions(self, topic) -> str:
        return self.list_address("api:decision-list", topic)

    def get_statements(self, topic) -> str:
        return self.list_address("api:statement-list", topic)
