"""How strong each source is: its kind loaded from the data file, shown as a badge beside it on
every page that lists sources, the strongest listed first, and an archived copy linked."""

import pytest
import yaml
from django.utils import translation

from plenaries.loading import load_record
from plenaries.models import PublicationStatus, Source
from tests.factories import (
    make_decision,
    make_meeting,
    make_participant,
    make_position,
    make_source,
    make_statement,
)

pytestmark = pytest.mark.django_db

PUBLISHED = PublicationStatus.PUBLISHED


def test_the_demo_records_kinds_load(demo_record):
    kinds = dict(Source.objects.values_list("url", "kind"))
    assert kinds["http://www.kimberleyprocess.com/en/chair"] == Source.Kind.KP_DOCUMENT
    assert kinds["https://uaeun.org/statement/uae-unga-kimberley-3apr/"] == Source.Kind.GOVERNMENT
    assert kinds["https://wikimili.com/en/Kimberley_Process_Certification_Scheme"] == (
        Source.Kind.SECONDARY
    )
    assert Source.objects.get(title__startswith="Kurt M. Campbell").kind == Source.Kind.GOVERNMENT
    # Every Kimberley Process page is a KP document, every JCK article a news report.
    assert set(
        Source.objects.filter(publisher="Kimberley Process").values_list("kind", flat=True)
    ) == {Source.Kind.KP_DOCUMENT}
    assert set(Source.objects.filter(publisher="JCK").values_list("kind", flat=True)) == {
        Source.Kind.NEWS
    }
    # Where the publisher does not make the kind plain, it stays unknown.
    assert Source.objects.filter(kind="").exists()
    # The data file holds no archived copies, and none is made up.
    assert not Source.objects.exclude(archived_url="").exists()


def test_the_loader_reads_a_sources_kind_and_archived_copy(tmp_path):
    path = tmp_path / "record.yaml"
    entry = {
        "title": "Final communiqué",
        "url": "https://example.org/communique",
        "kind": "kp_document",
        "archived_url": "https://web.archive.org/web/2024/https://example.org/communique",
    }
    path.write_text(yaml.safe_dump({"sources": {"communique": entry}}), encoding="utf-8")
    load_record(path)
    source = Source.objects.get(url=entry["url"])
    assert source.kind == Source.Kind.KP_DOCUMENT
    assert source.archived_url == entry["archived_url"]


def test_strongest_first_orders_by_kind_then_title_with_the_unknown_last():
    unknown = make_source(title="A of unknown kind")
    news = make_source(title="B news", kind=Source.Kind.NEWS)
    secondary = make_source(title="A blog", kind=Source.Kind.SECONDARY)
    kp = make_source(title="Z communiqué", kind=Source.Kind.KP_DOCUMENT)
    government = make_source(title="Y statement", kind=Source.Kind.GOVERNMENT)
    other_news = make_source(title="A news", kind=Source.Kind.NEWS)
    made = [unknown, news, secondary, kp, government, other_news]
    assert list(Source.objects.filter(pk__in=[s.pk for s in made]).strongest_first()) == [
        kp,
        government,
        other_news,
        news,
        secondary,
        unknown,
    ]


# Each page that lists a record's sources: (name, a function citing `sources` on a new published
# record and returning its page's address).
def meeting_citing(sources):
    meeting = make_meeting(publication_status=PUBLISHED)
    meeting.sources.set(sources)
    return meeting.get_absolute_url()


def decision_citing(sources):
    return make_decision(sources=sources, publication_status=PUBLISHED).get_absolute_url()


def participant_citing(sources):
    participant = make_participant(publication_status=PUBLISHED)
    participant.sources.set(sources)
    return participant.get_absolute_url()


def statement_citing(sources):
    issuer = make_participant(publication_status=PUBLISHED)
    statement = make_statement(sources=sources, issuer=issuer, publication_status=PUBLISHED)
    return statement.get_absolute_url()


PAGES_LISTING_SOURCES = [
    pytest.param(meeting_citing, id="meeting"),
    pytest.param(decision_citing, id="decision"),
    pytest.param(participant_citing, id="participant"),
    pytest.param(statement_citing, id="statement"),
]


@pytest.mark.parametrize("cite", PAGES_LISTING_SOURCES)
def test_a_kp_document_is_listed_before_a_news_report_each_with_its_badge(client, cite):
    # By title alone the news report would come first.
    news = make_source(title="A news report on the plenary", kind=Source.Kind.NEWS)
    kp = make_source(title="Zimbabwe plenary final communiqué", kind=Source.Kind.KP_DOCUMENT)
    page = client.get(cite([news, kp])).content.decode()
    assert page.index(kp.title) < page.index(news.title)
    assert '<span class="badge badge-kp_document">Official KP document</span>' in page
    assert '<span class="badge badge-news">News report</span>' in page
    # The badge stands next to its own source.
    assert page.index("badge-kp_document") < page.index(kp.title) < page.index("badge-news")


@pytest.mark.parametrize("cite", PAGES_LISTING_SOURCES)
def test_an_archived_copy_is_linked_beside_its_source(client, cite):
    archived = "https://web.archive.org/web/2024/https://example.org/communique"
    source = make_source(title="Communiqué", archived_url=archived)
    page = client.get(cite([source])).content.decode()
    assert f'<a href="{archived}" rel="noopener" class="archived-copy">archived copy</a>' in page


def test_a_source_of_unknown_kind_shows_no_badge_and_comes_last(client):
    unknown = make_source(title="An unknown report")
    government = make_source(title="Zambia statement", kind=Source.Kind.GOVERNMENT)
    page = client.get(decision_citing([unknown, government])).content.decode()
    assert page.count('class="badge ') == 1
    assert page.index(government.title) < page.index(unknown.title)


def test_a_positions_evidence_lists_the_strongest_source_first(client):
    decision = make_decision(publication_status=PUBLISHED)
    participant = make_participant(publication_status=PUBLISHED)
    news = make_source(title="A trade blog account", kind=Source.Kind.SECONDARY)
    kp = make_source(title="The chair summary", kind=Source.Kind.KP_DOCUMENT)
    make_position(decision, participant, sources=[news, kp])
    page = client.get(decision.get_absolute_url()).content.decode()
    evidence = page[page.index('class="evidence"') :]
    assert evidence.index(kp.title) < evidence.index(news.title)


def test_the_french_badge_is_translated(client):
    source = make_source(title="Communiqué", kind=Source.Kind.KP_DOCUMENT)
    decision = make_decision(sources=[source], publication_status=PUBLISHED)
    address = f"/fr{decision.get_absolute_url()}"
    with translation.override("fr"):  # and back to English after the French request
        page = client.get(address).content.decode()
    assert '<span class="badge badge-kp_document">Document officiel du PK</span>' in page
