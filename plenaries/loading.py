"""Load the record from the readable data file in plenaries/data/ (see its header for the format).

Loading is idempotent: every record is found by its natural key (slug, name, year, address) and
only saved when a value differs, so running it twice changes nothing, timestamps included. The
whole load runs in one transaction: a file with an error leaves the database as it was.
"""

from pathlib import Path

import yaml
from django.db import transaction
from django.utils.text import slugify

from .dates import Precision, parse_partial_date
from .models import (
    Chairmanship,
    Decision,
    Meeting,
    Participant,
    ParticipantName,
    Position,
    Quotation,
    ReportedFigure,
    Source,
    Statement,
    StatusPeriod,
    Topic,
    WorkingBody,
)
from .search import refresh_search_words

DEMO_DATA = Path(__file__).resolve().parent / "data" / "kp_record.yaml"


class DataError(Exception):
    """The data file names something it does not define, or holds a value the model refuses."""


def upsert(model, lookup, values):
    """Create or update one record, saving only what changed. Returns the record."""
    record = model.objects.filter(**lookup).first()
    if record is None:
        record = model(**{**lookup, **values})
    elif all(getattr(record, field) == value for field, value in values.items()):
        return record
    for field, value in values.items():
        setattr(record, field, value)
    record.full_clean()
    record.save()
    return record


def partial_date(entry, key, field):
    """The `field` and `field_precision` values for the partial date written under `key`."""
    try:
        date, precision = parse_partial_date(entry.get(key))
    except ValueError as error:
        raise DataError(str(error)) from error
    return {field: date, f"{field}_precision": precision}


def exact_date(entry, key):
    """A date that must be known to the day, such as a meeting's first and last day."""
    date, precision = partial_date(entry, key, "date").values()
    if date and precision != Precision.DAY:
        raise DataError(f"{key} must be a full date, not {entry[key]!r}.")
    return date


