import html
import re

import pytest
from django.urls import reverse

from plenaries.models import Chairmanship, Decision, Meeting, Participant, Position
from tests.factories import make_decision, make_meeting, make_participant, make_source

pytestmark = pytest.mark.django_db

# Queries each page may make, whatever the number of rows.
HOME_QUERIES = 2
MEETING_QUERIES = 9
DECISION_QUERIES = 7
PARTICIPANT_QUERIES = 6
STATEMENT_QUERIES = 6


def text_of(response):
    """The page as a reader sees it: tags dropped, white space folded."""
    text = " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())
    return re.sub(r" ([,.;:)])", r"\1", html.unescape(text))


class TestHome:
    def test_lists_the_2024_dubai_plenary(self, client, demo_record):
        response = client.get("/")
        assert response.status_code == 200
        assert 'href="/meetings/2024-dubai/"' in response.content.decode()
        assert "Plenary, Dubai, United Arab Emirates 12–15 November 2024" in text_of(response)

    def test_lists_each_years_chair_and_vice_chair_from_2003_to_2025(self, client, demo_record):
        page = text_of(client.get("/"))
        assert "2003 South Africa Canada" in page
        assert "2019 India Russian Federation" in page
        assert "2025 United Arab Emirates (custodian chair) Thailand" in page
        assert "2020 No chair" in page
        for year in range(2003, 2026):
            assert f" {year} " in page

    def test_hides_draft_meetings(self, client, demo_record):
        Meeting.objects.filter(slug="2024-dubai").update(publication_status="draft")
        assert "/meetings/2024-dubai/" not in client.get("/").content.decode()

    def test_query_count_does_not_grow_with_the_rows(
        self, client, demo_record, django_assert_max_num_queries
    ):
        for number in range(50):
            make_meeting(
                year=2030 + number % 5, slug=f"extra-{number}", publication_status="published"
            )
        with django_assert_max_num_queries(HOME_QUERIES):
            assert client.get("/").status_code == 200


class TestMeetingPage:
    def test_shows_decisions_positions_and_statements(self, client, demo_record):
        response = client.get("/meetings/2024-dubai/")
        page = text_of(response)
        assert (
            "Lifting of the export restrictions on rough diamonds from the Central African Republic"
            in page
        )
        assert "Conditions: Contingent upon enhanced vigilance." in page
        assert "Russian Federation Objected" in page
        assert "Ukraine Proposed" in page
        assert "United States statement on the 2024 Kimberley Process Plenary in Dubai" in page
        assert "Chair United Arab Emirates" in page

    def test_unknown_facts_say_unknown(self, client, demo_record):
        page = text_of(client.get("/meetings/2024-dubai/"))
        assert "Communiqué issued Unknown" in page
        assert "Format Unknown" in page

    def test_a_draft_meeting_is_not_found(self, client, demo_record):
        Meeting.objects.filter(slug="2024-dubai").update(publication_status="draft")
        assert client.get("/meetings/2024-dubai/").status_code == 404

    def test_draft_decisions_stay_off_the_page(self, client, demo_record):
        meeting = Meeting.objects.get(slug="2024-dubai")
        make_decision(meeting=meeting, title="An unpublished draft", sources=[make_source()])
        assert "An unpublished draft" not in text_of(client.get(meeting.get_absolute_url()))

    def test_query_count_does_not_grow_with_the_rows(
        self, client, demo_record, django_assert_max_num_queries
    ):
        meeting = Meeting.objects.get(slug="2024-dubai")
        source = make_source()
        for _ in range(30):
            decision = make_decision(meeting=meeting, sources=[source])
            decision.publish()
            Position.objects.create(
                decision=decision,
                participant=make_participant(publication_status="published"),
                stance="supported",
                source=source,
            )
        with django_assert_max_num_queries(MEETING_QUERIES):
            assert client.get(meeting.get_absolute_url()).status_code == 200


class TestRecordPages:
    def test_the_decision_page_shows_outcome_positions_and_sources(self, client, demo_record):
        decision = Decision.objects.get(slug="2024-examination-of-russias-diamond-production")
        page = text_of(client.get(decision.get_absolute_url()))
        assert "Blocked for lack of consensus" in page
        assert "Russian Federation Objected" in page
        assert "Kurt M. Campbell Deputy Secretary of State | Official Website" in page

    def test_the_participant_page_shows_the_status_timeline(self, client, demo_record):
        car = Participant.objects.get(name="Central African Republic")
        page = text_of(client.get(car.get_absolute_url()))
        assert "Exports restricted from July 2015 to November 2024" in page
        assert "Enhanced vigilance from November 2024" in page

    def test_the_russian_federation_page_lists_its_objections(self, client, demo_record):
        page = text_of(client.get("/participants/russian-federation/"))
        objection = "Objected Examination of Russia's diamond production role in funding its war"
        assert objection in page

    def test_the_statement_page_shows_quotation_figure_and_contact(self, client, demo_record):
        page = text_of(client.get("/statements/2024-us-statement-on-the-dubai-plenary/"))
        assert "The United States calls upon all KP Participants and Observers" in page
        assert "over USD 650,000,000 to Central African Republic, 2021 to 2024" in page
        assert "Press contact EB-Press-Inquiry@state.gov" in page

    @pytest.mark.parametrize(
        ("url", "limit"),
        [
            ("/decisions/2024-car-export-restrictions-lifted/", DECISION_QUERIES),
            ("/participants/central-african-republic/", PARTICIPANT_QUERIES),
            ("/statements/2024-us-statement-on-the-dubai-plenary/", STATEMENT_QUERIES),
        ],
    )
    def test_query_counts_are_pinned(
        self, client, demo_record, django_assert_max_num_queries, url, limit
    ):
        with django_assert_max_num_queries(limit):
            assert client.get(url).status_code == 200

    def test_a_draft_participant_is_not_found(self, client, demo_record):
        Participant.objects.filter(slug="ukraine").update(publication_status="draft")
        assert client.get("/participants/ukraine/").status_code == 404

    def test_an_unknown_slug_is_not_found(self, client, demo_record):
        assert client.get("/decisions/no-such-decision/").status_code == 404


def test_every_url_pattern_answers_with_the_demo_record(client, demo_record):
    """The smoke test: each route of the public site, with a real record where it takes one."""
    slugs = {
        "plenaries:home": {},
        "plenaries:meeting-detail": {"slug": Meeting.objects.first().slug},
        "plenaries:decision-detail": {"slug": Decision.objects.first().slug},
        "plenaries:participant-detail": {"slug": Participant.objects.first().slug},
        "plenaries:statement-detail": {"slug": "2024-us-statement-on-the-dubai-plenary"},
    }
    from plenaries.urls import urlpatterns

    assert {f"plenaries:{pattern.name}" for pattern in urlpatterns} == set(slugs)
    for name, kwargs in slugs.items():
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 200, name


def test_the_admin_lists_every_model(admin_client, demo_record):
    from django.contrib import admin

    from plenaries import models

    for model in (getattr(models, name) for name in models.__all__ if name != "PublicationStatus"):
        assert admin.site.is_registered(model), model
        url = reverse(f"admin:plenaries_{model._meta.model_name}_changelist")
        assert admin_client.get(url).status_code == 200, url
    assert Chairmanship.objects.count() == 23
