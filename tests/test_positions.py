"""Positions on the public pages: every piece of evidence, the weaker attribution marked, the
unnamed beside the named, notes as paraphrase; and the sources of the communiqué flag and of
status periods."""

import re

import pytest

from plenaries.models import Meeting, Participant, Position, PublicationStatus, Statement
from tests.factories import make_decision, make_position, make_source, make_statement
from tests.test_views import text_of

pytestmark = pytest.mark.django_db

PUBLISHED = PublicationStatus.PUBLISHED
EXAMINATION = "/decisions/2024-examination-of-russias-diamond-production/"
US_STATEMENT = "/statements/2024-us-statement-on-the-dubai-plenary/"
INFERRED = "(inferred from a group the source names)"

# Every page that shows positions, with the note of one position it shows.
PAGES_WITH_NOTES = {
    "decision": (EXAMINATION, "Russia objected to Ukraine's request"),
    "meeting": ("/meetings/2024-dubai/", "Russia objected to Ukraine's request"),
    "blocked": ("/blocked/", "Russia objected to Ukraine's request"),
    "participant": ("/participants/russian-federation/", "Russia objected to Ukraine's request"),
    "statement": (US_STATEMENT, "Russia objected to Ukraine's request"),
    "participant-inferred": ("/participants/world-diamond-council/", "industry advocated"),
}
QUOTATION_MARKS = "\"'“”‘’«»„"


def published_record():
    """A published decision whose position cites two published statements and a source."""
    decision = make_decision(
        title="Admission of Atlantis", publication_status=PUBLISHED, sources=[make_source()]
    )
    lemuria = Participant.objects.create(
        name="Lemuria", slug="lemuria", publication_status=PUBLISHED
    )
    first, second = (
        make_statement(title=title, issuer=lemuria, publication_status=PUBLISHED)
        for title in ("Lemuria's first word", "Lemuria's second word")
    )
    report = make_source(title="Report on the admission", publisher="The Atlantic Post")
    position = make_position(
        decision, lemuria, statements=[first, second], sources=[report], note="It said yes."
    )
    return decision, position


class TestEvidence:
    def test_a_decision_page_shows_both_statements_and_the_source_of_a_position(
        self, client, demo_record
    ):
        decision, position = published_record()
        page = text_of(client.get(decision.get_absolute_url()))
        assert (
            "Lemuria Supported It said yes. Lemuria's first word Lemuria's second word "
            "Report on the admission, The Atlantic Post"
        ) in page

    @pytest.mark.parametrize("page", ["decision", "participant", "statement"])
    def test_every_page_of_the_position_shows_all_its_evidence(self, client, demo_record, page):
        decision, position = published_record()
        first = position.statements.get(title="Lemuria's first word")
        address = {
            "decision": decision.get_absolute_url(),
            "participant": position.participant.get_absolute_url(),
            "statement": first.get_absolute_url(),
        }[page]
        html = client.get(address).content.decode()
        for statement in position.statements.all():
            if statement != first or page != "statement":
                assert f'href="{statement.get_absolute_url()}"' in html, statement
        assert 'href="https://example.org/' in html
        assert "Report on the admission" in html
        if page == "statement":  # the page's own statement is named, not linked
            assert "this statement" in text_of(client.get(address))

    def test_a_draft_statement_cited_as_evidence_never_shows(self, client, demo_record):
        decision, position = published_record()
        draft = make_statement(title="Zqdraftevidence", issuer=position.participant)
        position.statements.add(draft)
        published = position.statements.filter(publication_status=PUBLISHED)
        addresses = [
            decision.get_absolute_url(),
            position.participant.get_absolute_url(),
            *(statement.get_absolute_url() for statement in published),
        ]
        for address in addresses:
            response = client.get(address)
            assert "Supported It said yes." in text_of(response), address
            page = response.content.decode()
            assert "Zqdraftevidence" not in page and draft.slug not in page, address

    def test_a_position_whose_statements_are_drafts_says_so(self, client, demo_record):
        decision = make_decision(publication_status=PUBLISHED)
        atlantis = Participant.objects.create(
            name="Atlantis", slug="atlantis", publication_status=PUBLISHED
        )
        make_position(decision, atlantis, statements=[make_statement(title="Zqdraftonly")])
        page = text_of(client.get(decision.get_absolute_url()))
        assert "Atlantis Supported A statement not yet published" in page
        assert "Zqdraftonly" not in page


