"""The slug pre-filled in the browser as the editor types, year first
(static/admin/plenaries/slug.js), and never over one the editor typed or one already saved."""

import pytest
from playwright.sync_api import expect

from plenaries.models import Decision
from plenaries.roles import EDITORS
from tests.browser.test_editorial import choose
from tests.factories import make_decision, make_meeting

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_slug_follows_the_title_and_the_year_until_the_editor_types_one(
    open_session, live_server, screenshot
):
    make_meeting(year=2030, city="Poseidonia", publication_status="published")
    page = open_session("editor-1", EDITORS)

    page.goto(f"{live_server.url}/admin/plenaries/decision/add/")
    expect(page.locator("#id_decided_on_precision")).to_have_count(0)  # the date says it all
    page.locator("#id_title").press_sequentially("Admission of Lemuria")
    expect(page.locator("#id_slug")).to_have_value("admission-of-lemuria")
    choose(page, "id_meeting", "Poseidonia")
    expect(page.locator("#id_slug")).to_have_value("2030-admission-of-lemuria")

    page.locator("#id_slug").fill("lemuria-admitted")
    page.locator("#id_title").press_sequentially(" as a participant")
    expect(page.locator("#id_slug")).to_have_value("lemuria-admitted")

    page.goto(f"{live_server.url}/admin/plenaries/statement/add/")
    page.locator("#id_title").press_sequentially("Statement on the review mission")
    page.locator("#id_issued_on").press_sequentially("2023-11")
    expect(page.locator("#id_slug")).to_have_value("2023-statement-on-the-review-mission")
    screenshot(page, "admin-statement-slug-and-date")


def test_a_saved_slug_is_left_alone(open_session, live_server):
    decision = make_decision(title="Admission of Lemuria", slug="kept-as-saved")
    page = open_session("editor-1", EDITORS)
    page.goto(f"{live_server.url}/admin/plenaries/decision/{decision.pk}/change/")
    page.locator("#id_title").press_sequentially(", revised")
    page.check("#id_written_procedure")
    page.locator("#id_decided_on").press_sequentially("2013-05")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    decision = Decision.objects.get(pk=decision.pk)
    assert (decision.slug, str(decision.decided)) == ("kept-as-saved", "May 2013")
    expect(page.locator("#id_decided_on")).to_have_value("2013-05")
