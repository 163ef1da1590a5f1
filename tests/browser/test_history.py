"""A record's history, read in a real browser."""

import pytest
from playwright.sync_api import expect

from plenaries.roles import EDITORS
from tests.factories import make_decision, make_participant, make_position, make_source

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = (
    "The Plenary noted the report of the review mission to Atlantis and asked the Working Group "
    "on Monitoring to follow up on its recommendations on internal controls in the alluvial "
    "mining areas, reporting to the next intersessional meeting."
)
AFTER = BEFORE.replace("noted the report", "welcomed the final report").replace(
    "next intersessional", "next plenary"
)


def test_a_decision_s_history_shows_one_row_for_a_save_with_whole_texts(
    open_session, live_server, screenshot
):
    source = make_source(title="Final communiqué of the Atlantis plenary")
    decision = make_decision(title="Review mission to Atlantis", summary=BEFORE, sources=[source])
    make_position(decision, make_participant(name="Atlantis"), note="Atlantis welcomed it.")

    editor = open_session("editor-1", EDITORS)
    editor.goto(f"{live_server.url}/admin/plenaries/decision/{decision.pk}/change/")
    editor.fill("#id_summary", AFTER)
    editor.fill("#id_positions-0-note", "Atlantis welcomed it and offered to host the visit.")
    editor.click("input[name=_save]")
    expect(editor.locator(".messagelist")).to_contain_text("was changed successfully")

    editor.goto(f"{live_server.url}/admin/plenaries/decision/{decision.pk}/history/")
    latest = editor.locator("#change-history tbody tr").first
    expect(latest.locator(".history-old")).to_have_text(BEFORE)
    expect(latest.locator(".history-new")).to_have_text(AFTER)
    expect(latest.locator(".history-new ins").first).to_have_text("welcomed")
    expect(latest.locator(".history-inlines")).to_have_text(
        "Changed note for position “Atlantis supported Review mission to Atlantis”."
    )
    expect(editor.locator("#change-history tbody tr")).to_have_count(3)  # created, linked, edited
    screenshot(editor, "admin-decision-history")
