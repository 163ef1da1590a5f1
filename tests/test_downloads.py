"""The full open-data download: built from the models, only the published record, valid as a
Frictionless Data Package, compared with the version before it, served as files and offered on
/data/ in both languages.

Every test runs on the demo record with one marked draft of every publishable model (the drafts
of tests/test_drafts.py); the files are kept in the database."""

import csv
import datetime
import html
import io
import json
import re
import zipfile
from email.utils import parsedate_to_datetime

import frictionless
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from plenaries.downloads import build
from plenaries.downloads.tables import read, record_models, snake_case, table_name, tables
from plenaries.models import (
    Decision,
    Download,
    DownloadFile,
    Meeting,
    Participant,
    PublicationStatus,
    SearchWord,
    Topic,
)
from tests.conftest import module_data
from tests.test_drafts import build as build_drafts
from tests.test_drafts import markers_in

LANGUAGES = ["en", "fr"]
FIRST, SECOND = datetime.date(2025, 3, 1), datetime.date(2025, 3, 8)
# Columns a table leaves out, each derived or internal (plenaries.downloads.tables.INTERNAL).
LEFT_OUT = {"search_vector", "sort_date", "publication_status", "version"}
# The tables the issue names; the download has these at least.
NAMED_TABLES = {
    *("meetings", "participants", "participant_names", "status_periods", "chairmanships"),
    *("decisions", "positions", "statements", "quotations", "reported_figures"),
    *("working_bodies", "topics", "sources", "decision_topics"),
}


@pytest.fixture(scope="module")
def record_for_module(django_db_setup, django_db_blocker):
    yield from module_data(django_db_blocker, build_drafts)


@pytest.fixture
def drafts(record_for_module, db):
    """The demo record and one marked draft of every publishable model: {model: its draft}."""
    return record_for_module


def stored(name):
    return bytes(DownloadFile.objects.get(name=name).content)


def csv_tables(download):
    """{table: [row dicts]} read back from the data package's CSV files."""
    return {
        table: list(
            csv.DictReader(
                io.StringIO(stored(f"{download.package_directory}/{table}.csv").decode())
            )
        )
        for table, _rows in download.tables()
    }


def as_cell(value):
    """A JSON value as the CSV file writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def text_of(response):
    """The page's text: tags dropped, white space folded, entities decoded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def interface_words(response):
    """The English interface words left on a French page, as tests/test_french.py finds them."""
    # Imported here: importing tests.test_french reads the URLconf (its parametrize does), which
    # would have the API's FilterSets made before tests/test_filters.py gathers its own.
    from tests.test_french import ReaderText, english_words

    return english_words(ReaderText(response.content.decode()).text)


# The files ------------------------------------------------------------------------------------


def test_the_data_package_is_valid_foreign_keys_included(drafts, downloads, tmp_path):
    for name in downloads.file_names():  # as a reader unpacks it
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(stored(name))
    descriptor = tmp_path / downloads.files["package"]["name"]
    report = frictionless.validate(str(descriptor))
    assert report.valid, report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])
    package = json.loads(descriptor.read_text())
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["version"] == downloads.version.isoformat()
    assert {"name", "title", "created", "homepage"} <= set(package)
    linked = [resource for resource in package["resources"] if resource["schema"]["foreignKeys"]]
    assert len(linked) >= 10

    # The validation reads the foreign keys: one naming no row makes the package invalid.
    positions = descriptor.parent / "positions.csv"
    rows = list(csv.reader(io.StringIO(positions.read_text())))
    rows[1][rows[0].index("decision_id")] = "999999"
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    positions.write_text(buffer.getvalue())
    [resource] = [resource for resource in package["resources"] if resource["name"] == "positions"]
    del resource["bytes"], resource["hash"]  # of the file as built
    descriptor.write_text(json.dumps(package))
    report = frictionless.validate(str(descriptor))
    assert [task.name for task in report.tasks if not task.valid] == ["positions"]
    assert report.flatten(["rowNumber", "type"]) == [[2, "foreign-key"]]


def test_the_json_file_holds_the_same_tables_as_the_csv_files(drafts, downloads):
    document = json.loads(stored(downloads.files["json"]["name"]))
    assert document["version"] == downloads.version.isoformat()
    assert document["license"]["name"] == "CC-BY-4.0"
    assert {"name", "title", "created", "source"} <= set(document)
    from_csv = csv_tables(downloads)
    names = [table for table, _rows in downloads.tables()]
    assert list(document["tables"]) == list(from_csv) == names == sorted(names)
    for table, rows in document["tables"].items():
        assert [{column: as_cell(value) for column, value in row.items()} for row in rows] == (
            from_csv[table]
        ), table
        assert len(rows) == downloads.row_counts[table]


