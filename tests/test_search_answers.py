"""A search page that answers (issue 11): what a reader typing a name, a place, a year or a
French name finds on /search/, on the demo record, in both languages and on both databases."""

import re
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.utils import translation

from plenaries.models import Meeting, Participant
from plenaries.search import fold
from plenaries.snippets import snippet_of
from tests.factories import make_participant

pytestmark = pytest.mark.django_db

ON_POSTGRESQL = connection.vendor == "postgresql"
LANGUAGES = ["en", "fr"]
GROUPS = ("decisions", "statements", "meetings", "participants")


def search(client, query, language="en"):
    prefix = "" if language == "en" else f"/{language}"
    return client.get(f"{prefix}/search/", {"q": query})


def found(response):
    """{group: [record, ...]} as the page lists them."""
    return {group: list(response.context[group]) for group in GROUPS}


class ResultItems(HTMLParser):
    """The <li> items of the result groups, each with its first link and whether it holds a
    snippet with a <mark>."""

    def __init__(self):
        super().__init__()
        self.items, self.depth, self.in_groups, self.in_snippet = [], 0, 0, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div" and "search-groups" in (attrs.get("class") or ""):
            self.in_groups = 1
        elif self.in_groups and tag == "div":
            self.in_groups += 1
        if not self.in_groups:
            return
        if tag == "li" and "muted" not in (attrs.get("class") or ""):
            self.items.append({"link": None, "marked": False})
        elif tag == "a" and self.items and self.items[-1]["link"] is None:
            self.items[-1]["link"] = attrs.get("href")
        elif tag == "p" and "snippet" in (attrs.get("class") or ""):
            self.in_snippet = 1
        elif tag == "mark" and self.in_snippet and self.items:
            self.items[-1]["marked"] = True

    def handle_endtag(self, tag):
        if tag == "p":
            self.in_snippet = 0
        elif tag == "div" and self.in_groups:
            self.in_groups -= 1


def result_items(response):
    parser = ResultItems()
    parser.feed(response.content.decode())
    return parser.items


@pytest.mark.parametrize("language", LANGUAGES)
def test_russia_puts_the_russian_federation_first(client, demo_record, language):
    response = search(client, "Russia", language)
    russia = Participant.objects.get(slug="russian-federation")
    first = result_items(response)[0]["link"]
    with translation.override(language):
        assert first == russia.get_absolute_url()
    assert found(response)["participants"][0] == russia


@pytest.mark.parametrize("language", LANGUAGES)
def test_zimbabwe_finds_the_victoria_falls_meeting(client, demo_record, language):
    meetings = found(search(client, "Zimbabwe", language))["meetings"]
    assert Meeting.objects.get(slug="2023-victoria-falls") in meetings


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("Victoria Falls", "2023-victoria-falls"),
        ("2023", "2023-victoria-falls"),
        ("Emirates", "2016-dubai"),
        ("Émirats arabes unis", "2024-dubai"),
        ("Kinshasa 2011", "2011-kinshasa"),
    ],
)
def test_meetings_are_found_by_place_host_country_and_year(client, demo_record, query, slug):
    assert Meeting.objects.get(slug=slug) in found(search(client, query))["meetings"]


@pytest.mark.parametrize(
    ("accented", "plain"),
    [("Dubaï", "Dubai"), ("communiqué", "communique"), ("République", "Republique")],
)
@pytest.mark.parametrize("language", LANGUAGES)
def test_accents_change_nothing(client, demo_record, accented, plain, language):
    with_accent = search(client, accented, language)
    without = search(client, plain, language)
    assert found(with_accent) == found(without)
    assert any(found(with_accent).values())
    assert with_accent.context["suggestion"] is None
    assert without.context["suggestion"] is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_french_name_finds_the_participant(client, demo_record, language):
    car = Participant.objects.get(slug="central-african-republic")
    assert car.name_fr == "République centrafricaine"
    response = search(client, "République centrafricaine", language)
    assert found(response)["participants"][0] == car
    assert response.context["suggestion"] is None
    prefix = "" if language == "en" else f"/{language}"
    listed = client.get(f"{prefix}/participants/", {"q": "République centrafricaine"})
    assert [member for _, members in listed.context["groups"] for member in members] == [car]


