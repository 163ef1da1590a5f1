"""Each public page costs a fixed number of queries, whatever the number of rows."""

import pytest
from django.core.cache import caches
from django.urls import reverse

from plenaries.models import (
    Chairmanship,
    Decision,
    Meeting,
    Participant,
    Position,
    PublicationStatus,
    Source,
    Statement,
    StatusPeriod,
    Topic,
    WorkingBody,
)
from plenaries.page_cache import covers
from tests.conftest import module_data
from tests.factories import make_source
from tests.routes import FILE_ROUTES, record_arguments, served_model, url_names

pytestmark = pytest.mark.django_db

PUBLISHED = PublicationStatus.PUBLISHED

# Pages that show or serve the open-data download, asked for once a version is built.
WITH_DOWNLOADS = {"plenaries:data", *FILE_ROUTES}
# Beyond each page's own queries: the page cache reads the record's version for every public page
# (plenaries.page_cache), and the API's throttle counts each reader's requests in the shared cache,
# a get and a set (six queries in the database's cache table, none with REDIS_URL).
VERSION_QUERIES = 1
THROTTLE_QUERIES = 6


def shared_queries(pattern, url):
    view = getattr(pattern.callback, "cls", None)
    throttled = bool(getattr(view, "throttle_classes", ()))
    return VERSION_QUERIES * covers(url) + THROTTLE_QUERIES * throttled


# Queries each page may make, whatever the number of rows: pinned with 200 decisions and 100
# participants below. Every page of the site is here; one added without a pin fails the test.
PAGE_QUERIES = {
    "plenaries:home": 18,  # 17, and one that counts decisions per year and outcome for its chart
    "plenaries:meeting-list": 5,
    # 14, and one more that reads every published meeting for the previous and next links.
    "plenaries:meeting-detail": 15,
    "plenaries:decision-list": 13,  # four of them count the facets
    "plenaries:decision-detail": 18,  # two for the same item earlier and later
    "plenaries:participant-list": 2,
    "plenaries:participant-detail": 14,
    "plenaries:statement-list": 9,  # two of them count the facets
    "plenaries:statement-detail": 15,
    "plenaries:working-body-list": 2,
    "plenaries:working-body-detail": 8,
    "plenaries:chair-list": 5,
    "plenaries:blocked-list": 8,
    "plenaries:search": 10,
    "plenaries:topic-list": 2,
    "plenaries:topic-detail": 5,
    "plenaries:meeting-list-feed": 1,
    "plenaries:participant-list-feed": 1,
    "plenaries:working-body-list-feed": 1,
    "plenaries:chair-list-feed": 4,
    "plenaries:blocked-list-feed": 6,
    "plenaries:topic-list-feed": 1,
    "plenaries:search-feed": 9,
    "plenaries:about": 7,
    "plenaries:data": 2,  # every version of the download, and the footer's last change
    # The latest version, to redirect to its file; the file's size and date, then its content
    # (in the database, plenaries.views.data), which a conditional request that holds spares.
    "download": 3,
    "plenaries:decision-feed": 3,
    # Every row of a list, whatever their number: the records, then each relation a column names.
    "plenaries:decision-csv": 5,  # meetings, participants concerned, topics, positions
    "plenaries:statement-csv": 5,  # issuers, meetings, topics, decisions
    "plenaries:meeting-csv": 2,  # hosts
    "plenaries:participant-csv": 2,  # other names
    "plenaries:statement-feed": 4,
    "plenaries:participant-decision-feed": 2,
    "plenaries:participant-statement-feed": 3,
    "plenaries:topic-decision-feed": 2,
    "plenaries:topic-statement-feed": 2,
    "plenaries:working-body-decision-feed": 2,
    "plenaries:working-body-statement-feed": 3,  # as a participant's: the body, statements, issuers
    "meetings-calendar": 1,
    "sitemap": 5,
    "robots": 0,
    # The API: one query for the record's version (its ETag), one counting a list's records, one
    # reading them and one for each relation it names.
    "api:api-root": 0,
    "api:decision-list": 18,
    "api:decision-detail": 17,  # eight of them for the related decisions, each way
    "api:meeting-list": 6,
    "api:meeting-detail": 5,
    "api:participant-list": 9,
    "api:participant-detail": 8,
    "api:statement-list": 11,
    "api:statement-detail": 10,
    "api:working-body-list": 5,
    "api:working-body-detail": 4,
    "api:topic-list": 3,
    "api:topic-detail": 2,
    "api:source-list": 3,
    "api:source-detail": 2,
    # The slugs each filter of a list may pick, one query per filter for each time
    # drf-spectacular asks; a repeated request is a 304 for one query.
    "api:schema": 43,
    "api:docs": 0,
}


@pytest.fixture(scope="module")
def large_record_for_module(django_db_setup, django_db_blocker):
    yield from module_data(django_db_blocker, build_large_record)