def test_the_zip_holds_the_json_file_and_the_data_package(drafts, downloads):
    with zipfile.ZipFile(io.BytesIO(stored(downloads.files["zip"]["name"]))) as archive:
        names = archive.namelist()
        assert sorted(names) == sorted(
            set(downloads.file_names()) - {downloads.files["zip"]["name"]}
        )
        for name in names:
            assert archive.read(name) == stored(name), name


def test_no_draft_is_in_any_file(drafts, downloads):
    for name in downloads.file_names():
        content = stored(name)
        if name.endswith(".zip"):
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                text = "\n".join(archive.read(member).decode() for member in archive.namelist())
        else:
            text = content.decode()
        assert not markers_in(text), name


def test_no_row_link_or_foreign_key_names_a_draft(drafts, downloads):
    document = json.loads(stored(downloads.files["json"]["name"]))["tables"]
    every_table = {table.name: table for table in tables()}
    draft_ids = {table_name(model): draft.pk for model, draft in drafts.items()}
    problems = []
    for name, rows in document.items():
        if name in draft_ids and draft_ids[name] in {row.get("id") for row in rows}:
            problems.append(f"{name} has the draft's row")
        for column in every_table[name].columns:
            if column.target in draft_ids:
                if draft_ids[column.target] in {row[column.name] for row in rows}:
                    problems.append(f"{name}.{column.name} names the draft {column.target}")
    assert not problems, problems
    # The drafts are linked to published records, so that there is something to leave out: the
    # 2024 Dubai plenary's host is the draft participant.
    dubai = Meeting.objects.get(slug="2024-dubai")
    assert dubai.host == drafts[Participant]
    assert {row["id"]: row for row in document["meetings"]}[dubai.pk]["host_id"] is None


# By construction -----------------------------------------------------------------------------


def test_every_model_of_the_record_has_its_table_and_every_field_its_column():
    """SearchWord (words derived for suggestions), Download (the downloads' own bookkeeping) and
    the history models are not records of the Kimberley Process."""
    every_table = {table.name: table for table in tables()}
    assert NAMED_TABLES <= set(every_table)
    models = record_models()
    assert SearchWord not in models and Download not in models
    assert not any(name.startswith("historical") for name in every_table)
    for model in models:
        table = every_table[table_name(model)]
        columns = [column.name for column in table.columns]
        assert columns[0] == "id" and table.primary_key == ["id"], table.name
        expected = [
            field.attname for field in model._meta.concrete_fields if field.name not in LEFT_OUT
        ]
        assert sorted(columns) == sorted(expected), table.name
        for field in model._meta.many_to_many:
            link = every_table[f"{snake_case(model.__name__)}_{field.name}"]
            ends = [column.name for column in link.columns]
            assert len(ends) == 2 and link.primary_key == ends, link.name
            targets = {column.target for column in link.columns}
            assert targets == {table.name, table_name(field.related_model)}, link.name
    assert [column.name for column in every_table["decision_topics"].columns] == [
        "decision_id",
        "topic_id",
    ]
    assert [column.name for column in every_table["decision_amends"].columns] == [
        "from_decision_id",
        "to_decision_id",
    ]


def test_reading_the_tables_costs_one_query_each_whatever_the_rows(
    drafts, django_assert_num_queries
):
    every_table = tables()
    with django_assert_num_queries(len(every_table)):
        before = read(every_table)
    for number in range(20):
        Topic.objects.create(name=f"Topic {number}", slug=f"topic-{number}")
    with django_assert_num_queries(len(every_table)):
        after = read(every_table)
    assert len(after["topics"]) == len(before["topics"]) + 20


# What changed ---------------------------------------------------------------------------------


