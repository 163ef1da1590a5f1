"""The admin's bulk import: records updated by their key, all or nothing, and every refusal told
in plain words naming the row (as a spreadsheet numbers it) and the column."""

import csv
import datetime
import html
import io
import json
import tempfile
from unittest import mock

import pytest
import tablib
from django.contrib import admin
from django.urls import reverse
from django.utils.html import strip_tags
from import_export.admin import ImportMixin

from plenaries.import_files import ImportForm
from plenaries.models import Decision, Meeting, Participant, Position, PublicationStatus
from plenaries.resources import ParticipantResource
from tests.admin_forms import text_of
from tests.factories import (
    make_decision,
    make_meeting,
    make_participant,
    make_position,
    make_source,
    make_statement,
)

pytestmark = pytest.mark.django_db

# The import form's format choices, in the order of settings.IMPORT_EXPORT_FORMATS.
CSV, XLSX, JSON = "0", "1", "2"

# Every admin with an import page.
IMPORTING_ADMINS = [
    model_admin
    for model_admin in admin.site._registry.values()
    if isinstance(model_admin, ImportMixin)
]

# What must never reach the import page: Python's, Django's and the database's own words.
RAW_ERRORS = (
    "Traceback", "Error:", "matching query", "does not exist", "Constraint “", "constraint failed",
    "violates", "SELECT ", "INSERT ", "UPDATE ",
)  # fmt: skip


def csv_file(rows, name="participants.csv", encoding="utf-8"):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    file = io.BytesIO(buffer.getvalue().encode(encoding))
    file.name = name
    return file


def xlsx_file(rows):
    dataset = tablib.Dataset(*[list(row.values()) for row in rows], headers=list(rows[0]))
    file = io.BytesIO(dataset.export("xlsx"))
    file.name = "participants.xlsx"
    return file


def json_file(rows):
    file = io.BytesIO(json.dumps(rows).encode())
    file.name = "participants.json"
    return file


def import_url(model, step="import"):
    return reverse(f"admin:plenaries_{model._meta.model_name}_{step}")


def preview(client, model, file, file_format=CSV):
    return client.post(
        import_url(model), {"resource": "0", "format": file_format, "import_file": file}
    )


def confirm(client, model, previewed):
    form = previewed.context["confirm_form"]
    return client.post(
        import_url(model, "process_import"),
        {name: field.initial for name, field in form.fields.items()} | dict(form.initial),
    )


def import_file(client, model, file, file_format=CSV):
    """Preview `file`, check that it may be imported, and confirm it."""
    previewed = preview(client, model, file, file_format)
    assert "confirm_form" in previewed.context, text_of(previewed)
    response = confirm(client, model, previewed)
    assert response.status_code == 302
    return previewed


def refusal(client, model, rows):
    """The page refusing `rows`, checked to offer no confirmation and show no raw error."""
    response = preview(client, model, csv_file(rows))
    assert response.status_code == 200
    assert "confirm_form" not in response.context
    page = html.unescape(text_of(response))
    assert "Nothing was imported" in page
    for raw in RAW_ERRORS:
        assert raw not in page
    return page


def participant_rows():
    return [
        {"slug": "atlantis", "name": "Atlantis", "role": "participant", "kind": "state",
         "country": "", "admitted_on": "2030-11-01", "admitted_on_precision": "month"},
        {"slug": "lemuria", "name": "Lemuria", "role": "observer", "kind": "industry",
         "country": "", "admitted_on": "", "admitted_on_precision": "day"},
    ]  # fmt: skip


class TestImport:
    def test_a_good_csv_is_previewed_then_imports_every_row_as_drafts(self, admin_client):
        previewed = preview(admin_client, Participant, csv_file(participant_rows()))
        assert previewed.status_code == 200
        assert not Participant.objects.exists(), "the preview is a dry run"
        response = confirm(admin_client, Participant, previewed)
        assert response.status_code == 302
        assert set(Participant.objects.values_list("name", "publication_status")) == {
            ("Atlantis", "draft"),
            ("Lemuria", "draft"),
        }
        assert str(Participant.objects.get(slug="atlantis").admitted) == "November 2030"

    def test_a_csv_with_one_bad_row_imports_nothing_and_names_the_row_and_column(
        self, admin_client
    ):
        rows = participant_rows()
        rows[1]["role"] = "spectator"
        page = refusal(admin_client, Participant, rows)
        assert "Row 3, column 'role': Value 'spectator' is not a valid choice." in page
        assert not Participant.objects.exists()


