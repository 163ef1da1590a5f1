"""Two application servers, each a real gunicorn process with the page cache in its memory, and
one committed database: an editor's change through one server shows at once on the other
(plenaries.page_cache). The database is a scratch copy of the migrated test database (on SQLite,
a file), made and dropped here, so that the test database's own rows are never committed to."""

import re
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from plenaries.models import Decision, Meeting, Source
from tests.factories import PASSWORD
from tests.scratch_databases import SCRATCH
from tests.servers import gunicorn

pytestmark = pytest.mark.django_db

TITLE = "A decision both servers show"


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
    """Two gunicorn servers of one worker each, with the page cache on: their addresses."""
    with gunicorn(database, PAGE_CACHE="true") as (_first, first):
        with gunicorn(database, PAGE_CACHE="true") as (_second, second):
            yield [first, second]


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
