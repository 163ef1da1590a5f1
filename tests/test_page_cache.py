"""Anonymous readers' pages come from memory (plenaries.page_cache) until the record changes, by
any path; an editor's requests never touch that memory; every public page says how a browser or
a CDN may keep it. Two application servers: tests/test_page_cache_servers.py."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.utils import NestedObjects
from django.core.cache import caches
from django.db import connection, transaction
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from plenaries.changes import record_version
from plenaries.downloads import build as build_downloads
from plenaries.models import Chairmanship, Decision, Meeting, PublicationStatus
from plenaries.models.base import PublishableModel
from plenaries.page_cache import covers
from plenaries.roles import PUBLISHERS
from tests.admin_forms import change_form_data, change_url
from tests.factories import make_decision, make_meeting, make_source, make_user
from tests.routes import FILE_ROUTES, record_arguments, record_page_names, served_model, url_names

pytestmark = pytest.mark.django_db

# A page served from memory reads the record's version, and nothing else.
HIT_QUERIES = 1

LANGUAGES = ("en", "fr")
SEARCHED = {"plenaries:search": {"q": "vigilance"}, "plenaries:search-feed": {"q": "vigilance"}}
PUBLISHABLE = sorted(
    (model for model in admin.site._registry if issubclass(model, PublishableModel)),
    key=lambda model: model._meta.label,
)
# Where a record without a page of its own shows.
SHOWN_ON = {Chairmanship: "plenaries:chair-list"}
PAGE_MODELS = sorted(
    {served_model(dict(url_names())[name]) for name in record_page_names()},
    key=lambda model: model._meta.label,
)


# Answers a cache may keep without being told to (RFC 9111, 4.2.2 and 15).
HEURISTICALLY_CACHEABLE = {200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 501}

# Addresses the page cache leaves alone (page_cache.NOT_PAGES), besides the admin's.
NOT_PAGES = {"set_language", "download", "robots"}


# Parameters (URL name, pattern), each test named by the route's name.
by_route_name = {"ids": lambda value: value if isinstance(value, str) else ""}


def public_pages():
    """(URL name, pattern) of every page the page cache serves, the record's and the lists'."""
    for name, pattern in url_names():
        if name not in NOT_PAGES and not name.startswith("api:"):
            yield name, pattern


def address(name, pattern, language="en"):
    model = served_model(pattern)
    record = model.objects.published().order_by("pk").first() if model else None
    kwargs = FILE_ROUTES.get(name) or (record_arguments(pattern, record) if record else {})
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def page_of(record):
    if hasattr(record, "get_absolute_url"):
        return record.get_absolute_url()
    return reverse(SHOWN_ON[type(record)])


@pytest.fixture(autouse=True)
def page_cache(settings):
    """On, as in production (the test run switches it off for the other tests)."""
    settings.PAGE_CACHE = True


@pytest.fixture
def publisher(client):
    client.force_login(make_user("publisher", PUBLISHERS))
    return client


def protected(record):
    """Whether other records keep `record` from being deleted."""
    collector = NestedObjects(using="default")
    collector.collect([record])
    return bool(collector.protected)


def queries_of(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    return response, len(queries)


def shown(client, url):
    response = client.get(url)
    return response.status_code, response.content


def assert_shows_at_once(client, url, before):
    """The next anonymous request shows the record as it now stands: what a page rendered
    afresh shows, and not what the page showed before."""
    now = shown(client, url)
    caches["pages"].clear()
    assert now == shown(client, url)
    assert now != before


# Tables whose changes no kept page shows: the version itself, and the open-data files, served
# under /downloads/, which the page cache leaves alone.
NOT_COUNTED = {"plenaries_recordversion", "plenaries_downloadfile"}


def counting_tables():
    """The tables with a trigger that counts the record's version."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgrelid::regclass::text FROM pg_trigger "
                "WHERE tgname LIKE '%%\\_version' AND NOT tgisinternal"
            )
        else:
            cursor.execute(
                "SELECT tbl_name FROM sqlite_master "
                "WHERE type = 'trigger' AND name LIKE '%%\\_version%%' ESCAPE '\\'"
            )
        return {table for (table,) in cursor.fetchall()}