def test_a_french_query_finds_what_its_english_equivalent_finds(client, demo_record):
    english = found(search(client, "Central African Republic"))
    french = found(search(client, "République centrafricaine"))
    assert french["participants"] == english["participants"]
    if ON_POSTGRESQL:  # names are in the decisions' search vectors
        assert set(french["decisions"]) <= set(english["decisions"])
        assert french["decisions"]


def test_french_pages_show_french_names(client, demo_record):
    page = search(client, "Russia", "fr").content.decode()
    assert '<a href="/fr/participants/russian-federation/" lang="fr">Russie</a>' in page


def test_a_state_gets_its_french_name_on_save(demo_record):
    assert make_participant(name="Atlantis").name_fr == ""
    state = make_participant(name="Republic of Iceland", slug="iceland", country="IS", kind="state")
    assert state.name_fr == "Islande"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_french_placeholder_finds_something(client, demo_record, language):
    with translation.override("fr"):
        placeholder = str(translation.gettext("Central African Republic, enhanced vigilance…"))
    response = search(client, placeholder.rstrip("…"), language)
    assert any(found(response).values())
    assert response.context["suggestion"] is None


@pytest.mark.parametrize(
    "query",
    ["Russia", "Zimbabwe", "Dubai", "communique", "CAR", "Central African Republic",
     "République centrafricaine", "Emirates", "2023", "enhanced vigilance", "Kimberley"],
)  # fmt: skip
def test_every_hit_has_a_highlighted_snippet(client, demo_record, query):
    items = result_items(search(client, query))
    assert items
    assert [item for item in items if not item["marked"]] == []


def test_snippets_are_escaped_before_they_are_marked():
    snippet = snippet_of(["<b>Dubaï</b> & co"], "dubai")
    assert snippet == "&lt;b&gt;<mark>Dubaï</mark>&lt;/b&gt; &amp; co"


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_empty_result_explains_the_syntax_and_offers_browsing(client, demo_record, language):
    response = search(client, "qwertyuiopasdf", language)
    assert response.context["found_nothing"]
    assert not any(found(response).values())
    page = response.content.decode()
    assert "search-help" in page
    assert page.count("<code>") == 3
    prefix = "" if language == "en" else f"/{language}"
    for listing in ("meetings", "decisions", "participants", "statements"):
        assert f'href="{prefix}/{listing}/"' in page
    assert "search-help" not in search(client, "Russia", language).content.decode()


def test_a_suggestion_appears_only_when_it_finds_more(client, demo_record):
    if not ON_POSTGRESQL:  # the SQLite fallback has no word list: no suggestion ever
        assert search(client, "Kimberly").context["suggestion"] is None
        return
    assert search(client, "Kimberly").context["suggestion"] == "Kimberley"
    # Every word is the record's own: nothing to correct.
    assert search(client, "Victoria Falls").context["suggestion"] is None
    # A word close to the record's, but whose correction finds no more.
    assert search(client, "Kimberly -Kimberley").context["suggestion"] is None


def test_fold_ignores_accents_and_case():
    assert fold("Dubaï") == fold("DUBAI") == "dubai"
    assert fold("Émirats") == "emirats"
    assert re.fullmatch(r"[a-z ]+", fold("République Centrafricaine"))


def test_the_french_list_of_participants_follows_the_french_names(client, demo_record):
    page = client.get("/fr/participants/?kind=state")
    (label, states), *_ = page.context["groups"]
    names = [fold(state.name_fr or state.name) for state in states]
    assert names == sorted(names)
    assert names.index(fold("Émirats arabes unis")) < names.index(fold("Gabon"))
