"""Load the record from the readable data file in plenaries/data/ (see its header for the format).

Loading is idempotent: every record is found by its natural key (slug, name, year, address) and
only saved when a value differs, so running it twice changes nothing, timestamps included.

The file is the whole truth about the records it lists: loading again removes the children it no
longer gives them (a statement's quotations and figures, a participant's other names and status
periods, a decision's positions). Records it does not list at all are left alone, since an editor
may have added them in the admin.

Every name the file uses must be defined in it: an unknown participant, meeting, decision, source...
raises DataError, and the whole load runs in one transaction, so a file with an error leaves the
database as it was.
"""

from contextlib import contextmanager
from operator import attrgetter
from pathlib import Path

import yaml
from django.db import transaction
from django.utils.text import slugify

from .dates import Precision, parse_partial_date
from .history import record_save
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
    """Create or update one record, saving only what changed. Returns the record and whether it
    was created (True), changed (False) or left as it was (None).

    The record records no history of its own here: the loader records one row for each record
    it changed, once its links are set too (Loader.run())."""
    record = model.objects.filter(**lookup).first()
    created = record is None
    if created:
        record = model(**{**lookup, **values})
    record.skip_history_when_saving = True
    if not created and all(getattr(record, field) == value for field, value in values.items()):
        return record, None
    for field, value in values.items():
        setattr(record, field, value)
    record.full_clean()
    record.save()
    return record, created


