"""What editors and publishers do in the admin, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from plenaries.models import Decision, Meeting
from plenaries.roles import EDITORS, PUBLISHERS
from tests.factories import make_decision, make_participant, make_position, make_source

pytestmark = pytest.mark.django_db(transaction=True)


def choose(page, select_id, text):
    """Pick `text` in an admin autocomplete (select2) field, as a person types and picks."""
    page.locator(f"#{select_id} + .select2 .select2-selection").click()
    # Type once the dropdown's search field is open: keys sent before it has focus are lost.
    page.locator(".select2-container--open .select2-search__field").press_sequentially(text)
    page.locator(".select2-results__option--highlighted", has_text=text).wait_for()
    page.keyboard.press("Enter")


def test_an_editor_drafts_a_decision_and_a_publisher_publishes_it(
    open_session, live_server, screenshot
):
    source = make_source(title="Final communiqué of the Atlantis plenary")
    make_participant(name="Atlantis", publication_status="published")
    make_participant(name="Lemuria", publication_status="published")

    editor = open_session("editor-1", EDITORS)
    editor.goto(f"{live_server.url}/admin/plenaries/meeting/add/")
    editor.fill("#id_year", "2030")
    editor.fill("#id_city", "Poseidonia")
    editor.fill("#id_starts_on", "2030-11-12")
    editor.fill("#id_ends_on", "2030-11-15")
    expect(editor.locator("#id_slug")).to_have_value("2030-poseidonia")
    screenshot(editor, "admin-meeting-add")
    editor.click("input[name=_save]")
    expect(editor.locator(".messagelist")).to_contain_text("was added successfully")

    editor.goto(f"{live_server.url}/admin/plenaries/decision/add/")
    editor.locator("#id_title").press_sequentially("Admission of Lemuria")
    expect(editor.locator("#id_slug")).to_have_value("admission-of-lemuria")
    editor.select_option("#id_outcome", "adopted")
    choose(editor, "id_meeting", "Poseidonia")
    expect(editor.locator("#id_slug")).to_have_value("2030-admission-of-lemuria")
    editor.fill("#id_summary", "Lemuria was **admitted**, proposed by Atlantis.")
    choose(editor, "id_sources", "Final communiqué")
    for row, (name, stance) in enumerate([("Atlantis", "proposed"), ("Lemuria", "supported")]):
        editor.click("text=Add another Position")
        choose(editor, f"id_positions-{row}-participant", name)
        editor.select_option(f"#id_positions-{row}-stance", stance)
        choose(editor, f"id_positions-{row}-sources", "Final communiqué")
    expect(editor.locator("input[name=_publish]")).to_have_count(0)
    screenshot(editor, "admin-decision-add-editor")
    editor.click("input[name=_continue]")
    expect(editor.locator(".messagelist")).to_contain_text("was added successfully")
    expect(editor.locator(".publish-state")).to_have_text("Draft: a Publisher publishes it.")

    decision = Decision.objects.get(slug="2030-admission-of-lemuria")
    assert not decision.is_published
    assert decision.meeting == Meeting.objects.get(slug="2030-poseidonia")
    assert list(decision.sources.all()) == [source]
    assert {(p.participant.name, p.stance) for p in decision.positions.all()} == {
        ("Atlantis", "proposed"),
        ("Lemuria", "supported"),
    }
    public = editor.context.new_page()
    assert public.goto(f"{live_server.url}/decisions/2030-admission-of-lemuria/").status == 404

    publisher = open_session("publisher-1", PUBLISHERS)
    publisher.goto(f"{live_server.url}/admin/plenaries/decision/{decision.pk}/change/")
    publisher.click("input[name=_publish]")
    expect(publisher.locator(".messagelist")).to_contain_text(
        "Published: it is now on the public site."
    )
    screenshot(publisher, "admin-decisions-after-publish")

    response = public.goto(f"{live_server.url}/decisions/2030-admission-of-lemuria/")
    assert response.status == 200
    expect(public.locator("h1")).to_have_text("Admission of Lemuria")
    expect(public.locator(".summary strong")).to_have_text("admitted")
    expect(public.locator("table.positions")).to_contain_text("Atlantis")
    screenshot(public, "public-decision-published")


def test_a_stale_save_is_refused_and_history_reverts_it(open_session, live_server, screenshot):
    decision = make_decision(
        title="Review mission to Atlantis", summary="The original summary.", sources=[make_source()]
    )
    decision.publish()
    url = f"{live_server.url}/admin/plenaries/decision/{decision.pk}/change/"

    first = open_session("editor-1", EDITORS)
    second = open_session("publisher-1", PUBLISHERS)
    first.goto(url)
    second.goto(url)

    first.fill("#id_summary", "The first editor's summary.")
    first.click("input[name=_continue]")
    expect(first.locator(".messagelist")).to_contain_text("was changed successfully")

    second.fill("#id_summary", "The second editor's summary.")
    second.click("input[name=_continue]")
    expect(second.locator(".errornote, .errorlist").first).to_be_visible()
    expect(second.locator("body")).to_contain_text("editor-1 saved this decision")
    expect(second.locator("body")).to_contain_text(
        "Changed meanwhile to: “The first editor's summary.”"
    )
    expect(second.locator("#id_summary")).to_have_value("The second editor's summary.")
    screenshot(second, "admin-decision-conflict")
    decision.refresh_from_db()
    assert decision.summary == "The first editor's summary."

    second.click("input[name=_continue]")
    expect(second.locator(".messagelist")).to_contain_text("was changed successfully")
    decision.refresh_from_db()
    assert decision.summary == "The second editor's summary."

    second.goto(f"{url.removesuffix('change/')}history/")
    history = second.locator("#change-history")
    expect(history).to_contain_text("The first editor's summary.")
    expect(history).to_contain_text("The second editor's summary.")
    expect(history).to_contain_text("editor-1")
    expect(history).to_contain_text("publisher-1")
    screenshot(second, "admin-decision-history")

    # Revert the second edit: open the version the first editor saved and restore it.
    first_edit = decision.history.filter(history_user__username="editor-1").first()
    second.click(f"a[href$='/history/{first_edit.history_id}/']")
    expect(second.locator("#id_summary")).to_have_value("The first editor's summary.")
    second.locator("input[type=submit][name=_save]").click()
    expect(second.locator(".messagelist")).to_contain_text(re.compile("reverted|changed", re.I))
    decision.refresh_from_db()
    assert decision.summary == "The first editor's summary."
    latest = decision.history.first()  # the revert is a version of its own, by who reverted
    assert (latest.history_user.username, latest.summary) == (
        "publisher-1",
        "The first editor's summary.",
    )


def test_an_inline_change_and_a_main_form_change_both_survive(open_session, live_server):
    """The first editor changes a position only, which leaves the decision's version as it was:
    the second editor's save of the decision, opened before, goes through at once, and the
    position keeps the first editor's note."""
    source = make_source(title="Final communiqué")
    decision = make_decision(title="Admission of Lemuria", summary="The original summary.")
    position = make_position(
        decision,
        make_participant(name="Atlantis"),
        stance="proposed",
        note="The original note.",
        sources=[source],
    )
    url = f"{live_server.url}/admin/plenaries/decision/{decision.pk}/change/"
    first = open_session("editor-1", EDITORS)
    second = open_session("editor-2", EDITORS)
    first.goto(url)
    second.goto(url)

    first.fill("#id_positions-0-note", "The first editor's note.")
    first.click("input[name=_continue]")
    expect(first.locator(".messagelist")).to_contain_text("was changed successfully")

    second.fill("#id_summary", "The second editor's summary.")
    second.click("input[name=_continue]")
    expect(second.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(second.locator("#id_positions-0-note")).to_have_value("The first editor's note.")
    decision.refresh_from_db()
    position.refresh_from_db()
    assert decision.summary == "The second editor's summary."
    assert position.note == "The first editor's note."