class Loader:
    """Reads one data file into the database, resolving the names it uses between sections."""

    def __init__(self, data):
        self.data = data
        self.sources = {}
        self.participants = {}
        self.counts = {}

    def pick(self, table, key, label):
        try:
            return table[key]
        except KeyError:
            raise DataError(f"Unknown {label} {key!r}.") from None

    def pick_all(self, table, keys, label):
        return [self.pick(table, key, label) for key in keys or ()]

    def cite(self, record, entry):
        record.sources.set(self.pick_all(self.sources, entry.get("sources"), "source"))

    def count(self, name, records):
        self.counts[name] = len(records)
        return records

    def run(self):
        self.load_sources()
        topics = self.load_topics()
        bodies = self.load_working_bodies()
        self.load_participants()
        meetings = self.load_meetings()
        decisions = self.load_decisions(meetings, topics, bodies)
        chairmanships = self.load_chairmanships(decisions)
        self.load_status_periods(decisions)
        statements = self.load_statements(meetings, decisions, topics)
        self.load_positions(decisions, statements)
        for records in (self.participants, meetings, decisions, chairmanships, statements):
            for record in records.values():
                if not record.is_published:
                    record.publish()
        refresh_search_words()
        return self.counts

    def load_sources(self):
        for key, entry in self.data.get("sources", {}).items():
            url = entry.get("url", "")
            lookup = {"url": url} if url else {"url": "", "title": entry["title"]}
            values = {
                "title": entry["title"],
                "publisher": entry.get("publisher", ""),
                "note": entry.get("note", ""),
                **partial_date(entry, "date", "published_on"),
            }
            self.sources[key] = upsert(Source, lookup, values)
        self.count("sources", self.sources)

    def load_topics(self):
        topics = {}
        for entry in self.data.get("topics", []):
            topics[entry["slug"]] = upsert(
                Topic,
                {"slug": entry["slug"]},
                {"name": entry["name"], "description": entry.get("description", "")},
            )
        return self.count("topics", topics)

    def load_working_bodies(self):
        bodies = {}
        for entry in self.data.get("working_bodies", []):
            body = upsert(
                WorkingBody,
                {"slug": entry.get("slug") or slugify(entry["name"])},
                {
                    "name": entry["name"],
                    "abbreviation": entry.get("abbreviation", ""),
                    "kind": entry["kind"],
                    "description": entry.get("description", ""),
                },
            )
            self.cite(body, entry)
            bodies[entry["name"]] = body
        return self.count("working bodies", bodies)

    def load_participants(self):
        for entry in self.data.get("participants", []):
            country = entry.get("country", "")
            participant = upsert(
                Participant,
                {"slug": entry.get("slug") or slugify(entry["name"])},
                {
                    "name": entry["name"],
                    "short_name": entry.get("short_name", ""),
                    "role": entry.get("role", Participant.Role.PARTICIPANT),
                    # A country code marks a state; other kinds are written out.
                    "kind": entry.get("kind", Participant.Kind.STATE if country else ""),
                    "country": country,
                    "note": entry.get("note", ""),
                    **partial_date(entry, "admitted", "admitted_on"),
                },
            )
            for name in entry.get("other_names", []):
                upsert(ParticipantName, {"name": name}, {"participant": participant})
            self.cite(participant, entry)
            self.participants[entry["name"]] = participant
        self.count("participants", self.participants)

    def load_meetings(self):
        meetings = {}
        for entry in self.data.get("meetings", []):
            meeting = upsert(
                Meeting,
                {"slug": entry["slug"]},
                {
                    "kind": entry.get("kind", Meeting.Kind.PLENARY),
                    "year": entry["year"],
                    "ordinal": entry.get("ordinal"),
                    "city": entry.get("city", ""),
                    "country": entry.get("country", ""),
                    "host": self.participants.get(entry.get("host")),
                    "format": entry.get("format", ""),
                    "communique_issued": entry.get("communique_issued"),
                    "summary": entry.get("summary", ""),
                    "starts_on": exact_date(entry, "starts_on"),
                    "ends_on": exact_date(entry, "ends_on"),
                },
            )
            self.cite(meeting, entry)
            meetings[entry["slug"]] = meeting
        return self.count("meetings", meetings)

    def load_decisions(self, meetings, topics, bodies):
        decisions = {}
        for entry in self.data.get("decisions", []):
            meeting = entry.get("meeting")
            body = entry.get("working_body")
            decision = upsert(
                Decision,
                {"slug": entry["slug"]},
                {
                    "meeting": self.pick(meetings, meeting, "meeting") if meeting else None,
                    "written_procedure": entry.get("written_procedure", False),
                    "title": entry["title"],
                    "identifier": entry.get("identifier", ""),
                    "summary": entry.get("summary", ""),
                    "text": entry.get("text", ""),
                    "outcome": entry["outcome"],
                    "conditions": entry.get("conditions", ""),
                    "working_body": self.pick(bodies, body, "working body") if body else None,
                    **partial_date(entry, "decided", "decided_on"),
                    **partial_date(entry, "effective", "effective_on"),
                    **partial_date(entry, "review", "review_on"),
                },
            )
            decision.participants_concerned.set(
                self.pick_all(self.participants, entry.get("participants_concerned"), "participant")
            )
            decision.topics.set(self.pick_all(topics, entry.get("topics"), "topic"))
            self.cite(decision, entry)
            decisions[entry["slug"]] = decision
        # Links between decisions can point forwards, so they wait until every decision exists.
        for entry in self.data.get("decisions", []):
            decision = decisions[entry["slug"]]
            for relation in ("amends", "supersedes", "lifts"):
                targets = self.pick_all(decisions, entry.get(relation), "decision")
                getattr(decision, relation).set(targets)
        return self.count("decisions", decisions)

    def participant_or_none(self, name):
        return self.pick(self.participants, name, "participant") if name else None

    def load_chairmanships(self, decisions):
        chairmanships = {}
        for entry in self.data.get("chairmanships", []):
            decision = entry.get("decision")
            chairmanship = upsert(
                Chairmanship,
                {"year": entry["year"]},
                {
                    "chair": self.participant_or_none(entry.get("chair")),
                    "chair_note": entry.get("chair_note", ""),
                    "vice_chair": self.participant_or_none(entry.get("vice_chair")),
                    "vice_chair_note": entry.get("vice_chair_note", ""),
                    "note": entry.get("note", ""),
                    "decision": self.pick(decisions, decision, "decision") if decision else None,
                },
            )
            self.cite(chairmanship, entry)
            chairmanships[entry["year"]] = chairmanship
        return self.count("chairmanships", chairmanships)

    def load_status_periods(self, decisions):
        periods = []
        for entry in self.data.get("status_periods", []):
            decision = entry.get("decision")
            starts = partial_date(entry, "starts", "starts_on")
            period = upsert(
                StatusPeriod,
                {
                    "participant": self.pick(
                        self.participants, entry["participant"], "participant"
                    ),
                    "status": entry["status"],
                    "starts_on": starts["starts_on"],
                },
                {
                    **starts,
                    **partial_date(entry, "ends", "ends_on"),
                    "decision": self.pick(decisions, decision, "decision") if decision else None,
                    "note": entry.get("note", ""),
                },
            )
            self.cite(period, entry)
            periods.append(period)
        self.count("status periods", periods)

    def load_statements(self, meetings, decisions, topics):
        statements = {}
        for entry in self.data.get("statements", []):
            meeting = entry.get("meeting")
            statement = upsert(
                Statement,
                {"slug": entry["slug"]},
                {
                    "issuer": self.pick(self.participants, entry["issuer"], "participant"),
                    "speaker": entry.get("speaker", ""),
                    "speaker_office": entry.get("speaker_office", ""),
                    "kind": entry["kind"],
                    "meeting": self.pick(meetings, meeting, "meeting") if meeting else None,
                    "title": entry["title"],
                    "body": entry.get("body", "").strip(),
                    "press_contact": entry.get("press_contact", ""),
                    **partial_date(entry, "issued", "issued_on"),
                },
            )
            statement.decisions.set(self.pick_all(decisions, entry.get("decisions"), "decision"))
            statement.topics.set(self.pick_all(topics, entry.get("topics"), "topic"))
            self.cite(statement, entry)
            for order, text in enumerate(entry.get("quotations", [])):
                upsert(Quotation, {"statement": statement, "text": text}, {"order": order})
            for figure in entry.get("figures", []):
                upsert(
                    ReportedFigure,
                    {"statement": statement, "description": figure["description"]},
                    {
                        "qualifier": figure.get("qualifier", ""),
                        "amount": figure["amount"],
                        "currency": figure.get("currency", ""),
                        "recipient": self.participant_or_none(figure.get("recipient")),
                        "from_year": figure.get("from_year"),
                        "to_year": figure.get("to_year"),
                    },
                )
            statements[entry["slug"]] = statement
        return self.count("statements", statements)

    def load_positions(self, decisions, statements):
        positions = []
        for entry in self.data.get("positions", []):
            statement = entry.get("statement")
            source = entry.get("source")
            positions.append(
                upsert(
                    Position,
                    {
                        "decision": self.pick(decisions, entry["decision"], "decision"),
                        "participant": self.pick(
                            self.participants, entry["participant"], "participant"
                        ),
                    },
                    {
                        "stance": entry["stance"],
                        "note": entry.get("note", ""),
                        "statement": self.pick(statements, statement, "statement")
                        if statement
                        else None,
                        "source": self.pick(self.sources, source, "source") if source else None,
                    },
                )
            )
        self.count("positions", positions)


@transaction.atomic
def load_record(path=DEMO_DATA):
    """Load the data file at `path`; returns how many records of each kind it holds."""
    with open(path, encoding="utf-8") as file:
        data = yaml.safe_load(file)
    return Loader(data).run()
