"""The working bodies' pages: every body the sources name, each with its published decisions and
the published statements about it, linked from decision and statement pages."""

import pytest

from plenaries.models import Decision, PublicationStatus, Statement, WorkingBody
from tests.factories import make_decision, make_statement
from tests.test_views import text_of

pytestmark = pytest.mark.django_db

AHCRR = "/working-bodies/ad-hoc-committee-on-review-and-reform/"
US_STATEMENT = "2024-us-statement-on-the-dubai-plenary"


def test_the_list_names_every_working_body_with_its_kind(client, demo_record):
    page = text_of(client.get("/working-bodies/"))
    for body in WorkingBody.objects.all():
        assert f"{body} {body.get_kind_display()}" in page
    assert WorkingBody.objects.count() == 8


def test_a_working_body_lists_its_decisions_and_the_statements_about_it(client, demo_record):
    page = text_of(client.get(AHCRR))
    assert "Ad Hoc Committee on Review and Reform" in page and "Abbreviation AHCRR" in page
    decisions = page.split("Decisions", 1)[1].split("Statements about it", 1)[0]
    assert "Establishment of the Ad Hoc Committee on Review and Reform Adopted" in decisions
    statements = page.split("Statements about it", 1)[1]
    assert "United States statement on the 2024 Kimberley Process Plenary in Dubai" in statements


def test_a_working_body_lists_only_published_records(client, demo_record):
    body = WorkingBody.objects.get(abbreviation="AHCRR")
    make_decision(title="Zqdraftbodydecision", working_body=body)
    make_statement(title="Zqdraftbodystatement").working_bodies.add(body)
    Statement.objects.filter(slug=US_STATEMENT).update(publication_status=PublicationStatus.DRAFT)
    page = client.get(AHCRR).content.decode()
    assert "Zqdraft" not in page
    assert US_STATEMENT not in page
    assert "No statement about this working body is recorded yet." in page
    assert "Establishment of the Ad Hoc Committee" in page


def test_a_working_body_links_to_its_decisions_filtered(client, demo_record):
    page = client.get("/working-bodies/working-group-on-monitoring/").content.decode()
    assert 'href="/decisions/?working_body=working-group-on-monitoring"' in page
    listed = client.get("/decisions/", {"working_body": "working-group-on-monitoring"})
    assert [decision.slug for decision in listed.context["decisions"]] == ["2013-car-suspension"]


def test_a_body_without_records_says_so(client, demo_record):
    page = text_of(client.get("/working-bodies/working-group-of-diamond-experts/"))
    assert "No decision of this working body is recorded yet." in page
    assert "No statement about this working body is recorded yet." in page
    assert "2016 Final Communiqué, Plenary Session, Dubai" in page  # its sources


def test_a_decision_page_links_its_working_body(client, demo_record):
    decision = Decision.objects.get(slug="2013-car-suspension")
    page = client.get(decision.get_absolute_url()).content.decode()
    assert 'href="/working-bodies/working-group-on-monitoring/"' in page
    assert "Working body Working Group on Monitoring (WGM)" in text_of(
        client.get(decision.get_absolute_url())
    )


@pytest.mark.parametrize("language", ["", "/fr"])
def test_a_statement_page_lists_the_working_bodies_it_is_about(client, demo_record, language):
    response = client.get(f"{language}/statements/{US_STATEMENT}/")
    assert f'href="{language}{AHCRR}"' in response.content.decode()
    label = "Organes de travail" if language else "Working bodies"
    assert f"{label} Ad Hoc Committee on Review and Reform (AHCRR)" in text_of(response)


def test_the_sitemap_lists_each_working_body_in_both_languages(client, demo_record):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"<loc>http://testserver{AHCRR}</loc>" in sitemap
    assert f"<loc>http://testserver/fr{AHCRR}</loc>" in sitemap
    assert "<loc>http://testserver/working-bodies/</loc>" in sitemap
