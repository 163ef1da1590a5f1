"""The site while its database is stopped or hung: the 503 page, /healthz, and recovery.

The faults are real, on each database. On PostgreSQL the site's connection goes through a small
TCP relay to the test server: stopping ends its session on the server (pg_terminate_backend) and
points it at a port where nothing listens; hanging makes the relay keep every connection open and
pass nothing on, as a frozen server's kernel does. On SQLite, stopping points it at a file in a
missing directory; hanging holds an exclusive lock on its file from another connection. Each test
then mends the fault and asks again, with the same connection and without any restart.

The site's requests run on a connection of their own (the `faults` fixture), outside the tests'
transactions, so that breaking it leaves the test database whole.
"""

import copy
import json
import os
import subprocess
import sys
import time

import pytest
from django.contrib.auth import get_user_model
from django.db import (
    DEFAULT_DB_ALIAS,
    IntegrityError,
    OperationalError,
    ProgrammingError,
    connection,
    connections,
)
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import path, reverse, translate_url
from django.utils import translation

from kp_tracker import urls as site_urls
from kp_tracker.health import HEALTHZ_PATH, RETRY_AFTER_SECONDS, request_timeout
from tests.database_faults import PostgreSQLFaults, Relay, SQLiteFaults
from tests.routes import FILE_ROUTES, url_names

ON_POSTGRESQL = connection.vendor == "postgresql"

# How long a hung database may hold a request in these tests: both request timeouts (and
# /healthz's bound) on PostgreSQL, SQLite's busy timeout on SQLite. Short, to keep the tests cheap.
HANG_BOUND = 0.5
# What a reader may wait beyond the bound for the 503 page itself, on a busy machine.
MARGIN = 2.0


# The routes whose answer needs nothing from the database, which answer as ever while it is
# down: the robots file, the language switch, the API's root and documentation. Every page of
# the record reads at least the record's version (plenaries.page_cache), even the search feed
# without words, which lists nothing.
WITHOUT_DATA = {"robots", "set_language", "api:api-root", "api:docs"}


def addresses():
    """Every public address of the site, each page in both languages, with whether it needs the
    database, a made-up record where a route takes one (its query fails all the same); and
    /healthz."""
    for name, pattern in url_names():
        kwargs = FILE_ROUTES.get(name) or {
            argument: "no-such-record" for argument in pattern.pattern.regex.groupindex
        }
        for language in ("en", "fr") if name.startswith("plenaries:") else ("en",):
            with translation.override(language):
                address = reverse(name, kwargs=kwargs)
            needs_data = name not in WITHOUT_DATA
            yield pytest.param(address, language, needs_data, id=f"{name}-{language}")
    yield pytest.param(HEALTHZ_PATH, "en", True, id="healthz")


@pytest.fixture(scope="module")
def relay(django_db_setup):
    if not ON_POSTGRESQL:
        yield None
        return
    settings_dict = connections[DEFAULT_DB_ALIAS].settings_dict
    relay = Relay(settings_dict["HOST"] or "127.0.0.1", int(settings_dict["PORT"] or 5432))
    yield relay
    relay.close()


@pytest.fixture
def faults(db, relay, tmp_path):
    """The site's requests on a connection of their own to the test database, and the means to
    break and mend it."""
    tests_connection = connections[DEFAULT_DB_ALIAS]
    tests_connection.ensure_connection()
    database = tests_connection.__class__(
        copy.deepcopy(tests_connection.settings_dict), DEFAULT_DB_ALIAS
    )
    if ON_POSTGRESQL:
        faults = PostgreSQLFaults(tests_connection, database, relay)
    else:
        faults = SQLiteFaults(tests_connection, database, tmp_path, HANG_BOUND)
    connections[DEFAULT_DB_ALIAS] = database
    yield faults
    faults.mend()
    connections[DEFAULT_DB_ALIAS] = tests_connection
    database.close()


@pytest.fixture
def reader():
    """A browser: it gets the answer a reader would, rather than the exception behind it."""
    return Client(raise_request_exception=False)


