import html
import re

import pytest
from django.urls import reverse
from django.utils import translation

from plenaries.models import (
    Decision,
    Meeting,
    Participant,
    PublicationStatus,
    Source,
)
from tests.routes import FILE_ROUTES, record_page_names, served_model, url_names

pytestmark = pytest.mark.django_db

PUBLISHED = PublicationStatus.PUBLISHED


def text_of(response):
    """The page as a reader sees it: tags dropped, white space folded, entities decoded."""
    text = " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())
    return re.sub(r" ([,.;:)])", r"\1", html.unescape(text))


def demo_arguments(name, pattern):
    """A real record's slug for each pattern that takes one (a source's number in the API), and
    a file route's example."""
    if name in FILE_ROUTES:
        return FILE_ROUTES[name]
    if "pk" in pattern.pattern.regex.groupindex:
        return {"pk": Source.objects.published().order_by("pk").first().pk}
    if "slug" not in pattern.pattern.regex.groupindex:
        return {}
    slugs = {
        "meeting": "2024-dubai",
        "decision": "2024-examination-of-russias-diamond-production",
        "participant": "russian-federation",
        "statement": "2024-us-statement-on-the-dubai-plenary",
        "topic": "central-african-republic",
        "working-body": "ad-hoc-committee-on-review-and-reform",
    }
    return {
        "slug": next(slug for key, slug in slugs.items() if name.split(":")[-1].startswith(key))
    }


# What each kind of address answers with, by its content type.
CONTENT_TYPES = {
    "api:schema": "application/vnd.oai.openapi",
    "api:docs": "text/html",  # the API's documentation, in English only as the API is
    "api:": "application/json",
    "feed": "application/atom+xml",
    "csv": "text/csv",  # a list's rows, every page of them
    "download": "application/json",  # the latest download's JSON file
    "meetings-calendar": "text/calendar",
    "sitemap": "application/xml",
    "robots": "text/plain",
}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_url_answers_in_both_languages(client, demo_record, downloads, language):
    """The smoke test: every named route of the site, with a real record where it takes one,
    answers in the asked language with what the route is for."""
    names = dict(url_names())
    assert len(names) >= 20
    for name, pattern in names.items():
        if name in {"set_language"}:
            continue
        kwargs = demo_arguments(name, pattern)
        with translation.override(language):
            url = reverse(name, kwargs=kwargs)
        response = client.get(url, follow=name in FILE_ROUTES)
        assert response.status_code == 200, (url, response.status_code)
        if name in FILE_ROUTES:  # its example redirects, once, to the file it names
            assert [status for _address, status in response.redirect_chain] == [302], url
        kind = next((key for key in CONTENT_TYPES if key in name), None)
        if kind:
            assert response["Content-Type"].startswith(CONTENT_TYPES[kind]), url
            continue
        page = response.content.decode()
        assert f'<html lang="{language}">' in page, url
        if kwargs:  # a record's page names the record
            record = response.context["object"]
            named = getattr(record, "title", None) or getattr(record, "name", None) or record.city
            assert html.escape(named) in page, url


def test_the_french_interface_keeps_the_records_in_their_language(client, demo_record):
    page = text_of(client.get("/fr/meetings/2024-dubai/"))
    assert "Bloquée faute de consensus" in page
    assert "Vice-présidence Thaïlande" not in page  # names stay as the sources give them
    assert "Thailand" in page
    assert "Examination of Russia's diamond production role" in page


class TestHome:
    def test_shows_the_latest_meeting_what_it_decided_and_counts(self, client, demo_record):
        page = text_of(client.get("/"))
        assert "Latest meeting: 2024 Dubai plenary" in page
        assert "Lifting of the export restrictions on rough diamonds" in page
        assert "26 decisions" in page and "14 meetings" in page
        latest = Decision.objects.latest("updated_at").updated_at
        assert f"Record last updated {latest.day} {latest:%B %Y}." in page

    def test_lists_each_years_chair_and_vice_chair_from_2003_to_2025(self, client, demo_record):
        page = text_of(client.get("/"))
        assert "2003 South Africa Canada" in page
        assert "2025 United Arab Emirates (custodian chair) Thailand" in page
        assert "2020 No chair" in page
        assert "Plenary, Dubai, United Arab Emirates 12–15 November 2024" in page

    @pytest.mark.parametrize("url", ["/", "/meetings/"])
    def test_a_years_meetings_of_unknown_dates_come_after_the_dated_ones(
        self, client, demo_record, url
    ):
        """2024: the Dubai plenary (12–15 November) and two meetings no source dates. PostgreSQL
        and SQLite put unknown dates at opposite ends unless told: both must give this order."""
        page = client.get(url).content.decode()
        order = [
            page.index(f'href="/meetings/{slug}/"')
            for slug in ("2024-dubai", "2024-dubai-intersessional", "2024-dubai-special-session")
        ]
        assert order == sorted(order)

    def test_the_latest_meeting_is_the_last_one_dated(self, client, demo_record):
        """A meeting of unknown dates is not taken as the year's latest, on either database."""
        Meeting.objects.filter(slug="2024-dubai").update(starts_on=None, ends_on=None)
        Meeting.objects.filter(slug="2024-dubai-intersessional").update(
            starts_on="2024-03-25", ends_on="2024-03-28"
        )
        assert "Latest meeting: 2024 Dubai intersessional" in text_of(client.get("/"))

    def test_hides_draft_meetings(self, client, demo_record):
        Meeting.objects.filter(slug="2024-dubai").update(publication_status="draft")
        assert "/meetings/2024-dubai/" not in client.get("/").content.decode()


