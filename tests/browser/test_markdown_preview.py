"""An editor previews a Markdown field in a real browser: the text as readers will see it."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from plenaries.roles import EDITORS
from tests.browser.conftest import SCREENSHOTS
from tests.factories import make_decision

pytestmark = pytest.mark.django_db(transaction=True)

MARKDOWN = (
    "The plenary **admitted** Lemuria, see [the communiqué](https://example.org/communique).\n\n"
    "- <script>window.previewRan = true</script>first condition\n"
    '- <img src="x" onerror="window.previewRan = true">second condition\n'
    "- [a trap](javascript:window.previewRan=true)"
)


def test_an_editor_previews_a_decisions_summary(open_session, live_server, screenshot):
    decision = make_decision(title="Admission of Lemuria")
    editor = open_session("editor-1", EDITORS)
    hosts = set()
    editor.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    editor.goto(f"{live_server.url}/admin/plenaries/decision/{decision.pk}/change/")
    expect(editor.locator("#id_summary_helptext")).to_contain_text("Markdown: *emphasis*")

    editor.fill("#id_summary", MARKDOWN)
    summary = editor.locator(".field-summary")
    summary.get_by_role("button", name="Preview").click()

    preview = summary.get_by_role("region", name="Preview of Summary")
    expect(preview.locator("strong")).to_have_text("admitted")
    expect(preview.locator("a", has_text="the communiqué")).to_have_attribute(
        "href", "https://example.org/communique"
    )
    expect(preview.locator("li")).to_have_count(3)
    expect(preview).to_have_attribute("aria-live", "polite")
    assert preview.locator("script, img, [onerror]").count() == 0
    assert preview.locator("a", has_text="a trap").get_attribute("href") is None
    preview.locator("a", has_text="a trap").click()  # a link without an address goes nowhere
    assert editor.evaluate("window.previewRan") is None
    # The other Markdown fields keep an empty preview until asked.
    expect(editor.locator(".field-conditions .markdown-preview")).to_be_empty()
    assert hosts == {urlsplit(live_server.url).netloc}, "an asset came from another host"
    screenshot(editor, "admin-decision-markdown-preview")
    summary.screenshot(path=SCREENSHOTS / "admin-decision-markdown-preview-field.png")
