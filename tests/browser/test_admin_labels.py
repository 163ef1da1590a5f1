"""Picked records read whole in the admin: a decision's meeting, a statement's issuer and date."""

import datetime

import pytest
from playwright.sync_api import expect

from plenaries.models import Statement
from plenaries.roles import EDITORS
from tests.factories import make_decision, make_meeting, make_participant, make_source

pytestmark = pytest.mark.django_db(transaction=True)

# Whether an element shows less than its text: cut off, or ended with an ellipsis.
CUT = "element => element.scrollWidth > element.clientWidth + 1"


def test_picked_records_show_their_whole_names(open_session, live_server, screenshot):
    issuer = make_participant(name="United States of America", publication_status="published")
    meeting = make_meeting(year=2024, city="Dubai")
    statement = Statement.objects.create(
        title="United States statement on the Kimberley Process plenary in Dubai",
        slug="us-statement-dubai",
        kind=Statement.Kind.PRESS_STATEMENT,
        issuer=issuer,
        issued_on=datetime.date(2024, 12, 10),
        meeting=meeting,
    )
    statement.decisions.set(
        [
            make_decision(title="Admission of the Republic of Lemuria", meeting=meeting),
            make_decision(title="Review of the peer review system", meeting=meeting),
        ]
    )
    statement.sources.set(
        [make_source(title="Statement", publisher="U.S. Department of State", published_on=None)]
    )

    page = open_session("editor-1", EDITORS, width=1280)
    page.goto(f"{live_server.url}/admin/plenaries/statement/{statement.pk}/change/")
    chips = page.locator(".select2-selection__choice")
    expect(chips.first).to_be_visible()
    screenshot(page, "admin-statement-picked-records")
    texts = [text.strip("×").strip() for text in chips.all_inner_texts()]
    assert "Admission of the Republic of Lemuria (2024 Dubai plenary)" in texts
    for chip in [*chips.all(), *page.locator(".select2-selection__rendered").all()]:
        assert not chip.evaluate(CUT), chip.inner_text()
