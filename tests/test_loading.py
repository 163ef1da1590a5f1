"""Loading a data file: every reference resolved or the whole file refused, and loading again
changing nothing but the children the file no longer lists."""

import re

import pytest
import yaml
from django.apps import apps

from plenaries.loading import DataError, load_record
from plenaries.models import (
    Chairmanship,
    Decision,
    Meeting,
    Participant,
    ParticipantName,
    Position,
    Quotation,
    ReportedFigure,
    Statement,
    StatusPeriod,
)

from .factories import (
    make_decision,
    make_participant,
    make_position,
    make_statement,
)

pytestmark = pytest.mark.django_db


def table_sizes():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def time_stamps():
    """When each record of every time-stamped table last changed."""
    return {
        model._meta.label: sorted(model.objects.values_list("pk", "updated_at"))
        for model in apps.get_models()
        if any(field.name == "updated_at" for field in model._meta.fields)
    }


def decision(slug):
    return Decision.objects.get(slug=slug)


def statement(slug):
    return Statement.objects.get(slug=slug)


def load(tmp_path, data):
    """Write `data` to a data file and load it."""
    path = tmp_path / "record.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_record(path)


def small_record():
    """A small data file with a record of every kind, each reference resolved. Its names are
    nobody's in the demo record, so that it loads beside it."""
    cited = {"sources": ["gazette"]}
    return {
        "sources": {"gazette": {"title": "Atlantis Gazette"}, "herald": {"title": "Mu Herald"}},
        "topics": [{"name": "Sea level", "slug": "sea-level"}],
        "working_bodies": [{"name": "Tide Committee", "kind": "committee", **cited}],
        "participants": [
            {"name": "Atlantis", "other_names": ["Atlantica", "Poseidonia"], **cited},
            {"name": "Mu", **cited},
        ],
        "meetings": [{"slug": "2030-atlantis", "year": 2030, "host": "Atlantis", **cited}],
        "decisions": [
            {
                "slug": "2030-sea-walls",
                "meeting": "2030-atlantis",
                "title": "Sea walls",
                "outcome": "blocked",
                "working_body": "Tide Committee",
                "participants_concerned": ["Atlantis"],
                "topics": ["sea-level"],
                **cited,
            },
            {
                "slug": "2030-higher-sea-walls",
                "meeting": "2030-atlantis",
                "title": "Higher sea walls",
                "outcome": "adopted",
                "amends": ["2030-sea-walls"],
                **cited,
            },
        ],
        "chairmanships": [
            {
                "year": 2030,
                "chair": "Atlantis",
                "vice_chair": "Mu",
                "decision": "2030-higher-sea-walls",
                **cited,
            }
        ],
        "status_periods": [
            {
                "participant": "Atlantis",
                "status": "suspended",
                "starts": "2030-01",
                "ends": "2030-06",
                "decision": "2030-higher-sea-walls",
                **cited,
            },
            {
                "participant": "Atlantis",
                "status": "enhanced-vigilance",
                "starts": "2030-06",
                **cited,
            },
        ],
        "statements": [
            {
                "slug": "2030-mu-statement",
                "title": "Mu on the sea walls",
                "issuer": "Mu",
                "kind": "press-statement",
                "meeting": "2030-atlantis",
                "decisions": ["2030-sea-walls"],
                "topics": ["sea-level"],
                "quotations": ["The sea will not wait.", "Walls are not enough."],
                "figures": [
                    {"description": "Sandbags", "amount": 1000, "recipient": "Atlantis"},
                    {"description": "Pumps", "amount": 20, "recipient": "Atlantis"},
                ],
                **cited,
            }
        ],
        "positions": [
            {
                "decision": "2030-sea-walls",
                "participant": "Atlantis",
                "stance": "proposed",
                "statements": ["2030-mu-statement"],
            },
            {
                "decision": "2030-sea-walls",
                "participant": "Mu",
                "stance": "objected",
                "sources": ["herald"],
            },
        ],
    }


# Every reference the data file makes: where it makes it, the kind of record it names, and the
# role it gives that record where it gives one.
REFERENCES = {
    "host": (("meetings", 0, "host"), "participant", "host"),
    "chair": (("chairmanships", 0, "chair"), "participant", "chair"),
    "vice-chair": (("chairmanships", 0, "vice_chair"), "participant", "vice chair"),
    "recipient": (("statements", 0, "figures", 0, "recipient"), "participant", "recipient"),
    "issuer": (("statements", 0, "issuer"), "participant", "issuer"),
    "participant-concerned": (("decisions", 0, "participants_concerned"), "participant", None),
    "participant-of-a-status-period": (("status_periods", 0, "participant"), "participant", None),
    "participant-of-a-position": (("positions", 0, "participant"), "participant", None),
    "meeting-of-a-decision": (("decisions", 0, "meeting"), "meeting", None),
    "meeting-of-a-statement": (("statements", 0, "meeting"), "meeting", None),
    "decision-amended": (("decisions", 1, "amends"), "decision", None),
    "decision-of-a-chairmanship": (("chairmanships", 0, "decision"), "decision", None),
    "decision-of-a-status-period": (("status_periods", 0, "decision"), "decision", None),
    "decision-of-a-statement": (("statements", 0, "decisions"), "decision", None),
    "decision-of-a-position": (("positions", 0, "decision"), "decision", None),
    "statement-of-a-position": (("positions", 0, "statements"), "statement", None),
    "source-of-a-record": (("meetings", 0, "sources"), "source", None),
    "source-of-a-position": (("positions", 1, "sources"), "source", None),
    "topic-of-a-decision": (("decisions", 0, "topics"), "topic", None),
    "topic-of-a-statement": (("statements", 0, "topics"), "topic", None),
    "working-body": (("decisions", 0, "working_body"), "working body", None),
}


