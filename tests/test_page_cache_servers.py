"""Two application servers, each a real gunicorn process with the page cache in its memory, and
one committed database: an editor's change through one server shows at once on the other
(plenaries.page_cache). The database is a scratch copy of the migrated test database (on SQLite,
a file), made and dropped here, so that the test database's own rows are never committed to."""

import os
import re
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection, connections
from django.urls import reverse

from plenaries.models import Decision, Meeting, Source
from tests.database_faults import free_port
from tests.factories import PASSWORD
from tests.test_data_safety import create_database, drop_database, server_url

pytestmark = pytest.mark.django_db

SCRATCH = "page_cache_servers"
GUNICORN = Path(sys.executable).parent / "gunicorn"
TITLE = "A decision both servers show"


@pytest.fixture
def database(django_db_blocker, tmp_path):
    """A scratch copy of the migrated, empty test database, under the alias SCRATCH, for the
    servers to share and this test to write in: its DATABASE_URL. Dropped at the end."""
    settings_dict = dict(connection.settings_dict)
    with django_db_blocker.unblock():
        url = create_database(SCRATCH, tmp_path)
        if connection.vendor == "postgresql":
            dump = subprocess.run(
                ["pg_dump", server_url(settings_dict, settings_dict["NAME"])],
                check=True,
                capture_output=True,
            ).stdout
            subprocess.run(["psql", "--quiet", url], input=dump, check=True, capture_output=True)
        else:
            connection.ensure_connection()
            with sqlite3.connect(connections.settings[SCRATCH]["NAME"]) as copy:
                connection.connection.backup(copy)
        try:
            yield url
        finally:
            drop_database(SCRATCH)


@pytest.fixture
def decision(database):
    """A published decision of a published meeting, and the editor's account, in the scratch
    database."""
    User.objects.db_manager(SCRATCH).create_superuser("editor", password=PASSWORD)
    source = Source.objects.using(SCRATCH).create(title="A source", url="https://example.org/s")
    meeting = Meeting.objects.using(SCRATCH).create(
        year=2030, city="Scratch City", slug="2030-scratch-city", publication_status="published"
    )
    decision = Decision.objects.using(SCRATCH).create(
        title=TITLE, slug="2030-both-servers", meeting=meeting, publication_status="published"
    )
    decision.sources.set([source])
    return decision


@pytest.fixture
def servers(decision, database):
    """Two gunicorn servers of one worker each, on free ports: their addresses."""
    url = database
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.page_cache_server_settings",
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": settings.SECRET_KEY,
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        "WEB_CONCURRENCY": "1",
        "PAGE_CACHE": "true",
    }
    started = []
    try:
        for _ in range(2):
            port = free_port()
            process = subprocess.Popen(
                [GUNICORN, "-c", "gunicorn.conf.py"],
                cwd=settings.BASE_DIR,
                env={**env, "PORT": str(port)},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            started.append((process, f"http://127.0.0.1:{port}"))
        for process, address in started:
            wait_for(process, address)
        yield [address for _process, address in started]
    finally:
        for process, _address in started:
            process.terminate()
            process.wait(timeout=30)


def wait_for(process, address):
    for _ in range(600):
        try:
            urllib.request.urlopen(f"{address}/robots.txt", timeout=1)
            return
        except OSError:
            assert process.poll() is None, "the server stopped"
            time.sleep(0.05)
    raise AssertionError(f"{address} did not answer within 30 s")


def get(address, path):
    """(status, page) of an anonymous request."""
    try:
        with urllib.request.urlopen(address + path, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def signed_in(address):
    """An opener signed in to the admin of `address` as the editor."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    login = address + reverse("admin:login")
    token = form_token(opener, login)
    fields = {
        "username": "editor",
        "password": PASSWORD,
        "csrfmiddlewaretoken": token,
        "next": reverse("admin:index"),
    }
    opener.open(login, urllib.parse.urlencode(fields).encode(), timeout=30)
    return opener


def form_token(opener, address):
    """The CSRF token of the form at `address` (signing in changes it)."""
    form = opener.open(address, timeout=30).read().decode()
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)


def test_an_editors_change_on_one_server_shows_at_once_on_the_other(servers, decision):
    first, second = servers
    page = decision.get_absolute_url()
    listed = reverse("plenaries:decision-list")
    for address in servers:  # warm both
        for path in (page, listed) * 2:
            status, shown = get(address, path)
            assert status == 200 and TITLE in shown
    # A change the record's history does not see, straight in the database: the second server
    # still shows what it keeps in memory.
    Decision.objects.using(SCRATCH).filter(pk=decision.pk).update(title="Renamed unseen")
    assert TITLE in get(second, page)[1]

    editor = signed_in(first)
    changelist = first + reverse("admin:plenaries_decision_changelist")
    fields = {
        "action": "unpublish_selected",
        "_selected_action": decision.pk,
        "csrfmiddlewaretoken": form_token(editor, changelist),
    }
    done = editor.open(changelist, urllib.parse.urlencode(fields).encode(), timeout=30)
    assert "Unpublished 1 record" in done.read().decode()

    assert get(second, page)[0] == 404
    status, shown = get(second, listed)
    assert status == 200 and TITLE not in shown and "Renamed unseen" not in shown
