"""French pages speak French.

Every page type of the public site, derived from the URLconf, is read in French as a reader gets
it: the record's own text (marked lang="en"), scripts, styles and markup left out. No English word
of the interface may remain. Links, feeds and the sitemap keep to the French addresses."""

import re
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.contrib.syndication.views import Feed
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.dateformat import format as format_date

from plenaries.csv_export import ListCSV
from plenaries.models import Decision, Meeting, PublicationStatus, Statement, Topic
from plenaries.models.base import PublishableModel
from tests.conftest import load_demo_record, module_data
from tests.routes import served_model, url_names

PUBLISHED = PublicationStatus.PUBLISHED
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
# More records than a page holds, so that every list has a second page; their own pages are all
# alike, and only the first is read.
FILLERS = 50

# Words of the interface, in English only (none is also a French word): none may show on a French
# page outside the record's own text.
ENGLISH = (
    "closing", "from", "to this day", "Set by", "Decisions", "Statements", "Meetings",
    "decisions", "statements", "meetings", "Search", "Objected", "Supported", "Proposed",
    "Abstained", "Adopted", "Rejected", "Deferred", "Noted", "Blocked", "Unknown", "Cite this",
    "Last updated", "accessed", "Previous", "Next", "Filter", "Clear", "Chair", "Vice chair",
    "Issued by", "Reported figures", "Quotations", "Taken", "Topics", "written procedure",
    "None recorded", "Not recorded", "matches", "Sort by", "Newest", "Oldest", "Relevance",
    "Words", "Outcome", "Stance", "Working body", "Concerning", "Kind", "Current status",
    "Did you mean", "More than", "See all", "Skip to content", "Also known as", "Status over time",
    "According to", "Press contact", "Yes", "Host", "Role", "Admitted", "Follow its", "Latest",
    "feed", "Page not found", "ignored", "is not a filter", "The range ends", "Suspended",
    "Withdrawn", "Enhanced vigilance", "Exports restricted", "Active", "Observer", "In person",
    "Press statement", "Speech", "the", "and", "of", "to",
)  # fmt: skip
WORDS = {word: re.compile(rf"\b{re.escape(word)}\b") for word in ENGLISH}


def build():
    """The demo record and enough undated published decisions and statements for a second page
    of each list."""
    load_demo_record()
    Decision.objects.bulk_create(
        Decision(
            title=f"Filler {number}",
            slug=f"filler-{number}",
            outcome=Decision.Outcome.NOTED,
            publication_status=PUBLISHED,
        )
        for number in range(FILLERS)
    )
    Statement.objects.bulk_create(
        Statement(
            title=f"Filler {number}",
            slug=f"filler-{number}",
            issuer=Statement.objects.first().issuer,
            kind=Statement.Kind.REPORT,
            publication_status=PUBLISHED,
        )
        for number in range(FILLERS)
    )


@pytest.fixture(scope="module")
def record_for_module(django_db_setup, django_db_blocker):
    yield from module_data(django_db_blocker, build)


@pytest.fixture
def record(record_for_module, db):
    return record_for_module


def is_feed(pattern):
    return isinstance(pattern.callback, Feed)


def shown(model):
    if issubclass(model, PublishableModel):
        return model.objects.filter(publication_status=PUBLISHED)
    return model.objects.all()


def french(name, **kwargs):
    with translation.override("fr"):
        return reverse(name, kwargs=kwargs)


def public_patterns():
    return [(name, pattern) for name, pattern in url_names() if name.startswith("plenaries:")]


def french_pages(client):
    """(address, status) of every page type in French: each list, the page of every published
    record, each searching page with words and with each filter's first values, every second page,
    and a page that is not found."""
    addresses = []
    for name, pattern in public_patterns():
        if is_feed(pattern) or isinstance(pattern.callback, ListCSV):
            continue  # files; a CSV's links to French pages are checked in test_list_csv
        if "slug" in pattern.pattern.regex.groupindex:
            model = served_model(pattern)
            assert model is not None, f"{name} takes a slug but serves no model this test knows"
            records = shown(model).exclude(slug__regex=r"^filler-[1-9]")
            addresses += [(french(name, slug=record.slug), 200) for record in records]
            addresses.append((french(name, slug="no-such-record"), 404))
            continue
        address = french(name)
        addresses.append((address, 200))
        context = client.get(address).context
        if "filter" in context or "query" in context:
            addresses.append((f"{address}?q=Russia", 200))
        if "filter" in context:
            addresses.append((f"{address}?colour=red&year_from=2020&year_to=2010&page=x", 200))
            for field, declared in context["filter"].base_filters.items():
                for value, _label in list(declared.extra.get("choices") or ())[:2]:
                    addresses.append((f"{address}?{field}={value}", 200))
        if context.get("page_obj") and context["page_obj"].has_next():
            addresses.append((f"{address}?page=2", 200))
    return addresses