def test_every_change_a_kept_page_may_show_counts_the_record_version():
    """Every table of the record counts the version, through its history table where it has one
    (migration 0021), by itself where it has none (0022): a table added later needs its trigger."""
    models = list(apps.get_app_config("plenaries").get_models(include_auto_created=True))
    by_name = {model.__name__: model for model in models}
    expected = {
        by_name.get(f"Historical{model.__name__}", model)._meta.db_table
        for model in models
        if not model.__name__.startswith("Historical") and model._meta.db_table not in NOT_COUNTED
    }
    assert counting_tables() == expected


def test_the_version_read_is_the_health_check_of_a_persistent_connection(client, monkeypatch):
    """A server's request checks its persistent connection (CONN_HEALTH_CHECKS) with the page
    cache's read of the version, not with a round trip of Django's own before it."""
    checks = []
    monkeypatch.setattr(connection, "is_usable", lambda: checks.append(True) or True)
    for page in (reverse("plenaries:home"), reverse("plenaries:decision-list")):
        connection.health_check_done = False  # as Django marks it when a request starts
        assert client.get(page).status_code == 200
        assert connection.health_check_done
    assert checks == []


def test_each_change_counts_the_version_and_a_change_rolled_back_does_not(demo_record):
    decision = Decision.objects.published().order_by("pk").first()
    before = record_version()
    decision.save()
    after = record_version()
    assert after.number > before.number and after.changed_at >= before.changed_at
    with pytest.raises(RuntimeError), transaction.atomic():
        decision.save()
        raise RuntimeError
    assert record_version() == after


def test_a_link_between_decisions_made_without_saving_either_shows_at_once(client, demo_record):
    """The links between decisions have no history of their own (migration 0022)."""
    decision, other = Decision.objects.published().order_by("pk")[:2]
    before = shown(client, decision.get_absolute_url())
    decision.amends.add(other)
    assert_shows_at_once(client, decision.get_absolute_url(), before)


def test_a_new_version_of_the_download_shows_at_once_on_the_data_page(client, demo_record):
    url = reverse("plenaries:data")
    before = shown(client, url)
    build_downloads()
    assert_shows_at_once(client, url, before)


def test_the_cache_serves_the_public_pages_and_nothing_else(demo_record):
    assert all(covers(address(name, pattern)) for name, pattern in public_pages())
    others = [address(name, pattern) for name, pattern in url_names() if name in NOT_PAGES]
    others += [reverse("admin:index"), reverse("api:decision-list")]
    assert not any(covers(url) for url in others)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("name", "pattern"), sorted(public_pages()), **by_route_name)
def test_a_repeated_anonymous_request_is_served_from_memory_in_one_query(
    client, demo_record, name, pattern, language
):
    """Whatever language the reader's browser asks for: the address alone names the page's."""
    url = address(name, pattern, language)
    first = client.get(url, SEARCHED.get(name, {}), HTTP_ACCEPT_LANGUAGE=language)
    assert first.status_code == 200
    other = next(code for code in LANGUAGES if code != language)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url, SEARCHED.get(name, {}), HTTP_ACCEPT_LANGUAGE=other)
    if first.streaming:  # a CSV of every row: written each time, never held in memory
        assert len(queries) > HIT_QUERIES
        assert b"".join(again) == b"".join(first)
        return
    assert len(queries) == HIT_QUERIES
    assert (again.status_code, again.content) == (200, first.content)
    assert again["ETag"] == first["ETag"]


def test_each_language_has_its_own_page(client, demo_record):
    english = client.get("/decisions/").content.decode()
    client.get("/decisions/")
    french = client.get("/fr/decisions/").content.decode()
    assert '<html lang="en"' in english and '<html lang="fr"' in french
    assert '<html lang="en"' in client.get("/decisions/").content.decode()