def timed_get(reader, address):
    started = time.monotonic()
    response = reader.get(address)
    return response, time.monotonic() - started


def assert_unavailable(response, address, language):
    """The 503 answer, never kept by a cache; a reader's says when to try again."""
    assert response.status_code == 503, address
    assert "no-store" in response["Cache-Control"]
    if address == HEALTHZ_PATH:
        assert json.loads(response.content)["databases"]["default"] == "unavailable"
        return
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    if address.startswith("/api/"):
        assert "not answering" in json.loads(response.content)["detail"]
    else:
        page = response.content.decode()
        assert f'<html lang="{language}">' in page
        assert '<link rel="stylesheet" href="/static/css/site.css">' in page
        assert "<script" not in page and "style=" not in page
        with translation.override(language):
            other = "fr" if language == "en" else "en"
            assert f'href="{translate_url(address, other)}"' in page  # this page, in the other
        heading = {
            "en": "The record is temporarily unavailable",
            "fr": "Le registre est momentanément indisponible",
        }
        assert f"<h1>{heading[language]}</h1>" in page
        assert "Record last updated" not in page and "Registre mis à jour" not in page


@pytest.mark.parametrize("address, language, needs_data", list(addresses()))
def test_every_address_answers_503_while_the_database_is_stopped_and_again_once_it_is_back(
    faults, reader, settings, address, language, needs_data
):
    """An address that needs the database answers the 503 page at once while the database is
    stopped, one that does not answers as ever, and each answers as before once it is back."""
    before = reader.get(address)
    assert before.status_code < 500, address

    faults.stop()
    for _twice in range(2):  # on the connection the server ended, then on a new one
        during, took = timed_get(reader, address)
        if needs_data:
            assert_unavailable(during, address, language)
        else:
            assert during.status_code == before.status_code, address
        assert took < settings.DATABASE_CONNECT_TIMEOUT

    faults.mend()
    after = reader.get(address)
    assert after.status_code == before.status_code, address


if ON_POSTGRESQL:  # a SQLite connection is a file opened, which no server can end

    def test_a_persistent_connection_the_database_ended_is_replaced_within_the_request(
        faults, reader
    ):
        """A server checks its persistent connection at a request's first query
        (CONN_HEALTH_CHECKS), which on a public page is the page cache's read of the record's
        version: a connection ended between two requests costs the reader nothing."""
        address = reverse("plenaries:home")
        assert reader.get(address).status_code == 200
        faults.drop()
        faults.database.health_check_done = False  # as Django marks it when a request starts
        assert reader.get(address).status_code == 200


# A page of each kind, and /healthz where a hang can reach it: SQLite answers its SELECT 1
# without reading the file that another connection holds locked.
HUNG = {"plenaries:home-en", "plenaries:decision-detail-fr", "api:decision-list-en"}
HUNG_ADDRESSES = [
    param for param in addresses() if param.id in HUNG or (ON_POSTGRESQL and param.id == "healthz")
]


@pytest.mark.parametrize("address, language, needs_data", HUNG_ADDRESSES)
def test_pages_answer_503_within_the_bound_while_the_database_hangs_and_again_once_it_answers(
    faults, reader, address, language, needs_data
):
    """A hung database holds a reader for HANG_BOUND at most, on the connection that was open
    when it hung as on a new one, and the same request answers as before once it answers."""
    before = reader.get(address)
    assert before.status_code < 500, address

    faults.hang()
    with override_settings(
        REQUEST_TIMEOUT=HANG_BOUND,
        READER_REQUEST_TIMEOUT=HANG_BOUND,
        DATABASE_CONNECT_TIMEOUT=HANG_BOUND,
    ):
        for _twice in range(2):
            during, took = timed_get(reader, address)
            assert_unavailable(during, address, language)
            assert HANG_BOUND <= took < HANG_BOUND + MARGIN

    faults.mend()
    assert reader.get(address).status_code == before.status_code


