"""Every page type under its Content-Security-Policy in a real browser, with no violation.

The browser reports each thing a policy blocks as a `securitypolicyviolation` event and a
"Refused to ..." console message; both are gathered, with script errors, while a reader visits
every public route (one record per route, both languages), the API documentation, and an editor
goes through the admin: the sign-in page, the index, every registered model's list, add and
change forms, a history page, an export and an import, the Markdown preview, the calendar and an
autocomplete. Each step also checks that the page did what it is for."""

from urllib.parse import urlsplit

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from plenaries.models import Decision, Meeting
from tests.conftest import load_demo_record
from tests.routes import FILE_ROUTES, record_arguments, served_model, url_names

pytestmark = pytest.mark.django_db(transaction=True)

# Installed before any of the page's own scripts: every violation also goes to the console.
REPORT_VIOLATIONS = """
document.addEventListener('securitypolicyviolation', (event) => console.error(
  `CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI || 'inline code'}`
  + ` in ${event.sourceFile || event.documentURI}:${event.lineNumber}`));
"""


def watch(page):
    """Gathers the page's CSP violations, policy errors and script errors into page.problems."""
    page.problems = []
    page.context.add_init_script(REPORT_VIOLATIONS)

    def on_console(message):
        # A policy the browser cannot read is a console error too ("Unrecognized feature").
        if any(sign in message.text for sign in ("CSP violation", "Refused to", "-Policy")):
            page.problems.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: page.problems.append(f"{page.url}: {error}"))
    return page


def html_addresses():
    """Every public route's address answering a page (not a feed, a file or data), in both
    languages, with a published record where the route takes one."""
    client = Client()
    for language in ("en", "fr"):
        for name, pattern in url_names():
            if name in FILE_ROUTES or name in {"set_language", "api:docs"}:
                continue
            kwargs = {}
            if pattern.pattern.regex.groupindex:
                record = served_model(pattern).objects.published().order_by("pk").first()
                kwargs = record_arguments(pattern, record)
            with translation.override(language):
                address = reverse(name, kwargs=kwargs)
            if client.get(address)["Content-Type"].startswith("text/html"):
                yield address


def test_every_public_page_type_runs_without_a_violation(browser, live_server, screenshot):
    load_demo_record()
    addresses = list(html_addresses())
    assert len(addresses) >= 30
    context = browser.new_context()
    page = watch(context.new_page())
    for address in addresses:
        response = page.goto(f"{live_server.url}{address}")
        assert response.status == 200, address
        assert "default-src 'none'" in response.headers["content-security-policy"], address
        expect(page.locator("main h1")).to_be_visible()
    page.goto(f"{live_server.url}/decisions/no-such-decision/")
    expect(page.locator("main h1")).to_be_visible()
    context.close()
    assert not page.problems, "\n".join(page.problems)


def test_the_api_documentation_runs_without_a_violation(browser, live_server, screenshot):
    """Swagger UI draws the API's operations from the schema it fetched, and asks the API."""
    load_demo_record()
    context = browser.new_context()
    page = watch(context.new_page())
    page.goto(f"{live_server.url}{reverse('api:docs')}")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("KP Tracker API")
    page.locator(".opblock-summary", has_text="/api/v1/meetings/").first.click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    expect(page.locator(".live-responses-table tbody .response-col_status").first).to_have_text(
        "200"
    )
    screenshot(page, "csp-api-docs")
    context.close()
    assert not page.problems, "\n".join(page.problems)


def admin_addresses():
    """Each registered model's list, add form and change form (of its first record)."""
    for model in admin.site._registry:
        opts = model._meta
        prefix = f"admin:{opts.app_label}_{opts.model_name}"
        yield reverse(f"{prefix}_changelist")
        yield reverse(f"{prefix}_add")
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            yield reverse(f"{prefix}_change", args=[first.pk])


def test_every_admin_page_type_runs_without_a_violation(
    open_session, browser, live_server, screenshot, tmp_path
):
    load_demo_record()
    # The sign-in page, as anyone sees it.
    context = browser.new_context()
    anonymous = watch(context.new_page())
    anonymous.goto(f"{live_server.url}{reverse('admin:login')}")
    expect(anonymous.locator("#id_username")).to_be_visible()
    context.close()

    page = watch(open_session("admin-1", "superuser"))
    page.goto(f"{live_server.url}{reverse('admin:index')}")
    expect(page.locator("#content-main .app-plenaries")).to_be_visible()
    walked = 0
    for address in admin_addresses():
        response = page.goto(f"{live_server.url}{address}")
        if response.status == 403:  # a model no one adds by hand (the sign-in logs)
            continue
        assert response.status == 200, address
        assert "script-src 'self'" in response.headers["content-security-policy"]
        expect(page.locator("#content")).to_be_visible()
        walked += 1
    assert walked >= 2 * len(admin.site._registry)

    decision = Decision.objects.order_by("pk").first()
    change = f"{live_server.url}{reverse('admin:plenaries_decision_change', args=[decision.pk])}"

    # The Markdown preview, drawn from the server's answer.
    page.goto(change)
    summary = page.locator(".field-summary")
    page.fill("#id_summary", "Lemuria was **admitted**.")
    summary.get_by_role("button", name="Preview").click()
    preview = summary.get_by_role("region", name="Preview of Summary")
    expect(preview.locator("strong")).to_have_text("admitted")

    # An autocomplete opened, searched and its choices listed.
    page.locator("#id_meeting + .select2 .select2-selection").click()
    search = page.locator(".select2-container--open .select2-search__field")
    search.press_sequentially("Dubai")
    expect(page.locator(".select2-results__option", has_text="Dubai").first).to_be_visible()
    page.keyboard.press("Escape")
    screenshot(page, "csp-admin-decision-change")

    # The calendar of a date field.
    meeting = Meeting.objects.order_by("pk").first()
    page.goto(f"{live_server.url}{reverse('admin:plenaries_meeting_change', args=[meeting.pk])}")
    page.locator(
        ".datetimeshortcuts a.date-icon, .datetimeshortcuts a[id^=calendarlink]"
    ).first.click()
    expect(page.locator(".calendarbox").first).to_be_visible()
    screenshot(page, "csp-admin-calendar")

    # A history page, and one of its versions.
    page.goto(f"{change.removesuffix('change/')}history/")
    expect(page.locator("#change-history")).to_be_visible()

    # An export, downloaded, then imported back as far as its preview.
    page.goto(f"{live_server.url}{reverse('admin:plenaries_participant_export')}")
    fields = page.locator(".selectable-field-export-row input[type=checkbox]:visible")
    page.locator(".select-toggle").uncheck()  # "Select all", wired without inline code
    expect(fields.first).not_to_be_checked()
    page.locator(".select-toggle").check()
    expect(fields.last).to_be_checked()
    page.select_option("#id_format", label="csv")
    with page.expect_download() as download:
        page.locator("input[type=submit]").click()
    exported = tmp_path / "participants.csv"
    download.value.save_as(exported)
    page.goto(f"{live_server.url}{reverse('admin:plenaries_participant_import')}")
    page.set_input_files("#id_import_file", exported)
    page.select_option("#id_format", label="csv")
    page.locator("input[type=submit]").click()
    expect(
        page.locator("input[name=confirm], input[type=submit][value*=onfirm]").first
    ).to_be_visible()
    screenshot(page, "csp-admin-import-preview")

    assert not anonymous.problems + page.problems, "\n".join(anonymous.problems + page.problems)
    assert urlsplit(page.url).netloc == urlsplit(live_server.url).netloc
