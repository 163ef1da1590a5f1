"""CSV of the public lists, for researchers' spreadsheets: every record a list finds for the
same query as its page (its words, filters and order, all its pages), one flat row each.

Each list's CSV is at `<list>/csv/?<query>`, beside its feed, and checks the query as the feed
does (feeds.checked()): a filter the list does not have, or a value it does not take, is a 400.
Rows are read whole before the first line is sent, in a fixed number of queries, and only
published records, related records included; the lines are then streamed."""

import csv
import datetime

from django.db.models import Prefetch, prefetch_related_objects
from django.http import StreamingHttpResponse
from django.utils import timezone

from .dates import PartialDate, Precision
from .feeds import InvalidQuery, checked
from .filters import DecisionFilter, StatementFilter
from .models import Decision, ParticipantName, Position
from .views.base import every_match
from .views.decisions import listed_decisions
from .views.meetings import MeetingListView
from .views.participants import listed_participants
from .views.statements import listed_statements

# What a spreadsheet takes for the start of a formula (OWASP, "CSV injection"), and a line feed:
# reading a CSV file in text mode, as the admin's import does, turns a carriage return into one.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
# Between the names or slugs of a cell that lists several.
SEPARATOR = "; "


def neutralised(value):
    """`value`, where it is text a spreadsheet would run as a formula, with a leading apostrophe
    so that it shows as written; numbers and dates are left as they are.

    Text whose apostrophes already lead to a formula ("'=1") gets one more, so that removing
    exactly one (plenaries.resources.Text, when importing) always gives back what was written."""
    if isinstance(value, str) and value.lstrip("'").startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def restored(value):
    """`value` as it was before neutralised(): its first apostrophe gone where it is one."""
    if isinstance(value, str) and value.startswith("'") and neutralised(value[1:]) == value:
        return value[1:]
    return value


def cell(value):
    """A value as a spreadsheet should read it: unknown as empty, yes or no as true or false, a
    date in ISO 8601 to the precision known ("2024", "2024-11", "2024-11-08"), several values
    joined by "; ", and text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, PartialDate | datetime.date):
        return value.isoformat()
    if isinstance(value, int | float):
        return value
    if isinstance(value, list | tuple):
        value = SEPARATOR.join(str(item) for item in value)
    return neutralised(str(value))


class Echo:
    """What csv.writer writes to, handing back each line for the response to stream."""

    def write(self, line):
        return line


def lines(columns, rows):
    """The CSV's lines: a byte order mark first, so that Excel reads it as UTF-8 ("Côte
    d'Ivoire", not "CÃ´te"), then the header and a line for each row (a {column: value})."""
    writer = csv.writer(Echo())
    yield "\ufeff" + writer.writerow(columns)
    for row in rows:
        yield writer.writerow([cell(row[column]) for column in columns])


def names(records):
    return [record.name for record in records]


class ListCSV:
    """The CSV of a public list (`list_name`): every record it finds for the request's query, in
    its order, a row each (row(), whose keys are `columns`), in a file named for the list and
    the day."""

    list_name = None
    noun = None  # the file's name: kp-tracker-<noun>-<date>.csv
    columns = ()

    def __call__(self, request):
        query = request.GET.copy()
        query.pop("page", None)  # every page
        filterset, records = self.records(query)
        try:
            checked(filterset, query)
        except InvalidQuery as error:
            return error.response()
        # Every row now, every query made and every address in the request's language: the
        # lines are streamed after the view returns, when another language may be active.
        rows = [self.row(record, request) for record in records]
        filename = f"kp-tracker-{self.noun}-{timezone.localdate().isoformat()}.csv"
        return StreamingHttpResponse(
            lines(self.columns, rows),
            content_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )

    def records(self, query):
        """(the list's FilterSet bound to `query`, or None; every record it finds, in order)."""
        raise NotImplementedError

    def row(self, record, request):
        raise NotImplementedError


def decision_date(decision):
    """When a decision was taken: its meeting's first day (its year while the days are unknown),
    or the day a written procedure closed, as far as known."""
    meeting = decision.meeting  # None while the meeting is a draft
    if meeting is None:
        return decision.decided
    if meeting.starts_on:
        return PartialDate(meeting.starts_on)
    return PartialDate(datetime.date(meeting.year, 1, 1), Precision.YEAR)