def test_each_query_has_its_own_page(client, demo_record):
    blocked = client.get("/decisions/?outcome=blocked").content
    adopted = client.get("/decisions/?outcome=adopted").content
    assert blocked != adopted
    assert client.get("/decisions/?outcome=blocked").content == blocked


@pytest.mark.parametrize("model", PAGE_MODELS, ids=lambda model: model._meta.model_name)
def test_a_save_through_the_admin_form_shows_at_once(client, demo_record, publisher, model):
    record = model.objects.published().order_by("pk").first()
    url = record.get_absolute_url()
    client.logout()
    before = shown(client, url)
    assert shown(client, url) == before  # now from memory
    publisher.force_login(make_user("editor-of-record", PUBLISHERS))
    data = change_form_data(publisher.get(change_url(record)))
    field = next(name for name in ("title", "name", "summary") if name in data)
    data[field] = f"{data[field]} Revised by the publisher"
    assert publisher.post(change_url(record), data).status_code == 302
    publisher.logout()
    assert "Revised by the publisher" in client.get(url).content.decode()
    assert_shows_at_once(client, url, before)


@pytest.mark.parametrize("action", ["unpublish_selected", "delete_selected"])
@pytest.mark.parametrize("model", PUBLISHABLE, ids=lambda model: model._meta.model_name)
def test_unpublishing_or_deleting_through_the_admin_shows_at_once(
    client, demo_record, model, action
):
    record = next(
        record
        for record in model.objects.published().order_by("pk")
        if action != "delete_selected" or not protected(record)
    )
    url = page_of(record)
    before = shown(client, url)
    assert shown(client, url) == before
    client.force_login(make_user("publisher", PUBLISHERS))
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    data = {"action": action, "_selected_action": [record.pk], "post": "yes"}
    assert client.post(changelist, data).status_code == 302
    client.logout()
    assert not model.objects.published().filter(pk=record.pk).exists()
    assert_shows_at_once(client, url, before)


def test_a_draft_never_enters_a_cached_page_and_shows_once_published(client, demo_record):
    meeting = Meeting.objects.published().get(slug="2024-dubai")
    pages = [meeting.get_absolute_url(), reverse("plenaries:decision-list")]
    for url in pages:
        client.get(url)
    draft = make_decision(
        title="A decision still in draft",
        meeting=meeting,
        publication_status="draft",
        sources=[make_source()],
    )
    for url in pages * 2:  # rendered, then from memory
        assert "still in draft" not in client.get(url).content.decode()
    draft.publish()
    for url in pages:
        assert "still in draft" in client.get(url).content.decode()


def test_an_editors_request_neither_reads_nor_fills_the_cache(client, demo_record):
    decision = Decision.objects.published().order_by("pk").first()
    url = decision.get_absolute_url()
    client.get(url)
    # A change that leaves no history, which the version cannot see: the memory then shows.
    Decision.objects.filter(pk=decision.pk).update(title="Retitled behind the record's back")
    assert "behind the record" not in client.get(url).content.decode()
    client.force_login(make_user("publisher", PUBLISHERS))
    page = client.get(url)
    assert "behind the record" in page.content.decode()
    assert {"private", "no-cache"} <= {part.strip() for part in page["Cache-Control"].split(",")}
    other = reverse("plenaries:decision-list")
    client.get(other)
    client.logout()
    _response, queries = queries_of(client, other)
    assert queries > HIT_QUERIES  # rendered for this reader: the editor's page was not kept


