"""Search on the demo record. PostgreSQL gives ranked full-text search with suggestions; SQLite
the documented fallback (every term, case folded). Each test states what holds on each."""

import datetime
import html
import re

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plenaries.models import (
    Decision,
    Participant,
    ParticipantName,
    PublicationStatus,
    Statement,
)
from plenaries.search import MAX_COUNTED, clean_query, fallback_terms
from plenaries.snippets import highlight
from tests.factories import make_decision, make_participant, make_source
from tests.test_query_counts import VERSION_QUERIES

pytestmark = pytest.mark.django_db

ON_POSTGRESQL = connection.vendor == "postgresql"
# Queries the site search and the decisions list make for a search, whatever it matches.
# The site search: 11, and on PostgreSQL four more that weigh a suggestion (does it find more?).
SEARCH_PAGE_QUERIES = 15
DECISION_LIST_QUERIES = 17  # two of them for the facets of participants and positions


def titles(response):
    return [decision.title for decision in response.context["decisions"]]


def text_of(response):
    text = " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())
    return html.unescape(text)


def test_enhanced_vigilance_puts_the_car_decision_first(client, demo_record):
    response = client.get("/decisions/", {"q": "enhanced vigilance"})
    assert titles(response)[0] == (
        "Lifting of the export restrictions on rough diamonds from the Central African Republic"
    )


def test_car_and_central_african_republic_find_the_same_decision(client, demo_record):
    lifted = (
        "Lifting of the export restrictions on rough diamonds from the Central African Republic"
    )
    by_initials = titles(client.get("/decisions/", {"q": "CAR"}))
    by_name = titles(client.get("/decisions/", {"q": "Central African Republic"}))
    assert lifted in by_initials and lifted in by_name
    assert set(by_initials) == set(by_name)


def test_russia_and_russian_federation_find_the_same_decisions(client, demo_record):
    assert set(titles(client.get("/decisions/", {"q": "Russia"}))) == set(
        titles(client.get("/decisions/", {"q": "Russian Federation"}))
    )


def test_a_misspelling_gets_a_suggestion(client, demo_record):
    response = client.get("/decisions/", {"q": "Kimberly"})
    if ON_POSTGRESQL:
        assert response.context["suggestion"] == "Kimberley"
        assert 'Did you mean <a href="?q=Kimberley">Kimberley</a>?' in response.content.decode()
        assert client.get("/search/", {"q": "vigilence"}).context["suggestion"] == "vigilance"
    else:  # the SQLite fallback has no word index: documented, and nothing breaks
        assert response.context["suggestion"] is None
        assert response.status_code == 200


def test_exclusion_leaves_out_what_mentions_russia(client, demo_record):
    # PostgreSQL ignores accents; the SQLite fallback needs the accent the records use.
    word = "communique" if ON_POSTGRESQL else "communiqué"
    with_russia = titles(client.get("/decisions/", {"q": word}))
    assert "Public communiqué acknowledging Ukraine's request" in with_russia
    without = client.get("/decisions/", {"q": f"{word} -Russia"})
    assert without.status_code == 200
    for decision in without.context["decisions"]:
        names = " ".join(decision.participants_concerned.values_list("name", flat=True))
        assert "Russia" not in f"{decision.title} {decision.summary} {names}"
    assert len(titles(without)) < len(with_russia)


def test_the_stance_filter_lists_what_the_russian_federation_objected_to(client, demo_record):
    response = client.get("/decisions/", {"stance": "objected", "by": "russian-federation"})
    assert sorted(titles(response)) == sorted(
        [
            "Discussion of the implications for the KP of Russia's war in Ukraine and Russia's "
            "diamond production",
            "Examination of Russia's diamond production role in funding its war against Ukraine",
            "Public communiqué acknowledging Ukraine's request",
            "Public communiqué acknowledging Ukraine's request",
        ]
    )
    assert {d.outcome for d in response.context["decisions"]} == {"blocked"}