@pytest.mark.django_db
def test_healthz_answers_a_load_balancer_over_plain_http_with_an_ip_as_host(reader, settings):
    """It reports the database's state, never kept by a cache, before the HTTPS redirect and
    the host check, which a load balancer's check over plain HTTP to an IP address would fail."""
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["kp-tracker.example"]
    assert reader.get("/", HTTP_HOST="10.0.0.7").status_code == 400  # as any other address is

    response = reader.get(HEALTHZ_PATH, HTTP_HOST="10.0.0.7")
    assert response.status_code == 200
    assert json.loads(response.content) == {"databases": {"default": "ok"}}
    assert response["Cache-Control"] == "no-store"


# Errors in the code, raised by the database itself, through this module's own URLconf. Each
# view says so if the database lets it through.
def more_parameters_than_placeholders(request):
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT %s", [1, 2])
    return HttpResponse("The database took it.")


def the_same_user_twice(request):
    get_user_model().objects.create(username="twice")
    get_user_model().objects.create(username="twice")
    return HttpResponse("The database took it.")


def a_slow_statement(request):
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT pg_sleep(5)")  # asked for on PostgreSQL only
    return HttpResponse("The database took it.")


urlpatterns = [
    *site_urls.urlpatterns,
    path("programming-error/", more_parameters_than_placeholders),
    path("integrity-error/", the_same_user_twice),
    path("slow-statement/", a_slow_statement),
]
handler500 = site_urls.handler500


@pytest.mark.django_db
@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    "address, error",
    [("/programming-error/", ProgrammingError), ("/integrity-error/", IntegrityError)],
)
def test_an_error_in_the_code_is_still_a_500_not_an_outage(reader, address, error):
    response = reader.get(address)
    assert response.exc_info[0] is error
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
    assert "Retry-After" not in response


if ON_POSTGRESQL:  # SQLite has no statement timeout

    @pytest.mark.urls(__name__)
    def test_a_statement_past_the_statement_timeout_is_a_503(faults, reader):
        faults.database.settings_dict["OPTIONS"]["options"] = "-c statement_timeout=200ms"
        response, took = timed_get(reader, "/slow-statement/")
        assert response.exc_info[0] is OperationalError  # PostgreSQL cancelled it
        assert_unavailable(response, "/slow-statement/", "en")
        assert took < 2

    def test_a_web_request_has_the_statement_timeout_and_a_command_none(db, settings):
        """Migrations, imports and building the downloads may run longer statements."""
        with connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone()[0] == f"{settings.DATABASE_STATEMENT_TIMEOUT}s"
        show = "from django.db import connection; c = connection.cursor(); "
        show += "c.execute('SHOW statement_timeout'); print(c.fetchone()[0])"
        database = connection.settings_dict
        url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/postgres"
        command = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", show],
            cwd=settings.BASE_DIR,
            env={
                **{name: value for name, value in os.environ.items() if "TIMEOUT" not in name},
                "DATABASE_URL": url,
            },
            capture_output=True,
            text=True,
            check=True,
        )
        assert command.stdout.split()[-1] == "0"


@pytest.mark.parametrize(
    ("method", "path", "timeout"),
    [
        ("get", "/decisions/", "READER_REQUEST_TIMEOUT"),
        ("head", "/fr/", "READER_REQUEST_TIMEOUT"),
        ("get", "/api/v1/decisions/", "READER_REQUEST_TIMEOUT"),
        ("post", "/search/", "REQUEST_TIMEOUT"),
        ("get", "/admin/plenaries/decision/export/", "REQUEST_TIMEOUT"),
        ("post", "/admin/plenaries/decision/import/", "REQUEST_TIMEOUT"),
    ],
)
def test_a_reader_waits_seconds_for_the_503_page_and_an_editors_import_has_longer(
    rf, settings, method, path, timeout
):
    """A reader's request has a few seconds; an editor's, time for an import at its limits, and
    both end before gunicorn kills the worker."""
    assert request_timeout(getattr(rf, method)(path)) == getattr(settings, timeout)
    assert settings.READER_REQUEST_TIMEOUT <= 5 < settings.REQUEST_TIMEOUT
    assert settings.REQUEST_TIMEOUT < 30  # gunicorn.conf.py's default timeout