def test_the_switch_turns_the_memory_off(client, demo_record, settings):
    settings.PAGE_CACHE = False
    client.get("/decisions/")
    _response, queries = queries_of(client, "/decisions/")
    assert queries > HIT_QUERIES


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_revalidation_is_a_304_until_the_record_changes(client, demo_record, language):
    url = f"/{language}/decisions/".replace("/en/", "/")
    etag = client.get(url)["ETag"]
    response, queries = queries_of(client, url, HTTP_IF_NONE_MATCH=etag)
    assert (response.status_code, queries, response["ETag"]) == (304, HIT_QUERIES, etag)
    Decision.objects.published().order_by("pk").first().save()
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and response["ETag"] != etag


@pytest.mark.parametrize("seconds", [0, 600])
def test_an_anonymous_page_may_be_kept_by_any_cache_for_the_seconds_set(
    client, demo_record, settings, seconds
):
    settings.PUBLIC_CACHE_SECONDS = seconds
    said = {part.strip() for part in client.get("/decisions/")["Cache-Control"].split(",")}
    assert said == {"public", f"max-age={seconds}", "must-revalidate"}


@pytest.mark.parametrize(("name", "pattern"), sorted(url_names()), **by_route_name)
def test_every_public_address_says_how_long_it_may_be_kept(
    client, demo_record, downloads, name, pattern
):
    """Not only the pages this middleware serves: robots.txt, the API, the files. An answer a
    cache may keep without being told, and that does not say for how long, leaves each cache
    to guess (RFC 9111, 4.2.2): a browser keeps it for a tenth of its Last-Modified's age."""
    response = client.get(address(name, pattern), SEARCHED.get(name, {}))
    if response.status_code in HEURISTICALLY_CACHEABLE:
        assert response.has_header("Cache-Control")
    else:  # the language switch, which sends the reader back
        assert response.status_code == 302


@pytest.mark.parametrize(("name", "pattern"), sorted(url_names()), **by_route_name)
def test_every_public_answer_can_be_revalidated(client, demo_record, downloads, name, pattern):
    """Cache-Control's must-revalidate sends a cache back to ask once max-age has run out: with
    neither an ETag nor a Last-Modified to ask with, it downloads the whole answer again."""
    url, query = address(name, pattern), SEARCHED.get(name, {})
    response = client.get(url, query)
    if response.status_code == 302:  # the language switch, which sends the reader back
        return
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    asked = {}
    if response.has_header("ETag"):
        asked["HTTP_IF_NONE_MATCH"] = response["ETag"]
    if response.has_header("Last-Modified"):
        asked["HTTP_IF_MODIFIED_SINCE"] = response["Last-Modified"]
    assert asked, "neither an ETag nor a Last-Modified"
    for header, value in asked.items():
        again = client.get(url, query, **{header: value})
        assert again.status_code == 304, header


def test_a_meetings_new_date_and_its_decisions_new_order_are_one_change(monkeypatch):
    """Saved in one transaction (a savepoint within the test's), so that no page is kept between
    the version the meeting's history counts up and the decisions' new order."""
    meeting = make_meeting()
    decision = make_decision(meeting=meeting)
    depth_at_update = []
    update = QuerySet.update

    def watched_update(queryset, **values):
        depth_at_update.append(len(connection.savepoint_ids))
        return update(queryset, **values)

    monkeypatch.setattr(QuerySet, "update", watched_update)
    depth = len(connection.savepoint_ids)
    meeting.starts_on = meeting.starts_on.replace(month=6)
    meeting.save()
    assert depth_at_update and all(level > depth for level in depth_at_update)
    decision.refresh_from_db()
    assert decision.sort_date == meeting.starts_on


def test_a_published_record_is_kept_until_a_change_of_any_record(client, demo_record):
    url = Decision.objects.published().order_by("pk").first().get_absolute_url()
    client.get(url)
    assert queries_of(client, url)[1] == HIT_QUERIES
    other = Meeting.objects.published().order_by("-pk").first()
    other.summary = f"{other.summary} (amended)"
    other.save()
    assert queries_of(client, url)[1] > HIT_QUERIES
    assert other.publication_status == PublicationStatus.PUBLISHED
