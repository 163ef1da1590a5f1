"""Reads from replicas (kp_tracker/routers.py): an anonymous reader's pages read from a replica,
while the admin, an editor's pages, writes, sessions and the cache stay on the primary.

The replica is "replica", a test mirror of the default database (tests/conftest.py), so that
each test sees, through the replica's own connection, the rows the primary holds. Those rows must
be committed for that connection to see them: the request tests run in transactions of their own
(`transaction=True`), and the database is emptied after each."""

from contextlib import contextmanager

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import DEFAULT_DB_ALIAS, connection, connections, router, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kp_tracker import routers
from kp_tracker.health import HEALTHZ_PATH
from kp_tracker.routers import replica
from plenaries.downloads import build as build_downloads
from plenaries.models import Decision, RecordVersion
from tests.admin_forms import change_form_data, change_url
from tests.conftest import load_demo_record
from tests.routes import FILE_ROUTES, record_arguments, served_model, url_names
from tests.scratch_databases import SCRATCH
from tests.test_drafts import NOT_PAGES

REPLICA = "replica"
BOTH = [DEFAULT_DB_ALIAS, REPLICA]
# Read from the primary whoever asks (kp_tracker.routers.PRIMARY_ONLY).
PRIMARY_ONLY = {"sessions", "django_cache"}
EVERY_MODEL = apps.get_models(include_auto_created=True)


@pytest.fixture
def replicas(settings):
    settings.DATABASE_REPLICAS = [REPLICA]


@pytest.fixture
def reading_from_replica(replicas):
    """As PublicReadMiddleware marks an anonymous reader's request."""
    token = replica.set(REPLICA)
    yield
    replica.reset(token)


# The router, for every model -------------------------------------------------------------------


@pytest.mark.parametrize("model", EVERY_MODEL, ids=lambda model: model._meta.label)
def test_an_anonymous_readers_request_reads_every_model_from_the_replica(
    reading_from_replica, model
):
    expected = DEFAULT_DB_ALIAS if model._meta.app_label in PRIMARY_ONLY else REPLICA
    assert router.db_for_read(model) == expected
    assert router.db_for_write(model) == DEFAULT_DB_ALIAS


@pytest.mark.parametrize("model", EVERY_MODEL, ids=lambda model: model._meta.label)
def test_any_other_request_or_command_reads_and_writes_the_primary(replicas, model):
    assert router.db_for_read(model) == DEFAULT_DB_ALIAS
    assert router.db_for_write(model) == DEFAULT_DB_ALIAS


@pytest.mark.parametrize("model", EVERY_MODEL, ids=lambda model: model._meta.label)
def test_migrations_never_run_on_a_replica(replicas, model):
    label = model._meta.app_label
    assert router.allow_migrate_model(DEFAULT_DB_ALIAS, model)
    assert not router.allow_migrate(REPLICA, label, model_name=model._meta.model_name)


@pytest.mark.parametrize("model", EVERY_MODEL, ids=lambda model: model._meta.label)
def test_a_record_read_from_the_replica_is_saved_to_the_primary(reading_from_replica, model):
    record = model()
    record._state.db = REPLICA
    assert router.db_for_write(model, instance=record) == DEFAULT_DB_ALIAS


def test_the_cache_table_is_read_from_the_primary(reading_from_replica):
    cache = DatabaseCache("kp_cache", {})
    assert router.db_for_read(cache.cache_model_class) == DEFAULT_DB_ALIAS


@pytest.mark.django_db
def test_a_read_inside_a_transaction_is_from_the_primary(reading_from_replica):
    # Every test of the suite but the request tests below runs inside one, so that none of them
    # reads from the replica.
    with transaction.atomic():
        assert router.db_for_read(Decision) == DEFAULT_DB_ALIAS


# Requests, through the replica's own connection -------------------------------------------------


def public_addresses():
    """Every public route once: a published record's page for a route that takes one."""
    addresses = []
    for name, pattern in url_names():
        if name in NOT_PAGES:
            continue
        if name in FILE_ROUTES:
            addresses.append(reverse(name, kwargs=FILE_ROUTES[name]))
        elif not pattern.pattern.regex.groupindex:
            addresses.append(reverse(name))
        else:
            record = served_model(pattern).objects.published().first()
            addresses.append(reverse(name, kwargs=record_arguments(pattern, record)))
    return addresses


def record_queries(sql):
    """Queries that read or write the record: not those of the cache table (the API's throttle)
    or the session, nor the transaction around them, nor the record's version, which a worker
    reads on the primary once a second to measure its replicas' lag (routers.behind())."""
    return [
        query
        for query in sql
        if not any(word in query for word in ("kp_cache", "django_session"))
        and query not in ("BEGIN", "COMMIT")
        and RecordVersion._meta.db_table not in query
    ]


def visit(client, address, method="get", **data):
    """(status, [SQL on the primary], [SQL on the replica]) of one request, its content read."""
    with (
        CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as mirror,
    ):
        response = getattr(client, method)(address, data)
        if response.streaming:
            b"".join(response.streaming_content)
    return (
        response.status_code,
        [query["sql"] for query in primary],
        [query["sql"] for query in mirror],
    )


@pytest.fixture
def record(transactional_db, replicas):
    load_demo_record()
    build_downloads()


