"""The positions on a decision's form, in a real browser at 1280 pixels: each with its evidence, and
a repeated participant refused on its own row."""

import pytest
from playwright.sync_api import expect

from plenaries.roles import EDITORS
from tests.browser.test_editorial import choose
from tests.factories import (
    make_decision,
    make_participant,
    make_position,
    make_source,
    make_statement,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_editor_cites_evidence_and_is_told_of_a_repeated_participant(
    open_session, live_server, screenshot
):
    decision = make_decision(title="Examination of the trade from Mu")
    make_position(
        decision,
        make_participant(name="Atlantis"),
        stance="proposed",
        note="Asked for the examination, in the opening session.",
        sources=[make_source(title="Final communiqué of the Poseidonia plenary")],
    )
    make_participant(name="Russian Federation")
    make_statement(title="Statement of the Russian delegation to the plenary")
    make_statement(title="Statement of the Russian Ministry of Foreign Affairs")
    make_source(title="Report of the Working Group on Monitoring")

    page = open_session("editor-1", EDITORS)
    page.goto(f"{live_server.url}/admin/plenaries/decision/{decision.pk}/change/")
    for row in (1, 2):
        page.click("text=Add another Position")
        choose(page, f"id_positions-{row}-participant", "Russian Federation")
    page.select_option("#id_positions-1-stance", "objected")
    choose(page, "id_positions-1-statements", "Russian delegation")
    choose(page, "id_positions-1-statements", "Russian Ministry")
    choose(page, "id_positions-1-sources", "Working Group on Monitoring")
    page.select_option("#id_positions-2-stance", "objected")
    choose(page, "id_positions-2-sources", "Final communiqué")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "admin-positions-entry")
    page.click("input[name=_continue]")

    repeated = page.locator("#positions-2")
    expect(repeated).to_contain_text(
        "Russian Federation already has a position in row 2: keep one stance per participant "
        "and add this evidence to that row."
    )
    expect(page.locator("#positions-1 .errorlist")).to_have_count(0)
    screenshot(page, "admin-positions-repeated-participant")

    repeated.locator(".inline-deletelink").click()
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    russia = decision.positions.get(participant__name="Russian Federation")
    assert russia.statements.count() == 2 and russia.sources.count() == 1
    screenshot(page, "admin-positions-saved")
