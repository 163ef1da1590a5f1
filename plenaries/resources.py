"""Bulk import and export (django-import-export) of the records editors keep in spreadsheets.

Records refer to each other by slug (a decision's meeting, a position's participant) and sources by
address. Every row is validated like an admin form (`clean_model_instances`); a file with any bad
row is rolled back whole (IMPORT_EXPORT_USE_TRANSACTIONS). Imported records arrive as drafts.
"""

from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget

from .models import Decision, Meeting, Participant, Position, Source, Statement, WorkingBody


def reference(name, model, key="slug"):
    """A column holding another record's natural key, such as a meeting's slug."""
    return fields.Field(attribute=name, column_name=name, widget=ForeignKeyWidget(model, key))


class RecordResource(resources.ModelResource):
    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        import_id_fields = ("slug",)


class ParticipantResource(RecordResource):
    class Meta(RecordResource.Meta):
        model = Participant
        fields = (
            "slug", "name", "short_name", "role", "kind", "country",
            "admitted_on", "admitted_on_precision", "note",
        )  # fmt: skip


class MeetingResource(RecordResource):
    host = reference("host", Participant)

    class Meta(RecordResource.Meta):
        model = Meeting
        fields = (
            "slug", "kind", "year", "ordinal", "city", "country", "host", "starts_on", "ends_on",
            "format", "communique_issued", "summary",
        )  # fmt: skip


class DecisionResource(RecordResource):
    meeting = reference("meeting", Meeting)
    working_body = reference("working_body", WorkingBody)

    class Meta(RecordResource.Meta):
        model = Decision
        fields = (
            "slug", "title", "identifier", "meeting", "written_procedure", "decided_on",
            "decided_on_precision", "outcome", "summary", "text", "conditions", "effective_on",
            "effective_on_precision", "review_on", "review_on_precision", "working_body",
        )  # fmt: skip


class StatementResource(RecordResource):
    issuer = reference("issuer", Participant)
    meeting = reference("meeting", Meeting)

    class Meta(RecordResource.Meta):
        model = Statement
        fields = (
            "slug", "title", "issuer", "speaker", "speaker_office", "kind", "issued_on",
            "issued_on_precision", "meeting", "body", "press_contact",
        )  # fmt: skip


class PositionResource(RecordResource):
    decision = reference("decision", Decision)
    participant = reference("participant", Participant)
    statement = reference("statement", Statement)
    source = reference("source", Source, key="url")

    class Meta(RecordResource.Meta):
        model = Position
        import_id_fields = ("decision", "participant")
        fields = ("decision", "participant", "stance", "note", "statement", "source")