def test_facet_counts_equal_the_counts_of_the_filtered_results(client, demo_record):
    narrowing = {"q": "Russia"} if ON_POSTGRESQL else {"year_from": "2000"}
    response = client.get("/decisions/", narrowing)
    outcomes = next(facet for facet in response.context["facets"] if facet.name == "outcome")
    counted = {value.value: value.count for value in outcomes.values + outcomes.more}
    assert sum(counted.values()) == response.context["total"]
    for outcome, count in counted.items():
        query = {"outcome": outcome} | narrowing
        assert client.get("/decisions/", query).context["total"] == count
    assert client.get("/decisions/").context["total"] == Decision.objects.published().count()
    topics = client.get("/decisions/", {"topic": "admissions"}).context["total"]
    assert topics == Decision.objects.published().filter(topics__slug="admissions").count() == 5


def test_facets_mark_the_chosen_value_and_escape_names(client, demo_record):
    participant = make_participant(name="Test <b>Bold</b> & Co", slug="test-bold")
    participant.publish()
    Decision.objects.published().first().participants_concerned.add(participant)
    page = client.get("/decisions/", {"by": "russian-federation"}).content.decode()
    assert re.search(
        r'<a href="\?by=russian-federation" aria-current="true"><span lang="en">Russian Federation',
        page,
    )
    assert (
        '<span lang="en">Test &lt;b&gt;Bold&lt;/b&gt; &amp; Co</span>'
        in client.get("/decisions/").content.decode()
    )
    assert "<b>Bold" not in page


def test_the_sort_field_shows_the_order_the_page_uses(client, demo_record):
    browsing = client.get("/decisions/").content.decode()
    assert '<option value="newest" selected>' in browsing
    searching = client.get("/statements/", {"q": "Dubai"}).content.decode()
    assert '<option value="relevance" selected>' in searching


def test_a_snippet_shows_source_text_escaped(client, demo_record):
    decision = make_decision(
        title="Test of hostile text",
        summary="Before <script>alert('x')</script> the quarantine clause on R&D <b>applies</b>.",
        sources=[make_source()],
    )
    decision.publish()
    response = client.get("/decisions/", {"q": "quarantine"})
    snippet = re.search(r'class="snippet"[^>]*>(.*?)</p>', response.content.decode(), re.S).group(1)
    # PostgreSQL's headline drops what its parser reads as tags; whatever text remains is
    # escaped before the <mark> tags go in, so nothing of the source can run.
    assert "<script" not in snippet and "<b>" not in snippet
    assert "R&amp;D" in snippet
    assert "<mark>quarantine</mark>" in snippet
    if not ON_POSTGRESQL:
        assert "&lt;script&gt;" in snippet


def test_highlight_escapes_before_marking():
    assert highlight("a <i>\ue000b\ue001</i>") == "a &lt;i&gt;<mark>b</mark>&lt;/i&gt;"


def test_a_renamed_participant_is_found_by_its_new_name_and_no_longer_by_the_old(
    client, demo_record
):
    atlantis = make_participant(name="Atlantis", publication_status="published")
    decision = make_decision(title="Admission of a new participant", sources=[make_source()])
    decision.participants_concerned.add(atlantis)
    decision.publish()
    assert titles(client.get("/decisions/", {"q": "Atlantis"})) == [decision.title]
    atlantis.name = "Poseidonia"
    atlantis.save()
    assert titles(client.get("/decisions/", {"q": "Poseidonia"})) == [decision.title]
    assert titles(client.get("/decisions/", {"q": "Atlantis"})) == []


def test_a_new_other_name_is_found_at_once(client, demo_record):
    ParticipantName.objects.create(
        participant=Participant.objects.get(slug="central-african-republic"), name="Centrafrique"
    )
    assert (
        "Lifting of the export restrictions on rough diamonds from the Central African "
        "Republic" in titles(client.get("/decisions/", {"q": "Centrafrique"}))
    )