# What the page says of the changes above, in each language.
CHANGES_IN_WORDS = {
    "en": ("Since the version of 1 March 2025:", "1 row added, 1 row changed and 1 row removed."),
    "fr": (
        "Depuis la version du 1 mars 2025 :",
        "1 ligne ajoutée, 1 ligne modifiée et 1 ligne supprimée.",
    ),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_version_says_what_was_added_changed_and_removed_since_the_one_before(
    client, drafts, language
):
    going = Meeting.objects.create(
        year=2027,
        city="Gaborone",
        slug="2027-gaborone",
        publication_status=PublicationStatus.PUBLISHED,
    )
    first = build(version=FIRST)
    assert first.changes is None and first.compared_with is None

    added = Topic.objects.create(name="Statistics", slug="statistics")
    changed = Decision.objects.published().order_by("pk").first()
    changed.summary = f"{changed.summary} Amended."
    changed.save()
    going.unpublish()
    Topic.objects.exclude(pk=added.pk).first().save()  # saved, but nothing in it changed
    second = build(version=SECOND)

    assert second.compared_with == FIRST
    assert second.changes == {
        "decisions": {"changed": [changed.pk]},
        "meetings": {"removed": [going.pk]},
        "topics": {"added": [added.pk]},
    }
    assert Download.objects.get(version=SECOND).total_changes() == {
        "added": 1,
        "changed": 1,
        "removed": 1,
    }
    assert second.row_counts["topics"] == first.row_counts["topics"] + 1

    with translation.override(language):
        response = client.get(reverse("plenaries:data"))
    page = response.content.decode()
    since, words = CHANGES_IN_WORDS[language]
    assert f"{since} {words}" in text_of(response)
    table = re.search(r'<table class="download-changes">.*?</table>', page, re.S).group()
    rows = re.findall(
        r'<code lang="en">(\w+)</code></th>\s*<td>(\d)</td>\s*<td>(\d)</td>\s*<td>(\d)</td>', table
    )
    assert rows == [
        ("decisions", "0", "1", "0"),
        ("meetings", "0", "0", "1"),
        ("topics", "1", "0", "0"),
    ]


def test_a_link_added_or_removed_is_a_row_of_its_link_table(drafts):
    decision = Decision.objects.published().order_by("pk").first()
    topic = Topic.objects.exclude(decisions=decision).first()
    build(version=FIRST)
    decision.topics.add(topic)
    assert build(version=SECOND).changes == {
        "decision_topics": {"added": [[decision.pk, topic.pk]]}
    }


def test_rebuilding_on_the_same_day_replaces_that_days_version(drafts):
    build(version=FIRST)
    Topic.objects.create(name="Statistics", slug="statistics")
    build(version=SECOND)
    topic = Topic.objects.create(name="Reform", slug="reform")
    again = build(version=SECOND)
    assert list(Download.objects.values_list("version", flat=True)) == [SECOND, FIRST]
    assert again.changes["topics"]["added"] == [Topic.objects.get(slug="statistics").pk, topic.pk]
    rows = json.loads(stored(again.files["json"]["name"]))["tables"]["topics"]
    assert topic.pk in {row["id"] for row in rows}
    # Replaced, not saved beside under another name.
    kept = DownloadFile.objects.order_by("name").values_list("name", flat=True)
    assert [name for name in kept if "/" not in name] == [
        "kp-tracker-2025-03-01.json",
        "kp-tracker-2025-03-01.zip",
        "kp-tracker-2025-03-08.json",
        "kp-tracker-2025-03-08.zip",
    ]
    assert sorted(name for name in kept if name.startswith("kp-tracker-2025-03-08/")) == sorted(
        f"kp-tracker-2025-03-08/{name}"
        for name in ["datapackage.json", *(f"{table}.csv" for table, _rows in again.tables())]
    )
    assert sorted(again.file_names()) == sorted(again.stored_files.values_list("name", flat=True))


def test_the_command_builds_a_version_of_the_date_it_is_given(drafts):
    output = io.StringIO()
    call_command("build_downloads", "--date", "2025-03-01", stdout=output)
    download = Download.objects.get()
    assert download.version == FIRST
    assert (
        f"Download 2025-03-01 built: {sum(download.row_counts.values())} rows" in output.getvalue()
    )
    assert "No earlier version" in output.getvalue()
    call_command("build_downloads", "--date", "2025-03-08", stdout=output)
    assert "Since 2025-03-01: 0 rows added, 0 changed, 0 removed." in output.getvalue()
    with pytest.raises(CommandError, match="is not a date"):
        call_command("build_downloads", "--date", "March")


# Serving --------------------------------------------------------------------------------------

CONTENT_TYPES = {".json": "application/json", ".zip": "application/zip", ".csv": "text/csv"}


def test_every_file_is_served_with_what_a_cache_needs(client, drafts, downloads):
    for name in downloads.file_names():
        response = client.get(reverse("download", kwargs={"name": name}))
        assert response.status_code == 200, name
        content = b"".join(response.streaming_content)
        assert content == stored(name)
        suffix = name[name.rindex(".") :]
        assert response["Content-Type"].startswith(CONTENT_TYPES[suffix]), name
        assert int(response["Content-Length"]) == len(content)
        assert response["ETag"].startswith('"')
        assert parsedate_to_datetime(response["Last-Modified"]).year >= 2025
        assert "max-age" in response["Cache-Control"]


def test_a_file_not_changed_since_is_not_sent_again(client, drafts, downloads):
    address = reverse("download", kwargs={"name": downloads.files["zip"]["name"]})
    first = client.get(address)
    by_tag = client.get(address, headers={"if-none-match": first["ETag"]})
    by_date = client.get(address, headers={"if-modified-since": first["Last-Modified"]})
    for response in (by_tag, by_date):
        assert response.status_code == 304
        assert response["ETag"] == first["ETag"] and not response.content
    assert client.get(address, headers={"if-none-match": '"other"'}).status_code == 200
    assert client.head(address).status_code == 200
    assert client.post(address).status_code == 405


def test_the_downloads_may_be_read_from_another_site(client, drafts, downloads):
    address = reverse("download", kwargs={"name": downloads.files["json"]["name"]})
    response = client.get(address, headers={"origin": "https://example.org"})
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    "name",
    [
        "../secret.txt",
        "..%2Fsecret.txt",
        "%2E%2E/secret.txt",
        "kp-tracker-{version}/../../secret.txt",
        "kp-tracker-{version}%2F..%2F..%2Fsecret.txt",
        "/secret.txt",
        "%2Fetc%2Fpasswd",
        "/etc/passwd",
        "notes.txt",
        "kp-tracker-2025-03-01.json",  # no such version
        "kp-tracker-latest.csv",
        "kp-tracker-{version}/secret.txt",
        "kp-tracker-{version}/",
        "kp-tracker-{version}",
    ],
)
def test_only_the_files_of_a_version_are_found(client, drafts, downloads, name):
    for other in ("../secret.txt", "secret.txt", "notes.txt", "/etc/passwd"):
        for stored_name in (other, f"{downloads.package_directory}/{other}"):
            DownloadFile.objects.create(
                download=downloads,
                name=stored_name,
                content=b"Not to be served",
                content_type="text/plain",
                size=16,
            )
    response = client.get(f"/downloads/{name.format(version=downloads.version)}")
    assert response.status_code == 404
    assert b"Not to be served" not in response.content


