"""Drafts never reach the public.

On top of the demo record, one draft of every publishable model, each carrying a marker word of
its own and linked to published records wherever the model allows. Then every public address is
asked for in both languages, derived from the URLconf and the records each route serves: no page,
feed, sitemap, search or download may show a marker, and a draft's own pages are not found."""

import datetime
import io
import zipfile

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse
from django.utils import translation

from plenaries.models import (
    Chairmanship,
    Decision,
    Download,
    Meeting,
    Participant,
    ParticipantName,
    Position,
    PublicationStatus,
    Quotation,
    ReportedFigure,
    SearchWord,
    Source,
    Statement,
    StatusPeriod,
    Topic,
    WorkingBody,
)
from plenaries.models.base import PublishableModel
from plenaries.search import refresh_search_words
from tests.conftest import load_demo_record, module_data
from tests.factories import make_position
from tests.routes import FILE_ROUTES, record_arguments, served_model, url_names

ON_POSTGRESQL = connection.vendor == "postgresql"
PUBLISHED = PublicationStatus.PUBLISHED
LANGUAGES = ["en", "fr"]

# The word each draft carries in its name, title and notes; no published record holds one.
MARKERS = {
    Participant: "Zqdraftparticipant",
    Meeting: "Zqdraftmeeting",
    Decision: "Zqdraftdecision",
    Statement: "Zqdraftstatement",
    Chairmanship: "Zqdraftchairmanship",
}
# The draft participant's other name: a name, not a record, but a draft's all the same.
OTHER_NAME = "Zqdraftothername"
ALL_MARKERS = (*MARKERS.values(), OTHER_NAME)
# Routes that are not pages to read: the language switch only takes a form's POST.
NOT_PAGES = {"set_language"}
# What a searching page lists; each must be empty when the words are a draft's.
FOUND = ("decisions", "statements", "meetings", "participants", "groups")


def publishable_models():
    return [
        model
        for model in apps.get_app_config("plenaries").get_models()
        if issubclass(model, PublishableModel)
    ]


def published(model, **lookup):
    return model.objects.published().get(**lookup)