def test_the_site_search_groups_what_it_finds(client, demo_record):
    response = client.get("/search/", {"q": "Russia"})
    page = text_of(response)
    assert "Decisions (5)" in page
    assert "Statements (2)" in page
    assert "Russian Federation Participant" in page
    assert "See all 5 decisions, with filters" in page


@pytest.mark.parametrize("matching", [3, 40])
@pytest.mark.parametrize(
    ("url", "limit"),
    [
        ("/search/", SEARCH_PAGE_QUERIES + VERSION_QUERIES),
        ("/decisions/", DECISION_LIST_QUERIES + VERSION_QUERIES),
    ],
)
def test_the_search_pages_query_counts_do_not_grow_with_the_results(
    client, demo_record, django_assert_max_num_queries, matching, url, limit
):
    source = make_source()
    for number in range(matching):
        make_decision(title=f"Zanzibar item {number}", sources=[source]).publish()
    with django_assert_max_num_queries(limit):
        response = client.get(url, {"q": "Zanzibar item"})
    assert min(matching, 5) <= text_of(response).count("Zanzibar item")


def make_many_decisions(count, word):
    """`count` published written-procedure decisions mentioning `word`, one a day from 2001."""
    first = datetime.date(2001, 1, 1)
    Decision.objects.bulk_create(
        Decision(
            title=f"{word.capitalize()} item {number}",
            slug=f"{word}-item-{number}",
            summary=f"On {word}.",
            outcome=Decision.Outcome.ADOPTED,
            written_procedure=True,
            decided_on=first + datetime.timedelta(days=number),
            sort_date=first + datetime.timedelta(days=number),
            publication_status=PublicationStatus.PUBLISHED,
        )
        for number in range(count)
    )