class TestUpdates:
    def test_a_csv_renaming_a_participant_updates_it_and_the_preview_says_so(self, admin_client):
        make_participant(slug="atlantis", name="Atlantis")
        rows = participant_rows()[:1]
        rows[0]["name"] = "Atlantis, Republic of"
        previewed = import_file(admin_client, Participant, csv_file(rows))
        page = text_of(previewed)
        assert '<tr class="update"> <td class="import-type"> Update </td>' in page
        assert "Atlantis, Republic of" in strip_tags(page)
        assert list(Participant.objects.values_list("slug", "name")) == [
            ("atlantis", "Atlantis, Republic of")
        ]

    def test_a_meeting_and_a_decision_are_updated_by_their_slugs(self, admin_client):
        meeting = make_meeting(slug="2030-atlantis", city="Atlantis")
        decision = make_decision(slug="admission", title="Admission", meeting=meeting)
        meeting_row = {"slug": "2030-atlantis", "year": "2030", "city": "Poseidonis"}
        decision_row = {"slug": "admission", "title": "Admission of Lemuria", "outcome": "noted"}
        import_file(admin_client, Meeting, csv_file([meeting_row]))
        import_file(admin_client, Decision, csv_file([decision_row]))
        meeting.refresh_from_db()
        decision.refresh_from_db()
        assert meeting.city == "Poseidonis"
        assert (decision.title, decision.outcome, decision.meeting) == (
            "Admission of Lemuria",
            "noted",
            meeting,
        )

    def test_a_position_is_updated_by_its_decision_and_participant(self, admin_client):
        source = make_source()
        position = make_position(
            make_decision(slug="admission"),
            make_participant(slug="atlantis"),
            stance=Position.Stance.SUPPORTED,
            sources=[source],
        )
        row = {"decision": "admission", "participant": "atlantis", "stance": "objected",
               "sources": source.url}  # fmt: skip
        import_file(admin_client, Position, csv_file([row], name="positions.csv"))
        position.refresh_from_db()
        assert position.stance == Position.Stance.OBJECTED
        assert Position.objects.count() == 1


class TestAllOrNothing:
    def test_a_repeated_slug_is_refused_naming_both_rows_and_nothing_changes(self, admin_client):
        make_participant(slug="atlantis", name="Atlantis")
        first, second = participant_rows()
        first["name"], second["name"], second["slug"] = "Atlantis I", "Atlantis II", "atlantis"
        page = refusal(admin_client, Participant, [first, participant_rows()[1], second])
        assert (
            "Row 4: Same slug 'atlantis' as row 2: a file may hold each record only once." in page
        )
        assert list(Participant.objects.values_list("name", flat=True)) == ["Atlantis"]

    def test_a_repeated_decision_and_participant_is_refused(self, admin_client):
        make_decision(slug="admission")
        make_participant(slug="atlantis")
        source = make_source()
        rows = [
            {"decision": "admission", "participant": "atlantis", "stance": stance,
             "sources": source.url}
            for stance in ("supported", "objected")
        ]  # fmt: skip
        page = refusal(admin_client, Position, rows)
        assert "Row 3: Same decision 'admission', participant 'atlantis' as row 2" in page
        assert not Position.objects.exists()

    def test_a_row_refused_at_the_confirmation_rolls_back_the_whole_file(self, admin_client):
        """The file passed the preview, then its meeting was deleted before the confirmation."""
        meeting = make_meeting(slug="2030-atlantis")
        rows = [
            {"slug": "first", "title": "First", "outcome": "adopted", "meeting": ""},
            {"slug": "second", "title": "Second", "outcome": "adopted", "meeting": meeting.slug},
        ]
        previewed = preview(admin_client, Decision, csv_file(rows))
        meeting.delete()
        confirm(admin_client, Decision, previewed)
        assert not Decision.objects.exists()


@pytest.fixture
def records():
    make_decision(slug="admission")
    make_participant(slug="atlantis")
    make_source(url="https://example.org/communique")