@pytest.mark.parametrize("kind", ["json", "zip"])
def test_the_latest_address_redirects_to_the_latest_version(client, drafts, kind):
    latest = reverse("download", kwargs={"name": f"kp-tracker-latest.{kind}"})
    assert client.get(latest).status_code == 404  # none built yet
    build(version=FIRST)
    build(version=SECOND)
    response = client.get(latest)
    assert response.status_code == 302
    assert response["Location"] == f"/downloads/kp-tracker-2025-03-08.{kind}"
    assert response["Cache-Control"] == "no-cache"
    assert client.get(latest, follow=True).status_code == 200


# The page -------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_says_how_to_build_the_first_download(client, drafts, language):
    with translation.override(language):
        response = client.get(reverse("plenaries:data"))
    assert response.status_code == 200
    text = text_of(response)
    assert "python manage.py build_downloads" in text
    expected = {
        "en": "No download has been built yet.",
        "fr": "Aucun téléchargement n’a encore été construit.",
    }[language]
    assert expected in text
    assert language == "en" or not interface_words(response)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_offers_the_latest_version_its_tables_and_the_older_ones(client, drafts, language):
    build(version=FIRST)
    latest = build(version=SECOND)
    with translation.override(language):
        response = client.get(reverse("plenaries:data"))
        about = client.get(reverse("plenaries:about")).content.decode()
        data_address = reverse("plenaries:data")
    page = response.content.decode()
    for kind in ("json", "package", "zip"):
        assert f'href="/downloads/{latest.files[kind]["name"]}"' in page
    for kind in ("json", "zip"):  # the older version's files, and the latest addresses
        assert f'href="/downloads/kp-tracker-2025-03-01.{kind}"' in page
        assert f'href="/downloads/kp-tracker-latest.{kind}"' in page
    for table, rows in latest.tables():
        assert f'<code lang="en">{table}</code></th>\n        <td>{rows}</td>' in page
    for name in ("api:api-root", "api:docs", "api:schema"):
        assert f'href="{reverse(name)}"' in page
    with translation.override(language):
        lists = ["meeting-list", "decision-list", "participant-list", "statement-list"]
        for name in lists:
            assert f'href="{reverse(f"plenaries:{name}")}"' in page
    text = text_of(response)
    if language == "fr":
        assert "Version du 8 mars 2025" in text
        assert "Rien n’a changé depuis la version du 1 mars 2025." in text
        assert not interface_words(response)
    else:
        assert "Version of 8 March 2025" in text
        assert "Nothing changed since the version of 1 March 2025." in text
    assert f'href="{data_address}"' in about