def test_a_search_matching_more_than_it_counts_says_so(
    client, demo_record, django_assert_max_num_queries
):
    make_many_decisions(MAX_COUNTED + 5, "zanzibar")
    with django_assert_max_num_queries(DECISION_LIST_QUERIES + VERSION_QUERIES):
        response = client.get("/decisions/", {"q": "zanzibar"})
    page = text_of(response)
    assert f"More than {MAX_COUNTED:,} decisions match “zanzibar”." in page
    assert response.context["total"] is None
    outcomes = response.context["filter"].form.fields["outcome"].choices
    assert "Adopted" in dict(outcomes).values()  # no count beside a filter value
    # Newest first among equals, as far as the words say.
    assert titles(response)[0] == f"Zanzibar item {MAX_COUNTED + 4}"
    if ON_POSTGRESQL:
        # Ranked: the newest 1,000 matches, in pages of 20.
        assert f"The {MAX_COUNTED:,} most recent are ranked by relevance" in page
        assert f"Page 1 of {MAX_COUNTED // 20}" in page
        last = client.get("/decisions/", {"q": "zanzibar", "page": MAX_COUNTED // 20})
        assert titles(last)[-1] == "Zanzibar item 5"
    else:
        assert "Page 1 of" not in page and "Next" in page
    site = text_of(client.get("/search/", {"q": "zanzibar"}))
    assert f"Decisions (more than {MAX_COUNTED:,})" in site
    assert "See them all, with filters" in site


def test_the_statements_list_counts_what_it_finds(client, demo_record):
    everything = text_of(client.get("/statements/"))
    assert "3 statements" in everything
    if ON_POSTGRESQL:
        found = text_of(client.get("/statements/", {"q": "Central African Republic"}))
        assert "2 statements match “Central African Republic”" in found
    issuer = Participant.objects.get(slug="united-states-of-america")
    Statement.objects.bulk_create(
        Statement(
            title=f"Zanzibar statement {number}",
            slug=f"zanzibar-statement-{number}",
            body="On zanzibar.",
            kind=Statement.Kind.PRESS_STATEMENT,
            issuer=issuer,
            publication_status=PublicationStatus.PUBLISHED,
        )
        for number in range(MAX_COUNTED + 1)
    )
    broad = text_of(client.get("/statements/", {"q": "zanzibar"}))
    assert f"More than {MAX_COUNTED:,} statements match “zanzibar”." in broad
    assert "All statements, by date." in text_of(client.get("/statements/"))


def test_browsing_more_than_it_counts_pages_without_a_total(client, demo_record):
    make_many_decisions(MAX_COUNTED + 5, "zanzibar")
    response = client.get("/decisions/", {"page": 3})
    page = text_of(response)
    assert "All decisions, by date." in page
    assert "Page 3" in page and "Page 3 of" not in page
    assert "Previous" in page and "Next" in page
    oldest = client.get("/decisions/", {"sort": "oldest", "outcome": "adopted"})
    assert f"More than {MAX_COUNTED:,} decisions." in text_of(oldest)
    assert titles(oldest)[0] == "Zanzibar item 0"


BAD_QUERIES = [
    "",
    "x" * 1000,
    "!!! ??? ...",
    "& | ! : * ( ) ' \" \\",
    "'\"(:*",
    "a & (b | !c",
    "vigilance\x00car",
    "\x00",
    "-",
    "or or or",
    "«»—…",
]


@pytest.mark.parametrize("query", BAD_QUERIES)
@pytest.mark.parametrize("url", ["/decisions/", "/search/", "/statements/"])
def test_bad_queries_get_a_normal_page(client, demo_record, url, query):
    assert client.get(url, {"q": query}).status_code == 200


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"year_from": "99999", "year_to": "-1"}, ["From year", "To year"]),
        ({"year_from": "2030", "year_to": "2000"}, ["To year: The range ends before it starts."]),
        ({"year_from": "abc"}, ["From year: Enter a number."]),
        (
            {"outcome": "vanished", "topic": "nope", "meeting": "nowhere", "working_body": "x"},
            ["Outcome", "Topic", "Meeting", "Working body"],
        ),
        ({"stance": "shouted", "by": "atlantis"}, ["Stance", "Taken by"]),
        ({"sort": "sideways"}, ["Sort by"]),
        ({"page": "-1"}, ["Page: Ensure this value is greater than or equal to 1."]),
        ({"page": "abc"}, ["Page: Enter a whole number."]),
        ({"page": "99999999999999999999"}, ["Page"]),
        ({"colour": "red"}, ["“colour” is not a filter of this page."]),
    ],
)
def test_bad_filter_values_get_the_page_with_a_message_naming_them(
    client, demo_record, params, named
):
    response = client.get("/decisions/", params)
    assert response.status_code == 200
    page = text_of(response)
    assert "Some filters were not understood and are ignored" in page
    for words in named:
        assert words in page


def test_a_page_past_the_end_shows_the_last_page(client, demo_record):
    response = client.get("/decisions/", {"page": 9999})
    assert response.context["page_obj"].number == response.context["page_obj"].paginator.num_pages
    assert "Some filters were not understood" not in text_of(response)


PARAMETERS = ["q", "year_from", "year_to", "meeting", "outcome", "topic", "working_body",
              "participant", "stance", "by", "sort", "page"]  # fmt: skip


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    params=st.dictionaries(
        st.sampled_from(PARAMETERS), st.text(max_size=60) | st.integers().map(str), max_size=6
    ),
    url=st.sampled_from(["/decisions/", "/search/", "/statements/", "/participants/"]),
)
def test_no_query_string_produces_a_server_error(client, demo_record, params, url):
    assert client.get(url, params).status_code < 500


def test_the_fallback_reads_words_and_exclusions():
    assert fallback_terms('"enhanced vigilance" -Russia or CAR') == (
        ["enhanced", "vigilance", "CAR"],
        ["Russia"],
    )
    assert clean_query("  a\x00b   c " + "d" * 600)[:5] == "a b c"
    assert len(clean_query("d" * 600)) == 500