@pytest.fixture
def editor(record):
    return User.objects.create_superuser("editor", "editor@example.org", "a long pass phrase")


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_every_public_page_an_anonymous_reader_asks_for_is_read_from_the_replica(client, record):
    problems = []
    for address in public_addresses():
        status, primary, mirror = visit(client, address)
        # What a page reads, it reads from the replica (robots.txt, the API's root and its
        # documentation read nothing at all).
        if status >= 400 or record_queries(primary):
            problems.append((address, status, record_queries(primary)[:2]))
    assert not problems


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_an_editors_pages_and_the_admin_are_read_from_the_primary(client, editor):
    admin_pages = [reverse("admin:index"), reverse("admin:login")] + [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
    ]
    problems = []
    for address in admin_pages:  # before signing in: the sign-in page
        status, _primary, mirror = visit(client, address)
        if mirror:
            problems.append(("anonymous", address, status, mirror[:2]))
    client.force_login(editor)
    from_primary = 0
    for address in public_addresses() + admin_pages:
        status, primary, mirror = visit(client, address)
        from_primary += bool(record_queries(primary))
        if status >= 400 or mirror:
            problems.append(("editor", address, status, mirror[:2]))
    assert not problems
    assert from_primary > len(admin_pages)  # the editor's reads, all there


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_an_edit_is_written_to_the_primary_and_readers_see_it_through_the_replica(client, editor):
    decision = Decision.objects.published().order_by("pk").first()
    client.force_login(editor)
    data = change_form_data(client.get(change_url(decision)))
    data["title"] = "A title the editor has just changed"
    status, primary, mirror = visit(client, change_url(decision), "post", **data)
    assert status == 302 and mirror == []
    assert any(query.startswith("UPDATE") for query in primary)
    client.logout()  # a reader, whose page reads from the replica
    status, primary, mirror = visit(client, decision.get_absolute_url())
    assert status == 200 and mirror and not record_queries(primary)
    assert "A title the editor has just changed" in client.get(decision.get_absolute_url()).text


@contextmanager
def replica_reading(name):
    """The replica's alias given a connection to the database `name` (on SQLite the mirror's
    open connection to the shared memory would outlive a new name). No page is kept in memory
    from an earlier test, which would be served without reading it."""
    caches["pages"].clear()
    kept = connections[REPLICA]
    connections[REPLICA] = kept.__class__({**kept.settings_dict, "NAME": name}, REPLICA)
    try:
        yield
    finally:
        connections[REPLICA].close()
        connections[REPLICA] = kept


@pytest.fixture
def failing_replica(record):
    """The replica stops answering: a database that is not there."""
    missing = "kp_no_such_database" if connection.vendor == "postgresql" else "/no/such/dir/db"
    with replica_reading(missing):
        yield


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_while_a_replica_fails_its_readers_read_from_the_primary(failing_replica, settings):
    reader = Client(raise_request_exception=False)
    address = reverse("plenaries:decision-list")
    assert reader.get(address).status_code == 503  # the reader who finds it failing

    with CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as primary:
        assert reader.get(address).status_code == 200  # the replica would have failed it
    assert record_queries([query["sql"] for query in primary])
    health = reader.get(HEALTHZ_PATH)
    assert health.status_code == 200  # the server still serves: no load balancer takes it out
    assert health.json() == {"databases": {"default": "ok", REPLICA: "unavailable"}}

    settings.REPLICA_RETRY_SECONDS = 0  # its rest over, the replica is tried again
    routers.resting_until.clear()
    assert reader.get(address).status_code == 503


@pytest.fixture
def stopped_replica(record, database):
    """The replica stops replaying the primary's changes, as one whose replication broke: a copy
    of the database as it now stands (tests/scratch_databases.py), which answers every query and
    receives no change."""
    with replica_reading(connections.settings[SCRATCH]["NAME"]):
        yield


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_a_replica_that_lacks_a_change_too_long_is_left_out(stopped_replica, settings):
    decision = Decision.objects.published().order_by("pk").first()
    decision.title = "A title the replica never receives"
    decision.save()
    reader = Client()
    address = decision.get_absolute_url()
    # Within the lag allowed (REPLICA_MAX_LAG_SECONDS), a reader reads the replica as it stands.
    assert decision.title not in reader.get(address).text

    settings.REPLICA_MAX_LAG_SECONDS = 0
    routers.lag_due.clear()  # a second later, when the worker measures the lag again
    with CaptureQueriesContext(connections[REPLICA]) as mirror:
        page = reader.get(address)
    assert decision.title in page.text
    assert not record_queries([query["sql"] for query in mirror])  # the lag measured, no more
    assert reader.get(HEALTHZ_PATH).json() == {"databases": {"default": "ok", REPLICA: "behind"}}


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_a_replica_that_holds_every_change_is_never_left_out(client, record, settings):
    settings.REPLICA_MAX_LAG_SECONDS = 0
    decision = Decision.objects.published().order_by("pk").first()
    decision.title = "A title the replica holds at once"
    decision.save()
    status, _primary, mirror = visit(client, decision.get_absolute_url())
    assert status == 200 and mirror
    assert client.get(HEALTHZ_PATH).json() == {"databases": {"default": "ok", REPLICA: "ok"}}
