"""Entering what one statement says, as an editor does, in as few page loads as the admin allows.

The statement: a government's press statement on a plenary, with a new source and one verbatim
quotation. What it says: an item was blocked, proposed by one participant (named), supported by
another that the statement only names as part of a group (inferred), and objected to by "a few
other participants" it does not name. The editor records it all and publishes it; the public
pages then show each fact with its evidence.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from playwright.sync_api import expect

from plenaries.models import Decision, Position, Statement
from plenaries.roles import PUBLISHERS, ensure_roles
from tests.browser.test_editorial import choose
from tests.factories import PASSWORD, make_meeting, make_participant, make_user

pytestmark = pytest.mark.django_db(transaction=True)

# The most page loads, popups included, that entering the statement below may take.
MAX_PAGE_LOADS = 12
QUOTATION = "We regret that the plenary could not examine this question."
PARAPHRASE = "Atlantis asked the plenary to examine the trade in rough diamonds from Mu."


def test_an_editor_enters_a_statement_and_a_blocked_decision_in_few_page_loads(
    browser, live_server, screenshot
):
    ensure_roles(Group, Permission)  # a transactional test empties the tables it leaves
    make_user("editor", PUBLISHERS)
    meeting = make_meeting(year=2030, city="Poseidonia", publication_status="published")
    for name in ("Atlantis", "Lemuria", "Mu"):
        make_participant(name=name, publication_status="published")

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    loads = []

    def count_page_load(response):
        """Every page a window of this session shows, popups included; a redirect is not one."""
        if response.request.resource_type == "document" and not 300 <= response.status < 400:
            loads.append(response.url)

    context.on("response", count_page_load)
    page = context.new_page()
    page.set_default_timeout(15_000)

    # Signing in on the way to the statement form: two loads.
    page.goto(f"{live_server.url}/admin/plenaries/statement/add/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/plenaries/statement/add/")

    # The statement, its new source (a popup: two loads) and one quotation.
    page.locator("#id_title").press_sequentially("Statement of Atlantis on the Poseidonia plenary")
    page.select_option("#id_kind", "press-statement")
    choose(page, "id_issuer", "Atlantis")
    page.fill("#id_issued_on", "2030-11")
    with page.expect_popup() as popup_opened:
        page.click("#add_id_sources")
    popup = popup_opened.value
    popup.fill("#id_title", "Statement of Atlantis (ministry page)")
    popup.fill("#id_url", "https://atlantis.example/statements/poseidonia")
    popup.fill("#id_publisher", "Ministry of Foreign Affairs of Atlantis")
    popup.fill("#id_published_on", "2030-11-20")
    popup.click("input[name=_save]")
    popup.wait_for_event("close")
    expect(page.locator("#id_sources + .select2")).to_contain_text("Ministry of Foreign Affairs")
    page.click("text=Add another Quotation")
    page.fill("#id_quotations-0-text", QUOTATION)
    screenshot(page, "admin-statement-entry")
    page.click("input[name=_publish]")
    expect(page.locator(".messagelist")).to_contain_text("Published")
    statement = Statement.objects.get()
    assert page.url.endswith(f"/admin/plenaries/statement/{statement.pk}/change/")

    # The blocked decision on the existing meeting, with its three positions.
    page.goto(f"{live_server.url}/admin/plenaries/decision/add/")
    page.locator("#id_title").press_sequentially("Examination of the trade from Mu")
    page.select_option("#id_outcome", "blocked")
    choose(page, "id_meeting", "Poseidonia")
    expect(page.locator("#id_slug")).to_have_value("2030-examination-of-the-trade-from-mu")
    choose(page, "id_sources", "ministry page")
    rows = [
        ("Atlantis", None, "named", "proposed", PARAPHRASE),
        ("Lemuria", None, "inferred", "supported", ""),
        (None, "a few other participants", "named", "objected", ""),
    ]
    for row, (participant, others, attribution, stance, note) in enumerate(rows):
        page.click("text=Add another Position")
        prefix = f"id_positions-{row}"
        if participant:
            choose(page, f"{prefix}-participant", participant)
        else:
            page.fill(f"#{prefix}-others", others)
        page.select_option(f"#{prefix}-attribution", attribution)
        page.select_option(f"#{prefix}-stance", stance)
        page.fill(f"#{prefix}-note", note)
        choose(page, f"{prefix}-statements", "Poseidonia plenary")
    screenshot(page, "admin-decision-entry")
    page.click("input[name=_publish]")
    expect(page.locator(".messagelist")).to_contain_text("Published")
    decision = Decision.objects.get(meeting=meeting)
    assert page.url.endswith(f"/admin/plenaries/decision/{decision.pk}/change/")
    admin_loads = len(loads)

    # What readers see.
    page.goto(f"{live_server.url}{decision.get_absolute_url()}")
    positions = page.locator("table.positions")

    def row_of(who):
        return positions.locator("tr").filter(has=page.locator("th", has_text=who))

    atlantis = row_of("Atlantis")
    expect(atlantis).to_contain_text("Proposed")
    expect(atlantis).to_contain_text(statement.title)
    expect(atlantis).to_contain_text(PARAPHRASE)
    expect(atlantis).not_to_contain_text(f"“{PARAPHRASE}")
    expect(atlantis).not_to_contain_text(f'"{PARAPHRASE}')
    expect(row_of("Lemuria")).to_contain_text("inferred")
    expect(row_of("a few other participants")).to_contain_text("Objected")
    screenshot(page, "public-decision-entered")
    page.goto(f"{live_server.url}{statement.get_absolute_url()}")
    expect(page.locator("main")).to_contain_text(QUOTATION)
    expect(page.locator("main")).to_contain_text("Ministry of Foreign Affairs of Atlantis")

    print(f"\nPage loads: {admin_loads} in the admin, {len(loads)} with the public pages:")
    print("\n".join(loads))
    assert admin_loads <= MAX_PAGE_LOADS, loads
    assert decision.is_published and statement.is_published
    assert decision.slug == "2030-examination-of-the-trade-from-mu"
    assert list(statement.quotations.values_list("text", flat=True)) == [QUOTATION]
    assert {
        (p.participant.name if p.participant else p.others, p.attribution, p.stance)
        for p in decision.positions.all()
    } == {
        ("Atlantis", "named", "proposed"),
        ("Lemuria", "inferred", "supported"),
        ("a few other participants", "named", "objected"),
    }
    assert all(
        list(position.statements.all()) == [statement] for position in Position.objects.all()
    )