class DecisionListCSV(ListCSV):
    list_name = "plenaries:decision-list"
    noun = "decisions"
    stances = {f"{stance}_by": stance for stance in Position.Stance}  # proposed_by: proposed
    columns = (
        "slug", "title", "identifier", "outcome", "date", "meeting", "meeting_slug",
        "written_procedure", "working_body", "topics", "participants_concerned", *stances,
        "effective_on", "review_on", "summary", "conditions", "url",
    )  # fmt: skip

    def records(self, query):
        filterset = DecisionFilter(query, queryset=listed_decisions())
        positions = (
            Position.objects.published()
            .prefetch_related(None)  # not their statements
            .select_related("participant")
            .in_stance_order()
        )
        decisions = (
            every_match(filterset)
            .select_related("working_body")
            .with_published("participants_concerned")
            .prefetch_related("topics", Prefetch("positions", queryset=positions))
        )
        return filterset, decisions

    def row(self, decision, request):
        meeting = decision.meeting
        by_stance = {stance: [] for stance in self.stances.values()}
        for position in decision.positions.all():
            who = position.participant.name if position.participant else position.others
            by_stance[position.stance].append(who)
        return {
            "slug": decision.slug,
            "title": decision.title,
            "identifier": decision.identifier,
            "outcome": decision.outcome,
            "date": decision_date(decision),
            "meeting": str(meeting) if meeting else None,
            "meeting_slug": meeting.slug if meeting else None,
            "written_procedure": decision.written_procedure,
            "working_body": decision.working_body.name if decision.working_body else None,
            "topics": names(decision.topics.all()),
            "participants_concerned": names(decision.participants_concerned.all()),
            **{column: by_stance[stance] for column, stance in self.stances.items()},
            "effective_on": decision.effective,
            "review_on": decision.review,
            "summary": decision.summary,
            "conditions": decision.conditions,
            "url": request.build_absolute_uri(decision.get_absolute_url()),
        }


class StatementListCSV(ListCSV):
    list_name = "plenaries:statement-list"
    noun = "statements"
    columns = (
        "slug", "title", "kind", "issuer", "issuer_slug", "speaker", "issued_on", "meeting",
        "meeting_slug", "decisions", "topics", "url",
    )  # fmt: skip

    def records(self, query):
        filterset = StatementFilter(query, queryset=listed_statements())
        decisions = Decision.objects.published().only("slug").order_by("slug")
        statements = every_match(filterset).prefetch_related(
            "topics", Prefetch("decisions", queryset=decisions)
        )
        return filterset, statements

    def row(self, statement, request):
        # None while a draft (the issuer, which every statement has, then raises instead).
        issuer, meeting = getattr(statement, "issuer", None), statement.meeting
        return {
            "slug": statement.slug,
            "title": statement.title,
            "kind": statement.kind,
            "issuer": issuer.name if issuer else None,
            "issuer_slug": issuer.slug if issuer else None,
            "speaker": statement.speaker,
            "issued_on": statement.issued,
            "meeting": str(meeting) if meeting else None,
            "meeting_slug": meeting.slug if meeting else None,
            "decisions": [decision.slug for decision in statement.decisions.all()],
            "topics": names(statement.topics.all()),
            "url": request.build_absolute_uri(statement.get_absolute_url()),
        }


class MeetingListCSV(ListCSV):
    list_name = "plenaries:meeting-list"
    noun = "meetings"
    columns = (
        "slug", "name", "kind", "year", "ordinal", "city", "country", "host", "host_slug",
        "starts_on", "ends_on", "format", "communique_issued", "decision_count", "url",
    )  # fmt: skip

    def records(self, query):
        return None, MeetingListView().get_queryset().with_published("host")

    def row(self, meeting, request):
        host = meeting.host  # None while a draft
        return {
            "slug": meeting.slug,
            "name": str(meeting),
            "kind": meeting.kind,
            "year": meeting.year,
            "ordinal": meeting.ordinal,
            "city": meeting.city,
            "country": meeting.country.code,
            "host": host.name if host else None,
            "host_slug": host.slug if host else None,
            "starts_on": meeting.starts_on,
            "ends_on": meeting.ends_on,
            "format": meeting.format,
            "communique_issued": meeting.communique_issued,
            "decision_count": meeting.decision_count,
            "url": request.build_absolute_uri(meeting.get_absolute_url()),
        }


class ParticipantListCSV(ListCSV):
    list_name = "plenaries:participant-list"
    noun = "participants"
    columns = (
        "slug", "name", "short_name", "name_fr", "other_names", "role", "kind", "country",
        "current_status", "admitted_on", "url",
    )  # fmt: skip

    def records(self, query):
        filterset, participants = listed_participants(query)
        other_names = Prefetch("other_names", queryset=ParticipantName.objects.published())
        prefetch_related_objects(participants, other_names)
        return filterset, participants

    def row(self, participant, request):
        return {
            "slug": participant.slug,
            "name": participant.name,
            "short_name": participant.short_name,
            "name_fr": participant.name_fr,
            "other_names": names(participant.other_names.all()),
            "role": participant.role,
            "kind": participant.kind,
            "country": participant.country.code,
            "current_status": participant.current_status,
            "admitted_on": participant.admitted,
            "url": request.build_absolute_uri(participant.get_absolute_url()),
        }