class TestPlainErrors:
    @pytest.mark.parametrize(
        ("model", "row", "sentence"),
        [
            (
                Decision,
                {"slug": "review", "title": "Review", "outcome": "adopted", "meeting": "2099-mu"},
                "Row 2, column 'meeting': There is no meeting with the slug '2099-mu'.",
            ),
            (
                Position,
                {"decision": "admission", "participant": "mu", "stance": "supported",
                 "sources": "https://example.org/communique"},
                "Row 2, column 'participant': There is no participant with the slug 'mu'.",
            ),
            (
                Position,
                {"decision": "admission", "participant": "atlantis", "stance": "supported",
                 "sources": "https://example.org/lost"},
                "Row 2, column 'sources': There is no source with the address "
                "'https://example.org/lost'.",
            ),
            (
                Participant,
                {"slug": "mu", "name": "Mu", "admitted_on": "01/11/2030"},
                "Row 2, column 'admitted_on': '01/11/2030' is not a date written as YYYY-MM-DD.",
            ),
            (
                Participant,
                {"slug": "mu", "name": "Mu", "kind": "continent"},
                "Row 2, column 'kind': Value 'continent' is not a valid choice.",
            ),
            (
                Participant,
                {"slug": "mu", "name": "M\x00u"},
                "Row 2, column 'name': It holds a null character (0x00), which the database "
                "cannot store.",
            ),
            (
                Meeting,
                {"slug": "2030-mu", "year": "twenty thirty"},
                "Row 2, column 'year': 'twenty thirty' is not a whole number.",
            ),
            (
                Meeting,
                {"slug": "2030-mu", "year": "2030", "communique_issued": "yes"},
                "Row 2, column 'communique_issued': 'yes' is not 1 (yes), 0 (no) or empty.",
            ),
        ],
    )  # fmt: skip
    def test_a_bad_value_is_a_sentence_naming_row_and_column(
        self, admin_client, records, model, row, sentence
    ):
        count = model.objects.count()
        page = refusal(admin_client, model, [row])
        assert sentence in page
        assert model.objects.count() == count

    @pytest.mark.parametrize(
        ("model", "row", "sentence"),
        [
            (Participant, {"slug": "mu", "name": "Mu", "kind": "industry", "country": "FR"},
             "Only a state has a country code."),
            (Meeting, {"slug": "1999-mu", "year": "1999"},
             "The Kimberley Process met first in 2000."),
            (Meeting, {"slug": "2030-mu", "year": "2030", "ordinal": "0"},
             "Meetings are numbered from 1."),
            (Position, {"decision": "admission", "participant": "atlantis", "stance": "objected"},
             "Row 2: It cites nothing: list at least one statement (by slug) in 'statements' or "
             "source (by address) in 'sources'."),
            (Position, {"decision": "admission", "participant": "atlantis", "stance": "objected",
                        "others": "a few others", "sources": "https://example.org/communique"},
             "Pick the participant, or describe the unnamed others: one of the two."),
            (Position, {"decision": "admission", "participant": "", "others": "a few others",
                        "attribution": "inferred", "stance": "objected",
                        "sources": "https://example.org/communique"},
             "Only a participant's stance is inferred from a group."),
        ],
    )  # fmt: skip
    def test_a_rule_of_the_record_is_told_in_words(
        self, admin_client, records, model, row, sentence
    ):
        count = model.objects.count()
        assert sentence in refusal(admin_client, model, [row])
        assert model.objects.count() == count

    def test_a_file_without_its_key_column_is_refused_naming_it(self, admin_client):
        page = refusal(admin_client, Participant, [{"name": "Mu"}])
        assert "The file has no 'slug' column, which says which record a row is." in page
        assert not Participant.objects.exists()

    def test_a_clash_the_database_refuses_after_validation_is_a_plain_sentence(self, admin_client):
        """Another editor saves the same slug between the row's validation and its save."""

        def rival_saves_first(*args, **kwargs):
            make_participant(slug="atlantis", name="Atlantis (theirs)")

        with mock.patch.object(
            ParticipantResource, "before_save_instance", side_effect=rival_saves_first
        ):
            page = refusal(admin_client, Participant, participant_rows()[:1])
        assert "Row 2, column 'slug': Participant with this Slug already exists." in page
        assert not Participant.objects.exists()


