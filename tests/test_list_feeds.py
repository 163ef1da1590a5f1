"""Every public list offers an Atom feed of exactly what it shows, for the same query.

The lists are read from the URLconf: each feed of a list (a ListFeed) names its page. A list
added tomorrow with a feed fails here until QUERIES says how to narrow it and SHOWN how to read
what its page shows."""

import html
import re

import feedparser
import pytest
from django.urls import reverse
from django.utils.http import urlencode

from plenaries.feeds import FEED_SIZE, ListFeed
from tests.routes import url_names

pytestmark = pytest.mark.django_db

LIST_FEEDS = sorted(
    (name, pattern.callback)
    for name, pattern in url_names()
    if isinstance(pattern.callback, ListFeed)
)

# A query each list is narrowed by (on the demo record, found in it, and not the whole list).
QUERIES = {
    "plenaries:decision-list": {"outcome": "blocked", "q": "russia"},
    "plenaries:statement-list": {"topic": "central-african-republic"},
    "plenaries:participant-list": {"kind": "state", "q": "republic"},
    "plenaries:search": {"q": "russia"},
    "plenaries:meeting-list": {},
    "plenaries:working-body-list": {},
    "plenaries:chair-list": {},
    "plenaries:blocked-list": {},
    "plenaries:topic-list": {},
}

# What a list's page shows, in its order, from the page's context.
SHOWN = {
    "plenaries:decision-list": lambda c: c["decisions"],
    "plenaries:statement-list": lambda c: c["statements"],
    "plenaries:participant-list": lambda c: [p for _role, group in c["groups"] for p in group],
    "plenaries:search": lambda c: [
        *c["decisions"],
        *c["statements"],
        *c["meetings"],
        *c["participants"],
    ],
    "plenaries:meeting-list": lambda c: [m for _y, _c, meetings in c["years"] for m in meetings],
    "plenaries:working-body-list": lambda c: c["working_bodies"],
    "plenaries:chair-list": lambda c: c["chairmanships"],
    "plenaries:blocked-list": lambda c: c["blocked"],
    "plenaries:topic-list": lambda c: c["topics"],
}


def address(name, query):
    return f"{reverse(name)}?{urlencode(query)}" if query else reverse(name)


@pytest.mark.parametrize(("name", "feed"), LIST_FEEDS, ids=[name for name, _ in LIST_FEEDS])
def test_each_lists_feed_holds_what_the_list_shows(client, demo_record, name, feed):
    assert feed.list_name in QUERIES, f"{feed.list_name}: say in QUERIES how to narrow it"
    assert feed.list_name in SHOWN, f"{feed.list_name}: say in SHOWN what its page shows"
    query = QUERIES[feed.list_name]
    page = client.get(address(feed.list_name, query))
    assert page.status_code == 200
    shown = list(SHOWN[feed.list_name](page.context))
    assert shown, f"{feed.list_name} shows nothing for {query}: choose another query"
    response = client.get(address(name, query))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    entries = parsed.entries
    expected = shown[:FEED_SIZE]
    assert len(entries) == len(expected) or (len(entries) == FEED_SIZE < len(expected))
    titles = [feed.item_title(record) for record in expected]
    assert [entry.title for entry in entries] == titles[: len(entries)]
    links = [f"http://testserver{feed.item_link(record)}" for record in expected]
    assert [entry.link for entry in entries] == links[: len(entries)]
    # An entry that links to a place in a page (#chair-2024) finds it there.
    for link in links[: len(entries)]:
        path, _, fragment = link.removeprefix("http://testserver").partition("#")
        if fragment:
            assert f'id="{fragment}"' in client.get(path).content.decode(), link


@pytest.mark.parametrize(("name", "feed"), LIST_FEEDS, ids=[name for name, _ in LIST_FEEDS])
def test_each_list_links_its_feed_with_its_query(client, demo_record, name, feed):
    query = QUERIES[feed.list_name]
    page = client.get(address(feed.list_name, {**query, "page": 1})).content.decode()
    feed_address = html.escape(address(name, query))
    assert '<link rel="alternate" type="application/atom+xml"' in page
    assert re.search(rf'<link rel="alternate"[^>]*href="{re.escape(feed_address)}"', page)
    assert f'href="{feed_address}" type="application/atom+xml">Atom feed of this list<' in page


@pytest.mark.parametrize(("name", "feed"), LIST_FEEDS, ids=[name for name, _ in LIST_FEEDS])
def test_a_parameter_the_list_does_not_know_is_a_bad_request(client, demo_record, name, feed):
    response = client.get(address(name, {"colour": "red"}))
    assert response.status_code == 400
    assert "“colour” is not a filter of this list." in response.content.decode()
    assert client.get(address(name, {"utm_source": "mail"})).status_code == 200


@pytest.mark.parametrize(
    "query",
    [{"outcome": "nonsense"}, {"year_from": "twenty"}, {"participant": "no-such-state"}],
)
def test_a_value_the_list_refuses_is_a_bad_request(client, demo_record, query):
    assert client.get(address("plenaries:decision-feed", query)).status_code == 400


def test_a_feed_leaves_out_drafts_as_its_list_does(client, demo_record):
    from plenaries.models import Decision

    Decision.objects.filter(slug="2024-examination-of-russias-diamond-production").update(
        publication_status="draft"
    )
    feed = feedparser.parse(client.get("/decisions/feed/?q=russia").content)
    assert feed.entries
    assert not any("Examination of Russia's diamond" in entry.title for entry in feed.entries)


def test_a_feed_is_titled_with_its_filters(client, demo_record):
    feed = feedparser.parse(client.get("/decisions/feed/?outcome=blocked").content)
    assert feed.feed.title == "KP Tracker: decisions (Outcome: Blocked for lack of consensus)"
    assert feed.feed.link == "http://testserver/decisions/?outcome=blocked"
