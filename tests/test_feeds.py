"""What machines read: Atom feeds, the iCalendar feed, the sitemap and robots.txt."""

import xml.etree.ElementTree as ElementTree

import feedparser
import pytest
from icalendar import Calendar

from plenaries.models import Decision, Meeting, Participant, Statement

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/decisions/feed/", "Lifting of the export restrictions on rough diamonds"),
        ("/statements/feed/", "United States statement on the 2024 Kimberley Process Plenary"),
        ("/participants/russian-federation/feeds/decisions/", "Examination of Russia's diamond"),
        ("/participants/united-states-of-america/feeds/statements/", "United States statement"),
        ("/topics/chairmanship/feeds/decisions/", "custodian chair in 2025"),
        ("/topics/central-african-republic/feeds/statements/", "United States statement"),
        (
            "/working-bodies/ad-hoc-committee-on-review-and-reform/feeds/decisions/",
            "Establishment of the Ad Hoc Committee on Review and Reform",
        ),
        (
            "/working-bodies/ad-hoc-committee-on-review-and-reform/feeds/statements/",
            "United States statement on the 2024",
        ),
        ("/fr/decisions/feed/", "Lifting of the export restrictions"),
    ],
)
def test_feeds_parse_as_atom(client, demo_record, url, expected):
    response = client.get(url)
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    titles = [entry.title for entry in feed.entries]
    assert any(expected in title for title in titles), titles
    assert all(entry.link.startswith("http://testserver/") for entry in feed.entries)


def test_the_participant_feed_holds_only_its_decisions(client, demo_record):
    feed = feedparser.parse(client.get("/participants/russian-federation/feeds/decisions/").content)
    assert {entry.title for entry in feed.entries} == set(
        Decision.objects.published()
        .filter(participants_concerned__slug="russian-federation")
        .values_list("title", flat=True)
    ) | {"Public communiqué acknowledging Ukraine's request"}


def test_a_working_bodys_feeds_hold_its_decisions_and_the_statements_about_it(client, demo_record):
    body = "/working-bodies/ad-hoc-committee-on-review-and-reform"
    decisions = feedparser.parse(client.get(f"{body}/feeds/decisions/").content)
    statements = feedparser.parse(client.get(f"{body}/feeds/statements/").content)
    assert {entry.title for entry in decisions.entries} == set(
        Decision.objects.published()
        .filter(working_body__slug="ad-hoc-committee-on-review-and-reform")
        .values_list("title", flat=True)
    )
    assert [entry.title for entry in statements.entries] == [
        "United States statement on the 2024 Kimberley Process Plenary in Dubai"
    ]


def test_feeds_leave_out_drafts(client, demo_record):
    Decision.objects.filter(slug="2024-car-export-restrictions-lifted").update(
        publication_status="draft"
    )
    feed = feedparser.parse(client.get("/decisions/feed/").content)
    assert not any("Lifting of the export restrictions" in e.title for e in feed.entries)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/feeds/decisions/", "/decisions/feed/"),
        ("/feeds/statements/?topic=admissions", "/statements/feed/?topic=admissions"),
        ("/fr/feeds/decisions/", "/fr/decisions/feed/"),
    ],
)
def test_the_first_feed_addresses_lead_to_the_lists_feeds(client, demo_record, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new
    assert client.get(old, follow=True)["Content-Type"].startswith("application/atom+xml")


def test_an_unknown_scope_is_not_found(client, demo_record):
    assert client.get("/topics/no-such-topic/feeds/decisions/").status_code == 404


def test_the_meetings_calendar_parses_as_icalendar(client, demo_record):
    response = client.get("/meetings.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = {str(event["summary"]): event for event in calendar.walk("VEVENT")}
    dubai = events["Kimberley Process 2024 Dubai plenary"]
    assert dubai.decoded("dtstart").isoformat() == "2024-11-12"
    assert dubai.decoded("dtend").isoformat() == "2024-11-16", "all-day events end the day after"
    assert str(dubai["location"]) == "Dubai, United Arab Emirates"
    assert str(dubai["url"]) == "http://testserver/meetings/2024-dubai/"
    # The 2019 closing session has no known first day: no event is invented for it.
    assert len(events) == Meeting.objects.published().exclude(starts_on=None).count()


def test_the_sitemap_lists_every_published_record_and_no_draft(client, demo_record):
    Decision.objects.filter(slug="2018-gabon-admission").update(publication_status="draft")
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    locations = {element.text for element in root.iter(f"{SITEMAP}loc")}
    for model in (Meeting, Decision, Participant, Statement):
        for record in model.objects.published():
            assert f"http://testserver{record.get_absolute_url()}" in locations
    assert "http://testserver/decisions/2018-gabon-admission/" not in locations
    assert "http://testserver/chairs/" in locations


def test_robots_txt_points_at_the_sitemap_and_away_from_the_admin(client, demo_record):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text