class TestAttribution:
    def test_an_inferred_stance_is_marked_in_words_and_styled_weaker(self, client, demo_record):
        response = client.get("/decisions/2024-car-export-restrictions-lifted/")
        page = text_of(response)
        assert f"Civil Society Coalition {INFERRED} Supported" in page
        assert f"World Diamond Council {INFERRED} Supported" in page
        rows = re.findall(r'<tr class="position-(\w+)">', response.content.decode())
        assert rows == ["inferred", "inferred"]

    def test_the_participant_page_marks_its_inferred_stance(self, client, demo_record):
        page = text_of(client.get("/participants/world-diamond-council/"))
        assert f"Supported {INFERRED}" in page
        assert "Temporary suspension of the Central African Republic Supported The World" in page

    def test_a_named_stance_carries_no_mark(self, client, demo_record):
        page = text_of(client.get(EXAMINATION))
        assert "inferred" not in page

    def test_the_mark_is_in_french_on_french_pages(self, client, demo_record):
        page = text_of(client.get("/fr/decisions/2024-car-export-restrictions-lifted/"))
        assert "World Diamond Council (déduit d’un groupe que la source nomme)" in page

    def test_unnamed_others_stand_beside_the_named_with_their_stance(self, client, demo_record):
        response = client.get(EXAMINATION)
        page = text_of(response)
        rows = [
            "Ukraine Proposed",
            "United States of America Supported",
            "“ several countries ” (not named by the source) Supported",
            "Russian Federation Objected",
            "“ a few other participants ” (not named by the source) Objected",
        ]
        order = [page.index(row) for row in rows]
        assert order == sorted(order)
        classes = re.findall(r'<tr class="position-(\w+)">', response.content.decode())
        assert classes == ["named", "named", "unnamed", "named", "unnamed"]

    def test_the_blocked_page_lists_every_objector_named_or_not(self, client, demo_record):
        page = text_of(client.get("/blocked/"))
        assert (
            "Objected: Russian Federation, “ a few other participants ” (not named by the source)"
            in page
        )
        assert "Objected: Belarus, Russian Federation" in page
        assert "Objected: No source here says who objected." in page  # 2021 definition

    def test_unnamed_others_are_in_french_quotation_marks_on_french_pages(
        self, client, demo_record
    ):
        page = text_of(client.get(f"/fr{EXAMINATION}"))
        assert "« a few other participants » (non nommés par la source)" in page


class TestNotes:
    @pytest.mark.parametrize("language", ["", "/fr"])
    @pytest.mark.parametrize("page", sorted(PAGES_WITH_NOTES))
    def test_no_note_is_put_in_quotation_marks(self, client, demo_record, page, language):
        address, sample = PAGES_WITH_NOTES[page]
        text = text_of(client.get(f"{language}{address}"))
        assert sample in text
        notes = [note for note in Position.objects.values_list("note", flat=True) if note]
        shown = [note for note in notes if note in text]
        assert shown
        for note in shown:
            before, after = text.split(note, 1)[0].rstrip(" ("), text.split(note, 1)[1]
            assert before[-1:] not in QUOTATION_MARKS, (page, note)
            assert after.lstrip(" )")[:1] not in QUOTATION_MARKS, (page, note)

    def test_a_note_that_holds_quotation_marks_is_shown_as_written(self, client, demo_record):
        decision, position = published_record()
        Position.objects.filter(pk=position.pk).update(note="It said the word “yes”.")
        page = client.get(decision.get_absolute_url()).content.decode()
        assert "It said the word “yes”.</span>" in page
        assert "“It said" not in page

    def test_quotations_stay_word_for_word_in_a_blockquote(self, client, demo_record):
        page = client.get(US_STATEMENT).content.decode()
        statement = Statement.objects.get(slug="2024-us-statement-on-the-dubai-plenary")
        for quotation in statement.quotations.all():
            text = quotation.text.replace("'", "&#x27;")
            assert re.search(rf"<blockquote[^>]*>\s*<p>{re.escape(text)}</p>", page), text


class TestStatementPage:
    def test_lists_the_positions_it_reports_by_decision(self, client, demo_record):
        page = text_of(client.get(US_STATEMENT))
        reported = page.split("Positions it reports", 1)[1]
        headings = [
            "Examination of Russia's diamond production role in funding its war against Ukraine "
            "2024 Dubai plenary",
            "Lifting of the export restrictions on rough diamonds from the Central African "
            "Republic 2024 Dubai plenary",
            "Public communiqué acknowledging Ukraine's request 2024 Dubai plenary",
            "Public communiqué acknowledging Ukraine's request 2023 Victoria Falls plenary",
        ]
        order = [reported.index(heading) for heading in headings]
        assert order == sorted(order)
        assert "Civil Society Coalition (inferred from a group the source names) Supported" in (
            reported
        )
        assert "“ a few other participants ” (not named by the source) Objected" in reported
        assert "this statement" in reported


class TestFlagsAndPeriods:
    def test_the_communique_flag_shows_its_source(self, client, demo_record):
        page = text_of(client.get("/meetings/2022-gaborone/"))
        assert (
            "Communiqué issued Yes (according to News report USA congratulates Botswana for "
            "hosting Kimberley Process Secretariat)"
        ) in page

    def test_an_unknown_communique_flag_cites_nothing(self, client, demo_record):
        page = text_of(client.get("/meetings/2024-dubai/"))
        assert "Communiqué issued Unknown" in page
        assert "according to" not in page

    def test_a_meeting_without_a_communique_is_listed_with_the_source_that_says_so(
        self, client, demo_record
    ):
        meeting = Meeting.objects.get(slug="2023-victoria-falls")
        meeting.communique_issued = False
        meeting.save()
        meeting.communique_sources.set([make_source(title="The chair's closing statement")])
        page = text_of(client.get("/blocked/"))
        assert "2023 Victoria Falls plenary (according to The chair's closing statement)" in page

    def test_each_status_period_shows_its_sources(self, client, demo_record):
        page = text_of(client.get("/participants/central-african-republic/"))
        assert (
            # The strongest first, each with its kind in words (Source.strongest_first()).
            "Sources: Official KP document Participants et observateurs; News report Central "
            "African Republic suspended from world diamond body; News report KP suspends exports "
            "from Central African Republic; News report Kimberley Process temporarily suspends "
            "Central African Republic"
        ) in page