class TestFiles:
    def test_a_file_that_is_not_utf_8_is_refused_with_the_reason(self, admin_client):
        rows = participant_rows()
        rows[0]["name"] = "Côte"
        response = preview(admin_client, Participant, csv_file(rows, encoding="latin-1"))
        page = html.unescape(text_of(response))
        assert "The file is not UTF-8 text: save it as CSV UTF-8 and try again." in page
        assert "UnicodeDecodeError" not in page
        assert not Participant.objects.exists()

    def test_a_utf_8_file_with_a_byte_order_mark_is_read_from_its_first_column(self, admin_client):
        rows = participant_rows()
        rows[0]["name"] = "Côte"
        import_file(admin_client, Participant, csv_file(rows, encoding="utf-8-sig"))
        assert set(Participant.objects.values_list("slug", "name")) == {
            ("atlantis", "Côte"),
            ("lemuria", "Lemuria"),
        }

    @pytest.mark.parametrize(("make_file", "file_format"), [(xlsx_file, XLSX), (json_file, JSON)])
    def test_xlsx_and_json_files_import_the_same_rows(self, admin_client, make_file, file_format):
        import_file(admin_client, Participant, make_file(participant_rows()), file_format)
        assert set(Participant.objects.values_list("slug", "name", "role", "admitted_on")) == {
            ("atlantis", "Atlantis", "participant", datetime.date(2030, 11, 1)),
            ("lemuria", "Lemuria", "observer", None),
        }

    @pytest.mark.parametrize(
        ("make_file", "file_format"), [(csv_file, CSV), (xlsx_file, XLSX), (json_file, JSON)]
    )
    def test_a_file_previewed_on_one_server_is_confirmed_on_another(
        self, admin_client, tmp_path, monkeypatch, make_file, file_format
    ):
        """Each server's temporary directory stands for its disk: the first is left empty, and
        the second, which confirms, never saw the file."""
        first, second = tmp_path / "first", tmp_path / "second"
        first.mkdir()
        second.mkdir()
        monkeypatch.setattr(tempfile, "tempdir", str(first))
        previewed = preview(admin_client, Participant, make_file(participant_rows()), file_format)
        assert "confirm_form" in previewed.context, text_of(previewed)
        assert not list(first.iterdir())
        monkeypatch.setattr(tempfile, "tempdir", str(second))
        assert confirm(admin_client, Participant, previewed).status_code == 302
        assert set(Participant.objects.values_list("slug", flat=True)) == {"atlantis", "lemuria"}

    @pytest.mark.parametrize("model_admin", IMPORTING_ADMINS, ids=str)
    def test_every_import_page_checks_the_encoding(self, model_admin, rf, admin_user):
        request = rf.get("/")
        request.user = admin_user
        assert issubclass(model_admin.get_import_form_class(request), ImportForm)


class TestPublication:
    def test_an_import_neither_publishes_nor_unpublishes(self, admin_client):
        make_participant(slug="atlantis", name="Atlantis").publish()
        rows = participant_rows()
        for row, status in zip(rows, ("draft", "published"), strict=True):
            row["name"] += " (imported)"
            row["publication_status"] = status  # not a column of the resource: ignored
        import_file(admin_client, Participant, csv_file(rows))
        assert set(Participant.objects.values_list("name", "publication_status")) == {
            ("Atlantis (imported)", PublicationStatus.PUBLISHED),
            ("Lemuria (imported)", PublicationStatus.DRAFT),
        }

    @pytest.mark.parametrize("model_admin", IMPORTING_ADMINS, ids=str)
    def test_no_import_reads_the_publication_state(self, model_admin, rf, admin_user):
        request = rf.get("/")
        request.user = admin_user
        for resource_class in model_admin.get_import_resource_classes(request):
            columns = {field.column_name for field in resource_class().get_import_fields()}
            assert "publication_status" not in columns