class TestPages:
    def test_the_meeting_page_groups_decisions_by_outcome(self, client, demo_record):
        page = text_of(client.get("/meetings/2024-dubai/"))
        assert page.index("Adopted (1)") < page.index("Blocked for lack of consensus (2)")
        assert "Conditions: Contingent upon enhanced vigilance." in page
        assert "Russian Federation Objected" in page
        assert "Communiqué issued Unknown" in page
        assert "Chair United Arab Emirates" in page

    def test_the_meeting_page_describes_an_event_for_machines(self, client, demo_record):
        html_text = client.get("/meetings/2024-dubai/").content.decode()
        assert '"@type": "Event"' in html_text
        assert '"startDate": "2024-11-12"' in html_text
        assert '<link rel="canonical" href="http://testserver/meetings/2024-dubai/">' in html_text
        assert (
            '<meta property="og:title" content="Kimberley Process 2024 Dubai plenary">' in html_text
        )

    def test_the_russian_federation_lists_its_objection_to_ukraines_request(
        self, client, demo_record
    ):
        page = text_of(client.get("/participants/russian-federation/"))
        objection = "Examination of Russia's diamond production role in funding its war against"
        assert f"{objection} Ukraine Objected" in page

    def test_the_car_timeline_shows_the_restrictions_lifted_with_enhanced_vigilance(
        self, client, demo_record
    ):
        page = text_of(client.get("/participants/central-african-republic/"))
        assert "Exports restricted from July 2015 to November 2024" in page
        assert (
            "Enhanced vigilance from November 2024 to this day Set by Lifting of the export "
            "restrictions on rough diamonds from the Central African Republic"
        ) in page

    def test_the_chairs_page_shows_2020_without_a_chair(self, client, demo_record):
        page = text_of(client.get("/chairs/"))
        assert "2020 No chair None The chairmanship of the Russian Federation was postponed" in page
        assert "2021 Russian Federation Botswana" in page

    def test_the_blocked_page_names_who_objected(self, client, demo_record):
        page = text_of(client.get("/blocked/"))
        assert "Examination of Russia's diamond production role" in page
        assert "Objected: Russian Federation" in page
        assert "Lifting of the export restrictions" not in page

    def test_a_decision_page_shows_what_it_lifts_and_cites_itself(self, client, demo_record):
        page = text_of(client.get("/decisions/2024-car-export-restrictions-lifted/"))
        assert "Lifts Administrative Decision on the resumption of exports" in page
        assert "Cite this" in page and "@misc{kptracker-decision-2024-car-export" in page

    @pytest.mark.parametrize(
        ("slug", "relation", "other"),
        [
            ("2024-communique-on-ukraines-request", "The same item earlier", "2023-victoria-falls"),
            ("2023-communique-on-ukraines-request", "The same item later", "2024-dubai"),
        ],
    )
    def test_the_same_item_in_two_years_links_each_to_the_other(
        self, client, demo_record, slug, relation, other
    ):
        """ "For two consecutive years" (seed): each year's communiqué request links the other."""
        page = client.get(f"/decisions/{slug}/").content.decode()
        section = page[page.index(f"{relation}</") :]
        other_decision = Decision.objects.get(
            meeting__slug=other, title="Public communiqué acknowledging Ukraine's request"
        )
        assert f'href="{other_decision.get_absolute_url()}"' in section[:600]
        assert f"({other_decision.meeting})" in section[:600]  # which year's, at a glance

    def test_the_statement_page_shows_quotation_figure_and_contact(self, client, demo_record):
        page = text_of(client.get("/statements/2024-us-statement-on-the-dubai-plenary/"))
        assert "The United States calls upon all KP Participants and Observers" in page
        assert "over USD 650,000,000 to Central African Republic, 2021 to 2024" in page
        assert "Press contact EB-Press-Inquiry@state.gov" in page

    def test_lists_filter_and_report_values_they_do_not_understand(self, client, demo_record):
        response = client.get(
            "/decisions/", {"outcome": "blocked", "year_from": "abc", "meeting": "x"}
        )
        page = text_of(response)
        assert response.status_code == 200
        assert "Some filters were not understood and are ignored" in page
        assert "5 decisions" in page
        participants = text_of(client.get("/participants/", {"status": "enhanced-vigilance"}))
        assert "Central African Republic" in participants and "Botswana" not in participants

    @pytest.mark.parametrize("page", ["abc", "-1", "0", "99999", "1.5"])
    def test_any_page_number_gives_a_page(self, client, demo_record, page):
        assert client.get("/decisions/", {"page": page}).status_code == 200

    def test_drafts_are_not_found(self, client, demo_record):
        Participant.objects.filter(slug="ukraine").update(publication_status="draft")
        assert client.get("/participants/ukraine/").status_code == 404

    def test_a_missing_page_is_in_the_sites_design(self, client, demo_record):
        response = client.get("/decisions/no-such-decision/")
        assert response.status_code == 404
        assert "Page not found" in text_of(response) and "KP Tracker" in text_of(response)

    @pytest.mark.parametrize(
        "name",
        record_page_names(),
    )
    def test_a_renamed_record_redirects_permanently(self, client, demo_record, name):
        model = served_model(dict(url_names())[name])
        record = model.objects.order_by("pk").first()
        old_address = record.get_absolute_url()
        record.slug = f"{record.slug}-renamed"
        record.save()
        response = client.get(old_address)
        assert response.status_code == 301
        assert response["Location"] == record.get_absolute_url()


def test_the_server_error_page_is_in_the_sites_design_without_the_database(client):
    from django.template.loader import render_to_string

    page = render_to_string("500.html")
    assert "Something went wrong on our side" in page
    assert "/static/css/site.css" in page