def build():
    """The demo record, one draft of each publishable model linked to published records wherever
    the model allows, and the word list "did you mean" draws on rebuilt as the daily cron does."""
    load_demo_record()
    source = Source.objects.first()
    russia = published(Participant, slug="russian-federation")
    united_states = published(Participant, slug="united-states-of-america")
    thailand = published(Participant, slug="thailand")
    botswana = published(Participant, slug="botswana")
    dubai = published(Meeting, slug="2024-dubai")
    lifted = published(Decision, slug="2024-car-export-restrictions-lifted")
    objected = published(Decision, slug="2024-examination-of-russias-diamond-production")
    gabon = published(Decision, slug="2018-gabon-admission")
    us_statement = published(Statement, slug="2024-us-statement-on-the-dubai-plenary")

    def publish(record, sources=True):
        if sources:
            record.sources.add(source)
        record.publish()
        return record

    # The draft participant: host, issuer, chair and vice chair, recipient, concerned, objector.
    marker = MARKERS[Participant]
    participant = Participant.objects.create(
        name=f"{marker} Republic",
        short_name=marker,
        slug=marker.lower(),
        kind=Participant.Kind.OTHER,
        note=f"{marker} is a draft.",
    )
    ParticipantName.objects.create(participant=participant, name=OTHER_NAME)
    dubai.host = participant
    dubai.save()
    publish(
        Statement.objects.create(
            issuer=participant,
            title="A statement by a participant not yet published",
            slug="statement-by-a-draft-participant",
            kind=Statement.Kind.PRESS_STATEMENT,
            issued_on=datetime.date(2024, 11, 20),
            meeting=dubai,
        )
    ).topics.set(Topic.objects.all())
    chaired = publish(Chairmanship.objects.create(year=2002, chair=participant))
    publish(Chairmanship.objects.create(year=2001, chair=united_states, vice_chair=participant))
    ReportedFigure.objects.create(
        statement=us_statement, description="Aid", amount=10, currency="USD", recipient=participant
    )
    lifted.participants_concerned.add(participant)
    make_position(
        objected,
        participant,
        stance=Position.Stance.OBJECTED,
        note=f"{marker} objected.",
        sources=[source],
    )

    # The draft meeting: where a published decision was taken and what a statement is about.
    marker = MARKERS[Meeting]
    meeting = Meeting.objects.create(
        year=2026,
        city=marker,
        slug=f"2026-{marker.lower()}",
        starts_on=datetime.date(2026, 11, 2),
        ends_on=datetime.date(2026, 11, 5),
        host=united_states,
        communique_issued=False,
        summary=f"{marker} summary.",
    )
    publish(Meeting.objects.create(year=2026, city="Windhoek", slug="2026-windhoek"), sources=False)
    publish(
        Decision.objects.create(
            title="A decision of a meeting not yet published",
            slug="decision-of-a-draft-meeting",
            outcome=Decision.Outcome.BLOCKED,
            meeting=meeting,
        )
    )
    publish(
        Statement.objects.create(
            issuer=united_states,
            title="A statement about a meeting not yet published",
            slug="statement-about-a-draft-meeting",
            kind=Statement.Kind.COMMUNIQUE,
            meeting=meeting,
        )
    )

    # The draft decision: tagged, concerning, setting a status and a chairmanship, addressed,
    # related to published decisions both ways, with positions of published participants.
    marker = MARKERS[Decision]
    decision = Decision.objects.create(
        title=f"{marker} on admissions",
        slug=marker.lower(),
        identifier=f"KP/2024/{marker}",
        summary=f"{marker} summary.",
        text=f"{marker} text.",
        conditions=f"{marker} conditions.",
        outcome=Decision.Outcome.BLOCKED,
        meeting=dubai,
        working_body=WorkingBody.objects.first(),
    )
    decision.topics.set(Topic.objects.all())
    decision.participants_concerned.add(russia)
    StatusPeriod.objects.create(
        participant=botswana,
        status=StatusPeriod.Status.SUSPENDED,
        starts_on=datetime.date(2005, 1, 1),
        ends_on=datetime.date(2005, 6, 1),
        decision=decision,
    )
    chaired.decision = decision
    chaired.save()
    us_statement.decisions.add(decision)
    for field in Decision._meta.many_to_many:
        if field.related_model is Decision:  # amends, supersedes, lifts
            getattr(decision, field.name).add(gabon)
            getattr(lifted, field.name).add(decision)
    make_position(
        decision,
        russia,
        stance=Position.Stance.OBJECTED,
        note=f"{marker}: Russia objected.",
        sources=[source],
    )
    make_position(
        decision, united_states, stance=Position.Stance.PROPOSED, statements=[us_statement]
    )

    # The draft statement: by a published participant, about a published meeting, addressing
    # published decisions, about every working body, cited for published positions.
    marker = MARKERS[Statement]
    statement = Statement.objects.create(
        issuer=united_states,
        title=f"{marker} on the plenary",
        slug=marker.lower(),
        kind=Statement.Kind.SPEECH,
        speaker=f"{marker} speaker",
        body=f"{marker} body.",
        issued_on=datetime.date(2024, 11, 16),
        meeting=dubai,
        press_contact=f"{marker}@example.org",
    )
    statement.decisions.set([lifted, objected])
    statement.topics.set(Topic.objects.all())
    statement.working_bodies.set(WorkingBody.objects.all())
    Quotation.objects.create(statement=statement, text=f"{marker} quotation.")
    ReportedFigure.objects.create(
        statement=statement, description=f"{marker} figure", amount=5, recipient=russia
    )
    make_position(lifted, botswana, stance=Position.Stance.SUPPORTED, statements=[statement])
    # Cited beside a published statement: the position shows, on that statement's page too.
    make_position(
        lifted, thailand, stance=Position.Stance.SUPPORTED, statements=[statement, us_statement]
    )

    # The draft chairmanship, of a year with a published meeting, a published chair and decision.
    marker = MARKERS[Chairmanship]
    chairmanship = Chairmanship.objects.create(
        year=2026,
        chair=thailand,
        chair_note=f"{marker} chair note",
        vice_chair=botswana,
        vice_chair_note=f"{marker} vice chair note",
        note=f"{marker} note.",
        decision=lifted,
    )

    refresh_search_words()
    return {
        Participant: participant,
        Meeting: meeting,
        Decision: decision,
        Statement: statement,
        Chairmanship: chairmanship,
    }


@pytest.fixture(scope="module")
def drafts_for_module(django_db_setup, django_db_blocker):
    yield from module_data(django_db_blocker, build)


@pytest.fixture
def drafts(drafts_for_module, db):
    """{model: its draft}, built once per module on the demo record."""
    return drafts_for_module


def public_addresses(language, by_slug=True):
    """(address, status expected) for every public route: each record of the model a route
    serves by slug, a draft's not found, and every other route once."""
    addresses = []
    for name, pattern in url_names():
        if name in NOT_PAGES:
            continue
        if name in FILE_ROUTES:
            addresses += file_addresses(name)
            continue
        if not pattern.pattern.regex.groupindex:
            with translation.override(language):
                addresses.append((reverse(name), 200))
            continue
        if not by_slug:
            continue
        model = served_model(pattern)
        assert model is not None, f"{name} takes a record but serves no model this test knows"
        public = set(model.objects.published().values_list("pk", flat=True))
        for record in model.objects.all():
            with translation.override(language):
                address = reverse(name, kwargs=record_arguments(pattern, record))
            addresses.append((address, 200 if record.pk in public else 404))
    return addresses