@pytest.fixture
def large_record(large_record_for_module, db):
    return large_record_for_module


def build_large_record():
    """200 published decisions and 100 participants, each decision with two participants'
    positions and one of unnamed others, all of a working body that 60 statements are about; the
    first two statements cited by 40 positions."""
    source = make_source()
    topic = Topic.objects.create(name="Bulk topic", slug="bulk-topic")
    body = WorkingBody.objects.create(
        name="Bulk committee", slug="bulk-committee", kind="committee"
    )
    participants = Participant.objects.bulk_create(
        Participant(name=f"State {n}", slug=f"state-{n}", publication_status=PUBLISHED)
        for n in range(100)
    )
    meetings = Meeting.objects.bulk_create(
        Meeting(year=2000 + n, city=f"City {n}", slug=f"meeting-{n}", publication_status=PUBLISHED)
        for n in range(20)
    )
    decisions = Decision.objects.bulk_create(
        Decision(
            title=f"Decision {n}",
            slug=f"decision-{n}",
            outcome="blocked" if n % 3 else "adopted",
            meeting=meetings[n % 20],
            working_body=body,
            publication_status=PUBLISHED,
        )
        for n in range(200)
    )
    positions = Position.objects.bulk_create(
        Position(decision=decision, participant=participants[(n + k) % 100], stance=stance)
        for n, decision in enumerate(decisions)
        for k, stance in enumerate(["proposed", "objected"])
    )
    positions += Position.objects.bulk_create(
        Position(decision=decision, others="a few others", stance="objected")
        for decision in decisions
    )
    Position.sources.through.objects.bulk_create(
        Position.sources.through(position=position, source=source) for position in positions
    )
    for decision in decisions:
        decision.sources.add(source)
        decision.topics.add(topic)
        decision.participants_concerned.add(participants[0])
    statements = Statement.objects.bulk_create(
        Statement(
            title=f"Statement {n}",
            slug=f"statement-{n}",
            kind="speech",
            issuer=participants[n % 100],
            meeting=meetings[0],
            publication_status=PUBLISHED,
        )
        for n in range(60)
    )
    for statement in statements:
        statement.decisions.set(decisions[:5])
        statement.working_bodies.add(body)
    Position.statements.through.objects.bulk_create(
        Position.statements.through(position=position, statement=statement)
        for position in positions[:40]
        for statement in statements[:2]
    )
    StatusPeriod.objects.bulk_create(
        StatusPeriod(
            participant=participants[0],
            status="suspended",
            starts_on=f"{2000 + n}-01-01",
            ends_on=f"{2000 + n}-06-01",
        )
        for n in range(20)
    )
    Chairmanship.objects.bulk_create(
        Chairmanship(
            year=2000 + n,
            chair=participants[n],
            vice_chair=participants[n + 1],
            publication_status=PUBLISHED,
        )
        for n in range(50)
    )
    return {
        "meeting": meetings[0],
        "decision": decisions[0],
        "participant": participants[0],
        "statement": statements[0],
    }


def site_pages():
    """(URL name, its pattern) for every page of the site."""
    for name, pattern in url_names():
        if name in {"set_language", "admin"} or name.startswith("admin:"):
            continue
        yield name, pattern


def test_every_page_has_a_pinned_query_count():
    assert {name for name, _ in site_pages()} == set(PAGE_QUERIES)


@pytest.mark.parametrize(
    ("name", "pattern"),
    sorted(site_pages(), key=lambda page: page[0]),
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_each_page_stays_within_its_query_count_at_200_decisions(
    client, large_record, django_assert_max_num_queries, name, pattern, request
):
    model = served_model(pattern)
    record = model.objects.published().order_by("pk").first() if model else None
    kwargs = FILE_ROUTES.get(name) or (record_arguments(pattern, record) if record else {})
    if name in WITH_DOWNLOADS:
        request.getfixturevalue("downloads")
    query = {"q": "Decision"} if name in {"plenaries:search", "plenaries:search-feed"} else {}
    url = reverse(name, kwargs=kwargs)
    # The API's throttle counts in the shared cache, which an earlier test may have left an
    # expired count in: reading it then costs a deletion too.
    caches["default"].clear()
    with django_assert_max_num_queries(PAGE_QUERIES[name] + shared_queries(pattern, url)):
        response = client.get(url, query, follow=name in FILE_ROUTES)
    assert response.status_code == 200


def test_the_participant_page_lists_every_position_in_a_fixed_number_of_queries(
    client, large_record, django_assert_max_num_queries
):
    pins = PAGE_QUERIES["plenaries:participant-detail"] + VERSION_QUERIES
    with django_assert_max_num_queries(pins):
        page = client.get(large_record["participant"].get_absolute_url()).content.decode()
    assert page.count("Proposed") + page.count("Objected") >= 4
    assert Source.objects.count() == 1