@pytest.fixture(scope="module")
def french_responses(record_for_module, django_db_blocker):
    """[(address, status expected, response)] for every French page type, asked for once."""
    with django_db_blocker.unblock():
        client = Client()
        return [(address, status, client.get(address)) for address, status in french_pages(client)]


class ReaderText(HTMLParser):
    """What a reader of the page gets from the interface: its text and the labels of its
    controls, less every element in English (the record's own text), scripts, styles and the
    <title> (which holds the record's title)."""

    SKIPPED = {"script", "style", "title"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
    LABELS = ("aria-label", "placeholder")

    def __init__(self, page):
        super().__init__(convert_charrefs=True)
        self.open = []  # (tag, skipped) of the elements around the text being read
        self.parts = []
        self.feed(page)
        self.close()

    @property
    def skipping(self):
        return bool(self.open) and self.open[-1][1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        skipped = self.skipping or tag in self.SKIPPED or attrs.get("lang") == "en"
        if not skipped:
            self.parts += [attrs[label] for label in self.LABELS if attrs.get(label)]
        if tag not in self.VOID:
            self.open.append((tag, skipped))

    def handle_startendtag(self, tag, attrs):
        if not self.skipping and dict(attrs).get("lang") != "en":
            self.parts += [value for label, value in attrs if label in self.LABELS and value]

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                return

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)

    @property
    def text(self):
        return " ".join(" ".join(self.parts).split())


def english_words(text):
    """The English words of ENGLISH in `text`, addresses left out (a citation spells its own)."""
    text = re.sub(r"https?://\S+", " ", text)
    return [word for word, pattern in WORDS.items() if pattern.search(text)]


def test_the_reader_text_leaves_out_english_elements_scripts_and_markup():
    page = (
        '<html lang="fr"><head><title>Decisions</title><style>p { from: 0 }</style></head>'
        '<body><p>Décisions <a href="/fr/decisions/" lang="en">Taken <b>from</b></a> prises</p>'
        '<input placeholder="Search"><br><script>var Next;</script><p lang="en">Chair</p>'
        "<p>Vice chair http://testserver/fr/decisions/</p></body></html>"
    )
    text = ReaderText(page).text
    assert text == "Décisions prises Search Vice chair http://testserver/fr/decisions/"
    assert english_words(text) == ["Search", "Vice chair"]


def test_every_french_page_speaks_french(french_responses):
    found = {}  # word: the pages it shows on
    assert len(french_responses) > 100
    for address, status, response in french_responses:
        assert response.status_code == status, (address, response.status_code)
        assert response.headers["Content-Language"] == "fr", address
        for word in english_words(ReaderText(response.content.decode()).text):
            found.setdefault(word, []).append(address)
    report = [f"“{word}” on {', '.join(pages[:3])}" for word, pages in sorted(found.items())]
    assert not found, "English on French pages:\n" + "\n".join(report)


def test_every_feeds_title_speaks_french(client, record):
    """The title and subtitle a feed reader shows, less the name of what the feed is about."""
    found = []
    for name, pattern in public_patterns():
        if not is_feed(pattern):
            continue
        scopes = [None]
        if "slug" in pattern.pattern.regex.groupindex:
            scopes = list(shown(served_model(pattern))[:3])
        for scope in scopes:
            address = french(name, **({"slug": scope.slug} if scope else {}))
            feed = ElementTree.fromstring(client.get(address).content)
            for element in ("title", "subtitle"):
                text = feed.findtext(f"{ATOM}{element}") or ""
                text = text.replace(str(scope), "") if scope else text
                found += [f"“{word}” in {address} {element}" for word in english_words(text)]
    assert not found, "\n".join(found)


def internal_path(href):
    """The path of a link to a page of this site, or None for another site or a fragment."""
    parts = urlsplit(href)
    if parts.netloc not in ("", "testserver") or not parts.path.startswith("/"):
        return None
    return parts.path


def page_of_the_site(path):
    """What `path` resolves to, in French (/fr/...) or in English (no prefix); None if nothing."""
    for language in ("fr", "en"):
        with translation.override(language):
            try:
                return resolve(path)
            except Resolver404:
                continue
    return None


class Links(HTMLParser):
    def __init__(self, page):
        super().__init__()
        self.hrefs = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        # A link with hreflang leads to the page in another language on purpose: the language
        # switch and the alternates in the head.
        if tag in ("a", "link") and attrs.get("href") and "hreflang" not in attrs:
            self.hrefs.append(attrs["href"])


def test_links_on_french_pages_lead_to_french_pages_and_feeds(french_responses):
    """Every link to a page or feed of the site, on every French page, stays in French."""
    wrong = []
    checked = 0
    for address, _status, response in french_responses:
        for href in Links(response.content.decode()).hrefs:
            path = internal_path(href)
            match = path and page_of_the_site(path)
            if not match or match.namespace != "plenaries":
                continue  # another site, the admin, the sitemap, the calendar
            checked += 1
            if not path.startswith("/fr/"):
                wrong.append(f"{address} links to {href}")
    assert checked > 1000
    assert not wrong, "\n".join(wrong[:30])


@pytest.mark.parametrize(
    "name",
    [name for name, pattern in url_names() if is_feed(pattern)],
)
def test_a_french_feed_links_to_french_pages(client, record, name):
    """A feed read at its French address names French pages: its own page (for a topic, the
    list filtered by that topic) and each entry's."""
    pattern = dict(url_names())[name]
    model = served_model(pattern)
    scopes = list(shown(model)) if model else [None]
    for scope in scopes:
        address = french(name, **({"slug": scope.slug} if scope else {}))
        feed = ElementTree.fromstring(client.get(address).content)
        link = feed.find(f"{ATOM}link[@rel='alternate']").get("href")
        assert link.startswith("http://testserver/fr/"), (address, link)
        for entry in feed.iter(f"{ATOM}entry"):
            entry_link = entry.find(f"{ATOM}link").get("href")
            assert entry_link.startswith("http://testserver/fr/"), (address, entry_link)
        if isinstance(scope, Topic):
            page = client.get(link)
            assert page.status_code == 200, link
            assert page.context["filter"].form.cleaned_data["topic"] == scope, link
            assert page.context["filter"].form.errors == {}, link
            list_route = resolve(urlsplit(link).path).url_name
            assert list_route.endswith("-list"), link


def test_the_sitemap_lists_each_page_in_both_languages_with_hreflang_alternates(client, record):
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    locations = {url.findtext(f"{SITEMAP}loc") for url in root.iter(f"{SITEMAP}url")}
    french_locations = {loc for loc in locations if urlsplit(loc).path.startswith("/fr/")}
    english_locations = locations - french_locations
    assert len(english_locations) > 100
    assert french_locations == {
        loc.replace("http://testserver/", "http://testserver/fr/", 1) for loc in english_locations
    }
    for url in root.iter(f"{SITEMAP}url"):
        loc = url.findtext(f"{SITEMAP}loc")
        alternates = {
            link.get("hreflang"): link.get("href")
            for link in url.iter(f"{XHTML}link")
            if link.get("rel") == "alternate"
        }
        english = loc.replace("http://testserver/fr/", "http://testserver/", 1)
        assert alternates == {
            "en": english,
            "fr": english.replace("http://testserver/", "http://testserver/fr/", 1),
            "x-default": english,
        }, loc


def french_month(day):
    with translation.override("fr"):
        return format_date(day, "F Y")


def meeting_pages(meeting):
    return [
        french("plenaries:meeting-detail", slug=meeting.slug),
        french("plenaries:meeting-list"),
        french("plenaries:home"),
    ]


def test_a_meeting_whose_first_day_is_unknown_reads_in_french(client, record):
    meetings = Meeting.objects.published().filter(starts_on=None).exclude(ends_on=None)
    assert meetings, "the demo record has a meeting known only by its last day"
    for meeting in meetings:
        for address in meeting_pages(meeting):
            text = ReaderText(client.get(address).content.decode()).text
            assert f"{meeting.ends_on.day} {french_month(meeting.ends_on)}" in text, address
            assert not {"closing", "from"} & set(english_words(text)), address


def test_a_meeting_whose_last_day_is_unknown_reads_in_french(client, record):
    meeting = Meeting.objects.published().exclude(starts_on=None).first()
    Meeting.objects.filter(pk=meeting.pk).update(ends_on=None)
    for address in meeting_pages(meeting):
        text = ReaderText(client.get(address).content.decode()).text
        assert f"{meeting.starts_on.day} {french_month(meeting.starts_on)}" in text, address
        assert not {"closing", "from"} & set(english_words(text)), address