def file_addresses(name):
    """(address, status expected) of a file route: every file of the latest download and the
    route's example, which redirects to one; before a download is built, the example alone."""
    example = reverse(name, kwargs=FILE_ROUTES[name])
    latest = Download.objects.first()
    if latest is None:
        return [(example, 404)]
    files = [(reverse(name, kwargs={"name": file}), 200) for file in latest.file_names()]
    return [(example, 302), *files]


def text_of(response):
    """What an address gives a reader, as text: a page, a file, or each file of a zip."""
    if not response.streaming:
        return response.content.decode()
    content = b"".join(response.streaming_content)
    if response["Content-Type"] != "application/zip":
        return content.decode()
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return "\n".join(archive.read(member).decode() for member in archive.namelist())


def markers_in(text):
    text = text.lower()
    return [marker for marker in ALL_MARKERS if marker.lower() in text]


def test_every_publishable_model_has_a_marked_draft(drafts):
    models = publishable_models()
    assert len(models) >= 5
    for model in models:
        assert model in drafts, f"build() makes no draft of {model.__name__}: add one"
        assert model in MARKERS, f"{model.__name__} has no marker word"
        draft = model.objects.get(pk=drafts[model].pk)
        assert draft.publication_status == PublicationStatus.DRAFT
        fields = " ".join(str(value) for value in vars(draft).values())
        assert MARKERS[model] in fields, f"the draft {model.__name__} does not carry its marker"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_address_answers_without_a_trace_of_a_draft(
    client, drafts, downloads, language
):
    addresses = public_addresses(language)
    drafts_pages = [address for address, status in addresses if status == 404]
    # The draft participant's, meeting's, decision's and statement's pages and feeds at least.
    assert len(drafts_pages) >= 6, drafts_pages
    problems = []
    for address, status in addresses:
        response = client.get(address)
        if response.status_code != status:
            problems.append(f"{address} answers {response.status_code}, not {status}")
        # A page echoes its own address (canonical link, language form): a draft's slug there is
        # the reader's, not a leak.
        page = text_of(response).replace(address, "")
        if found := markers_in(page):
            problems.append(f"{address} shows {', '.join(found)}")
    assert not problems, "\n".join(problems)


def misspelled(marker):
    """A near miss of `marker`, which "did you mean" would correct to it if it knew the word."""
    return f"{marker[:-1]}x".upper()


@pytest.mark.parametrize("language", LANGUAGES)
def test_searching_for_a_drafts_words_finds_nothing(client, drafts, language):
    """Every page that searches (it has a filter or a query), asked for each marker in capitals
    and for a near miss: nothing is found, nothing suggested, no marker shown."""
    searching = []
    for address, _status in public_addresses(language, by_slug=False):
        context = client.get(address).context
        if context is not None and ("filter" in context or "query" in context):
            searching.append(address)
    assert len(searching) >= 4, searching  # decisions, statements, participants, search
    problems = []
    for address in searching:
        for marker in ALL_MARKERS:
            for query in (marker.upper(), misspelled(marker)):
                response = client.get(address, {"q": query})
                if response.status_code != 200:
                    problems.append(f"{address}?q={query} answers {response.status_code}")
                    continue
                # The page echoes the query; a record's text would be in another case.
                if found := markers_in(response.content.decode().replace(query, "")):
                    problems.append(f"{address}?q={query} shows {', '.join(found)}")
                for name in FOUND:
                    listed = response.context.get(name)
                    if listed:
                        problems.append(f"{address}?q={query} finds {name}: {list(listed)}")
    assert not problems, "\n".join(problems)


def test_did_you_mean_knows_no_word_of_a_draft(drafts):
    words = set(SearchWord.objects.values_list("word", flat=True))
    # PostgreSQL keeps the record's words for "did you mean"; SQLite offers no suggestions.
    assert ("kimberley" in words) is ON_POSTGRESQL
    assert not any(word.startswith("zqdraft") for word in words)


@pytest.mark.parametrize("name", [MARKERS[Participant], OTHER_NAME])
def test_a_draft_participants_names_find_no_published_record_until_it_is_published(drafts, name):
    """The search vectors (PostgreSQL triggers, migration 0011) and the SQLite fallback alike hold
    a participant's names only once it is published."""
    participant = drafts[Participant]
    lifted = Decision.objects.get(slug="2024-car-export-restrictions-lifted")
    by_it = Statement.objects.get(slug="statement-by-a-draft-participant")
    assert participant in lifted.participants_concerned.all() and by_it.issuer == participant
    assert lifted not in Decision.objects.published().search(name)
    assert by_it not in Statement.objects.published().search(name)
    participant.publish()
    assert lifted in Decision.objects.published().search(name)
    assert by_it in Statement.objects.published().search(name)