def remove_unlisted(records, listed, key):
    """Delete those of `records` whose key(record) is not in `listed`: the children of a record
    the file lists that the file no longer gives it. Deletes nothing, and writes nothing, when
    the file still lists them all."""
    stale = [record.pk for record in records if key(record) not in listed]
    if stale:
        records.model.objects.filter(pk__in=stale).delete()


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
        self.changed = {}  # each record saved or relinked: whether it was created

    def pick(self, table, key, kind, role=None):
        """The record of `kind` (participant, meeting...) that `key` names, used as `role`
        (host, chair...): a DataError naming them both when the file defines no such record."""
        try:
            return table[key]
        except (KeyError, TypeError):
            as_role = f" as {role}" if role else ""
            raise DataError(f"Unknown {kind} {key!r}{as_role}.") from None

    def pick_optional(self, table, key, kind, role=None):
        """Like pick(), for a reference the file may leave out: None when it does."""
        return None if key is None or key == "" else self.pick(table, key, kind, role)

    def pick_all(self, table, keys, kind, role=None):
        if keys is None:
            return []
        if not isinstance(keys, list):
            raise DataError(f"{(role or kind).capitalize()}s must be a list, not {keys!r}.")
        return [self.pick(table, key, kind, role) for key in keys]

    def participant(self, key, role=None):
        return self.pick_optional(self.participants, key, "participant", role)

    @contextmanager
    def reading(self, what, key):
        """Say which entry of the file an error comes from."""
        try:
            yield
        except DataError as error:
            raise DataError(f"{what} {key!r}: {error}") from None

    def upsert(self, model, lookup, values):
        record, created = upsert(model, lookup, values)
        if created is not None:
            self.changed[record] = self.changed.get(record, False) or created
        return record

    def link(self, record, name, targets):
        """Set the many-to-many field `name` of `record` to `targets`, if they differ."""
        links = getattr(record, name)
        if set(links.values_list("pk", flat=True)) != {target.pk for target in targets}:
            links.set(targets)
            self.changed.setdefault(record, False)

    def cite(self, record, entry):
        self.link(record, "sources", self.pick_all(self.sources, entry.get("sources"), "source"))

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
        statements = self.load_statements(meetings, decisions, topics, bodies)
        self.load_positions(decisions, statements)
        for records in (self.participants, meetings, decisions, chairmanships, statements):
            for record in records.values():
                if not record.is_published:
                    record.publish()
                    self.changed.setdefault(record, False)
        for record, created in self.changed.items():
            record_save(record, added=created)
        refresh_search_words()
        return self.counts

    def load_sources(self):
        for key, entry in self.data.get("sources", {}).items():
            with self.reading("Source", key):
                url = entry.get("url", "")
                lookup = {"url": url} if url else {"url": "", "title": entry["title"]}
                values = {
                    "title": entry["title"],
                    "kind": entry.get("kind", ""),
                    "publisher": entry.get("publisher", ""),
                    "archived_url": entry.get("archived_url", ""),
                    "note": entry.get("note", ""),
                    **partial_date(entry, "date", "published_on"),
                }
                self.sources[key] = self.upsert(Source, lookup, values)
        self.count("sources", self.sources)

    def load_topics(self):
        topics = {}
        for entry in self.data.get("topics", []):
            topics[entry["slug"]] = self.upsert(
                Topic,
                {"slug": entry["slug"]},
                {"name": entry["name"], "description": entry.get("description", "")},
            )
        return self.count("topics", topics)

    def load_working_bodies(self):
        bodies = {}
        for entry in self.data.get("working_bodies", []):
            with self.reading("Working body", entry.get("name")):
                body = self.upsert(
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
            with self.reading("Participant", entry.get("name")):
                country = entry.get("country", "")
                participant = self.upsert(
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
                names = entry.get("other_names", [])
                # Before adding, so that a name whose case changed does not meet its old self.
                remove_unlisted(participant.other_names.all(), set(names), attrgetter("name"))
                for name in names:
                    self.upsert(ParticipantName, {"name": name}, {"participant": participant})
                self.cite(participant, entry)
            self.participants[entry["name"]] = participant
        self.count("participants", self.participants)

    def load_meetings(self):
        meetings = {}
        for entry in self.data.get("meetings", []):
            with self.reading("Meeting", entry.get("slug")):
                meeting = self.upsert(
                    Meeting,
                    {"slug": entry["slug"]},
                    {
                        "kind": entry.get("kind", Meeting.Kind.PLENARY),
                        "year": entry["year"],
                        "ordinal": entry.get("ordinal"),
                        "city": entry.get("city", ""),
                        "country": entry.get("country", ""),
                        "host": self.participant(entry.get("host"), "host"),
                        "format": entry.get("format", ""),
                        "communique_issued": entry.get("communique_issued"),
                        "summary": entry.get("summary", ""),
                        "starts_on": exact_date(entry, "starts_on"),
                        "ends_on": exact_date(entry, "ends_on"),
                    },
                )
                self.cite(meeting, entry)
                self.link(
                    meeting,
                    "communique_sources",
                    self.pick_all(self.sources, entry.get("communique_sources"), "source"),
                )
            meetings[entry["slug"]] = meeting
        return self.count("meetings", meetings)

    def load_decisions(self, meetings, topics, bodies):
        decisions = {}
        for entry in self.data.get("decisions", []):
            with self.reading("Decision", entry.get("slug")):
                decision = self.upsert(
                    Decision,
                    {"slug": entry["slug"]},
                    {
                        "meeting": self.pick_optional(meetings, entry.get("meeting"), "meeting"),
                        "written_procedure": entry.get("written_procedure", False),
                        "title": entry["title"],
                        "identifier": entry.get("identifier", ""),
                        "summary": entry.get("summary", ""),
                        "text": entry.get("text", ""),
                        "outcome": entry["outcome"],
                        "conditions": entry.get("conditions", ""),
                        "working_body": self.pick_optional(
                            bodies, entry.get("working_body"), "working body"
                        ),
                        **partial_date(entry, "decided", "decided_on"),
                        **partial_date(entry, "effective", "effective_on"),
                        **partial_date(entry, "review", "review_on"),
                    },
                )
                concerned = self.pick_all(
                    self.participants, entry.get("participants_concerned"), "participant"
                )
                self.link(decision, "participants_concerned", concerned)
                self.link(decision, "topics", self.pick_all(topics, entry.get("topics"), "topic"))
                self.cite(decision, entry)
            decisions[entry["slug"]] = decision
        # Links between decisions can point forwards, so they wait until every decision exists.
        for entry in self.data.get("decisions", []):
            decision = decisions[entry["slug"]]
            with self.reading("Decision", entry["slug"]):
                for relation in ("amends", "supersedes", "lifts", "continues"):
                    targets = self.pick_all(decisions, entry.get(relation), "decision")
                    self.link(decision, relation, targets)
        return self.count("decisions", decisions)

    def load_chairmanships(self, decisions):
        chairmanships = {}
        for entry in self.data.get("chairmanships", []):
            with self.reading("Chairmanship", entry.get("year")):
                chairmanship = self.upsert(
                    Chairmanship,
                    {"year": entry["year"]},
                    {
                        "chair": self.participant(entry.get("chair"), "chair"),
                        "chair_note": entry.get("chair_note", ""),
                        "vice_chair": self.participant(entry.get("vice_chair"), "vice chair"),
                        "vice_chair_note": entry.get("vice_chair_note", ""),
                        "note": entry.get("note", ""),
                        "decision": self.pick_optional(
                            decisions, entry.get("decision"), "decision"
                        ),
                    },
                )
                self.cite(chairmanship, entry)
            chairmanships[entry["year"]] = chairmanship
        return self.count("chairmanships", chairmanships)

    def load_status_periods(self, decisions):
        read = []
        for entry in self.data.get("status_periods", []):
            with self.reading("Status period of", entry.get("participant")):
                participant = self.pick(self.participants, entry["participant"], "participant")
                starts = partial_date(entry, "starts", "starts_on")
                values = {
                    **starts,
                    **partial_date(entry, "ends", "ends_on"),
                    "decision": self.pick_optional(decisions, entry.get("decision"), "decision"),
                    "note": entry.get("note", ""),
                }
            key = {
                "participant": participant,
                "status": entry["status"],
                "starts_on": values["starts_on"],
            }
            read.append((entry, key, values))
        # Periods the file no longer gives its participants go first, so that a period whose
        # start moved is not refused as overlapping its former self.
        remove_unlisted(
            StatusPeriod.objects.filter(participant__in=list(self.participants.values())),
            {(key["participant"].pk, key["status"], key["starts_on"]) for _, key, _ in read},
            attrgetter("participant_id", "status", "starts_on"),
        )
        periods = []
        for entry, key, values in read:
            period = self.upsert(StatusPeriod, key, values)
            with self.reading("Status period of", entry["participant"]):
                self.cite(period, entry)
            periods.append(period)
        self.count("status periods", periods)

    def load_statements(self, meetings, decisions, topics, bodies):
        statements = {}
        for entry in self.data.get("statements", []):
            with self.reading("Statement", entry.get("slug")):
                statements[entry["slug"]] = self.load_statement(
                    entry, meetings, decisions, topics, bodies
                )
        return self.count("statements", statements)

    def load_statement(self, entry, meetings, decisions, topics, bodies):
        statement = self.upsert(
            Statement,
            {"slug": entry["slug"]},
            {
                "issuer": self.pick(self.participants, entry["issuer"], "participant", "issuer"),
                "speaker": entry.get("speaker", ""),
                "speaker_office": entry.get("speaker_office", ""),
                "kind": entry["kind"],
                "meeting": self.pick_optional(meetings, entry.get("meeting"), "meeting"),
                "title": entry["title"],
                "body": entry.get("body", "").strip(),
                "press_contact": entry.get("press_contact", ""),
                **partial_date(entry, "issued", "issued_on"),
            },
        )
        self.link(
            statement, "decisions", self.pick_all(decisions, entry.get("decisions"), "decision")
        )
        self.link(statement, "topics", self.pick_all(topics, entry.get("topics"), "topic"))
        self.link(
            statement,
            "working_bodies",
            self.pick_all(bodies, entry.get("working_bodies"), "working body"),
        )
        self.cite(statement, entry)
        quotations = entry.get("quotations", [])
        remove_unlisted(statement.quotations.all(), set(quotations), attrgetter("text"))
        for order, text in enumerate(quotations):
            self.upsert(Quotation, {"statement": statement, "text": text}, {"order": order})
        figures = entry.get("figures", [])
        remove_unlisted(
            statement.figures.all(),
            {figure["description"] for figure in figures},
            attrgetter("description"),
        )
        for figure in figures:
            self.upsert(
                ReportedFigure,
                {"statement": statement, "description": figure["description"]},
                {
                    "qualifier": figure.get("qualifier", ""),
                    "amount": figure["amount"],
                    "currency": figure.get("currency", ""),
                    "recipient": self.participant(figure.get("recipient"), "recipient"),
                    "from_year": figure.get("from_year"),
                    "to_year": figure.get("to_year"),
                },
            )
        return statement

    def load_positions(self, decisions, statements):
        read = []
        for entry in self.data.get("positions", []):
            with self.reading("Position on", entry.get("decision")):
                participant = self.participant(entry.get("participant"))
                key = {
                    "decision": self.pick(decisions, entry["decision"], "decision"),
                    "participant": participant,
                }
                if participant is None:  # unnamed others: one row per stance
                    key["stance"] = entry["stance"]
                values = {
                    "stance": entry["stance"],
                    "others": entry.get("others", ""),
                    "attribution": entry.get("attribution", Position.Attribution.NAMED),
                    "note": entry.get("note", ""),
                }
                evidence = (
                    self.pick_all(statements, entry.get("statements"), "statement"),
                    self.pick_all(self.sources, entry.get("sources"), "source"),
                )
                if not any(evidence):
                    raise DataError("Cite at least one statement or source.")
            read.append((key, values, evidence))
        remove_unlisted(
            Position.objects.filter(decision__in=list(decisions.values())),
            {position_key(**key) for key, _, _ in read},
            lambda position: position_key(position.decision, position.participant, position.stance),
        )
        positions = []
        for key, values, (cited_statements, cited_sources) in read:
            position = self.upsert(Position, key, values)
            self.link(position, "statements", cited_statements)
            self.link(position, "sources", cited_sources)
            positions.append(position)
        self.count("positions", positions)


def position_key(decision, participant, stance=""):
    """What tells positions on a decision apart: the participant, or for the unnamed, the stance."""
    return (decision.pk, participant.pk if participant else None, "" if participant else stance)


@transaction.atomic
def load_record(path=DEMO_DATA):
    """Load the data file at `path`; returns how many records of each kind it holds."""
    with open(path, encoding="utf-8") as file:
        data = yaml.safe_load(file)
    return Loader(data).run()