def name_instead(data, path, key):
    """Put `key` where `path` leads in `data`, in a list if a list was there."""
    *parents, last = path
    for step in parents:
        data = data[step]
    data[last] = [key] if isinstance(data[last], list) else key


class TestReferences:
    def test_the_small_record_loads_with_every_reference_resolved(self, db, tmp_path):
        load(tmp_path, small_record())
        assert Meeting.objects.get(slug="2030-atlantis").host.name == "Atlantis"
        assert Chairmanship.objects.get(year=2030).vice_chair.name == "Mu"
        assert ReportedFigure.objects.get(description="Pumps").recipient.name == "Atlantis"

    @pytest.mark.parametrize(("path", "kind", "role"), REFERENCES.values(), ids=REFERENCES.keys())
    def test_an_unknown_reference_is_refused_and_nothing_is_loaded(
        self, db, tmp_path, path, kind, role
    ):
        data = small_record()
        name_instead(data, path, "Lemuria")
        as_role = f" as {role}" if role else ""
        before = table_sizes()
        with pytest.raises(DataError, match=re.escape(f"Unknown {kind} 'Lemuria'{as_role}.")):
            load(tmp_path, data)
        assert table_sizes() == before
        assert not Participant.objects.filter(name="Atlantis").exists()

    def test_the_error_says_which_entry_it_comes_from(self, db, tmp_path):
        data = small_record()
        data["meetings"][0]["host"] = "Lemuria"
        with pytest.raises(DataError, match=r"^Meeting '2030-atlantis': Unknown participant"):
            load(tmp_path, data)

    def test_a_single_name_where_a_list_is_expected_is_refused(self, db, tmp_path):
        data = small_record()
        data["meetings"][0]["sources"] = "gazette"
        with pytest.raises(DataError, match="Sources must be a list"):
            load(tmp_path, data)


class TestLoadingAgain:
    def test_loading_twice_leaves_the_same_counts(self, demo_record):
        before = table_sizes()
        assert before["plenaries.Decision"] == 26
        load_record()
        assert table_sizes() == before

    def test_loading_twice_changes_no_record(self, demo_record):
        stamps = time_stamps()
        assert stamps["plenaries.Meeting"]
        load_record()
        assert time_stamps() == stamps

    def test_loading_again_removes_the_children_the_file_no_longer_lists(self, db, tmp_path):
        data = small_record()
        load(tmp_path, data)
        data["participants"][0]["other_names"].remove("Poseidonia")
        del data["status_periods"][1]
        data["status_periods"][0]["ends"] = None
        data["statements"][0]["quotations"].remove("Walls are not enough.")
        del data["statements"][0]["figures"][1]
        del data["positions"][1]
        load(tmp_path, data)

        atlantis = Participant.objects.get(name="Atlantis")
        assert list(atlantis.other_names.values_list("name", flat=True)) == ["Atlantica"]
        assert list(atlantis.status_periods.values_list("status", flat=True)) == ["suspended"]
        mu_statement = statement("2030-mu-statement")
        assert [q.text for q in mu_statement.quotations.all()] == ["The sea will not wait."]
        assert [f.description for f in mu_statement.figures.all()] == ["Sandbags"]
        walls = decision("2030-sea-walls")
        assert [p.participant.name for p in walls.positions.all()] == ["Atlantis"]
        assert not ParticipantName.objects.filter(name="Poseidonia").exists()

    def test_records_the_file_does_not_list_keep_their_children(self, db, tmp_path):
        load(tmp_path, small_record())
        lemuria = make_participant(name="Lemuria")
        lemuria.other_names.create(name="Lemurian Republic")
        lemuria.status_periods.create(status=StatusPeriod.Status.SUSPENDED)
        editors_statement = make_statement(issuer=lemuria)
        editors_statement.quotations.create(text="Added in the admin.")
        editors_decision = make_decision()
        atlantis = Participant.objects.get(name="Atlantis")
        make_position(editors_decision, atlantis, stance=Position.Stance.SUPPORTED)
        children = (ParticipantName, StatusPeriod, Quotation, ReportedFigure, Position)
        before = {model: model.objects.count() for model in children}

        load(tmp_path, small_record())

        assert {model: model.objects.count() for model in children} == before
        assert lemuria.other_names.get().name == "Lemurian Republic"
        assert lemuria.status_periods.exists()
        assert editors_statement.quotations.get().text == "Added in the admin."
        assert editors_decision.positions.get().participant == atlantis

    def test_a_child_whose_key_changed_replaces_its_former_self(self, db, tmp_path):
        data = small_record()
        load(tmp_path, data)
        # The suspension now ends, and the vigilance starts, a month later; an other name
        # changes case. Neither may collide with what it replaces.
        data["status_periods"][0]["ends"] = "2030-07"
        data["status_periods"][1]["starts"] = "2030-07"
        data["participants"][0]["other_names"] = ["ATLANTICA", "Poseidonia"]
        load(tmp_path, data)
        atlantis = Participant.objects.get(name="Atlantis")
        assert [str(period.starts) for period in atlantis.status_periods.all()] == [
            "January 2030",
            "July 2030",
        ]
        assert sorted(atlantis.other_names.values_list("name", flat=True)) == [
            "ATLANTICA",
            "Poseidonia",
        ]