class TestPositions:
    """A position cites its evidence by statement slug and source address; unnamed others' rows
    are one per decision and stance."""

    def test_a_row_citing_two_statements_and_a_source_saves_them_all(self, admin_client, records):
        first, second = make_statement(slug="first"), make_statement(slug="second")
        row = {"decision": "admission", "participant": "atlantis", "stance": "supported",
               "statements": "first, second",
               "sources": "https://example.org/communique"}  # fmt: skip
        import_file(admin_client, Position, csv_file([row], name="positions.csv"))
        position = Position.objects.get()
        assert set(position.statements.all()) == {first, second}
        assert list(position.sources.values_list("url", flat=True)) == [
            "https://example.org/communique"
        ]

    def test_unnamed_others_are_found_by_decision_and_stance(self, admin_client, records):
        def unnamed(stance, note):
            return {"decision": "admission", "participant": "", "others": "a few others",
                    "stance": stance, "note": note,
                    "sources": "https://example.org/communique"}  # fmt: skip

        rows = [unnamed("objected", "First note."), unnamed("supported", "")]
        import_file(admin_client, Position, csv_file(rows, name="positions.csv"))
        import_file(admin_client, Position, csv_file([unnamed("objected", "Second note.")]))
        assert set(Position.objects.values_list("participant", "stance", "note")) == {
            (None, "objected", "Second note."),
            (None, "supported", ""),
        }

    def test_two_unnamed_rows_of_one_stance_are_refused(self, admin_client, records):
        rows = [
            {"decision": "admission", "participant": "", "others": others, "stance": "objected",
             "sources": "https://example.org/communique"}
            for others in ("a few others", "several others")
        ]  # fmt: skip
        page = refusal(admin_client, Position, rows)
        assert "Row 3: Same decision 'admission', stance 'objected' as row 2" in page
        assert not Position.objects.exists()

    def test_unknown_statements_are_refused_naming_each(self, admin_client, records):
        make_statement(slug="known")
        row = {"decision": "admission", "participant": "atlantis", "stance": "supported",
               "statements": "known,lost,gone"}  # fmt: skip
        page = refusal(admin_client, Position, [row])
        assert "Row 2, column 'statements': There is no statement with the slug 'gone'." in page
        assert "Row 2, column 'statements': There is no statement with the slug 'lost'." in page
        assert "It cites nothing" not in page
        assert not Position.objects.exists()

    def test_a_file_with_one_row_citing_nothing_imports_nothing(self, admin_client, records):
        make_participant(slug="lemuria")
        rows = [
            {"decision": "admission", "participant": "atlantis", "stance": "supported",
             "sources": "https://example.org/communique"},
            {"decision": "admission", "participant": "lemuria", "stance": "objected",
             "sources": ""},
        ]  # fmt: skip
        page = refusal(admin_client, Position, rows)
        assert "Row 3: It cites nothing" in page and "Row 2" not in page
        assert not Position.objects.exists()

    def test_a_file_without_evidence_columns_keeps_the_saved_evidence(self, admin_client):
        position = make_position(make_decision(slug="admission"), make_participant(slug="atlantis"))
        row = {"decision": "admission", "participant": "atlantis", "stance": "objected"}
        import_file(admin_client, Position, csv_file([row], name="positions.csv"))
        position.refresh_from_db()
        assert position.stance == "objected" and position.sources.exists()

    def test_an_exported_file_imports_back_unchanged(self, admin_client, records):
        decision = Decision.objects.get(slug="admission")
        statement = make_statement(slug="press-statement")
        source = make_source(url="https://example.org/report")
        make_position(
            decision,
            Participant.objects.get(slug="atlantis"),
            statements=[statement],
            sources=[source, make_source(url="https://example.org/minutes")],
        )
        make_position(decision, others="a few others", stance="objected", sources=[source])
        columns = ("decision", "participant", "others", "attribution", "stance", "note",
                   "statements", "sources")  # fmt: skip
        exported = admin_client.post(
            import_url(Position, "export"),
            {"format": CSV, "resource": "0", "export_items": []}
            | {f"positionresource_{column}": "on" for column in columns},
        )
        assert exported.status_code == 200
        rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
        assert {(row["participant"], row["others"], row["statements"]) for row in rows} == {
            ("atlantis", "", "press-statement"),
            ("", "a few others", ""),
        }
        atlantis = next(row for row in rows if row["participant"])
        assert set(atlantis["sources"].split(",")) == {
            "https://example.org/report",
            "https://example.org/minutes",
        }
        before = list(Position.objects.values_list("pk", "version"))
        import_file(admin_client, Position, csv_file(rows, name="positions.csv"))
        assert list(Position.objects.values_list("pk", "version")) == before


def test_a_json_file_may_list_a_positions_evidence(admin_client):
    decision, participant = make_decision(slug="admission"), make_participant(slug="atlantis")
    statement, source = make_statement(slug="atlantis-statement"), make_source()
    row = {"decision": "admission", "participant": "atlantis", "stance": "supported",
           "statements": [statement.slug], "sources": [source.url]}  # fmt: skip
    import_file(admin_client, Position, json_file([row]), JSON)
    position = Position.objects.get(decision=decision, participant=participant)
    assert (list(position.statements.all()), list(position.sources.all())) == (
        [statement],
        [source],
    )
