"""Readers' pages in a real browser: every page type, at desktop and phone widths, checked with
axe-core for accessibility and kept as screenshots in test-artifacts/screenshots/."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from plenaries.loading import load_record

pytestmark = pytest.mark.django_db(transaction=True)

# Desktop and phone widths in the light scheme, and the dark scheme on the desktop.
VIEWS = ((1280, "light"), (375, "light"), (1280, "dark"))
SERIOUS = {"serious", "critical"}

# Each page type, with a fact a reader must see on it.
PAGES = [
    ("home", "/", "2024 Dubai plenary"),
    ("meetings", "/meetings/", "Victoria Falls"),
    ("meeting", "/meetings/2024-dubai/", "Contingent upon enhanced vigilance."),
    (
        "decisions",
        "/decisions/?outcome=blocked",
        "Public communiqué acknowledging Ukraine's request",
    ),
    ("decision", "/decisions/2024-examination-of-russias-diamond-production/", "Objected"),
    ("participants", "/participants/?kind=state", "Central African Republic"),
    ("participant-russia", "/participants/russian-federation/", "Examination of Russia's diamond"),
    ("participant-car", "/participants/central-african-republic/", "Enhanced vigilance"),
    ("statements", "/statements/", "United States statement on the 2024 Kimberley Process"),
    (
        "statement",
        "/statements/2024-us-statement-on-the-dubai-plenary/",
        "EB-Press-Inquiry@state.gov",
    ),
    ("working-bodies", "/working-bodies/", "Working Group on Monitoring"),
    (
        "working-body",
        "/working-bodies/ad-hoc-committee-on-review-and-reform/",
        "Establishment of the Ad Hoc Committee on Review and Reform",
    ),
    ("participant-wdc", "/participants/world-diamond-council/", "inferred from a group"),
    ("chairs", "/chairs/", "No chair"),
    ("blocked", "/blocked/", "Russian Federation"),
    ("search", "/search/?q=vigilance", "Lifting of the export restrictions"),
    ("not-found", "/decisions/no-such-decision/", "Page not found"),
    ("home-fr", "/fr/", "Le registre public du Processus de Kimberley"),
]


@pytest.fixture
def reader(browser, live_server):
    load_record()
    contexts = []

    def open_at(width, color_scheme="light"):
        context = browser.new_context(
            viewport={"width": width, "height": 900}, color_scheme=color_scheme
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield open_at
    for context in contexts:
        context.close()


def test_every_page_type_shows_its_facts_and_passes_axe(reader, live_server, screenshot):
    axe = Axe()
    problems = []
    for width, scheme in VIEWS:
        page = reader(width, scheme)
        view = f"{width}" if scheme == "light" else f"{width}-{scheme}"
        for name, path, fact in PAGES:
            page.goto(f"{live_server.url}{path}")
            expect(page.locator("main")).to_contain_text(fact)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (
                f"{name} scrolls sideways at {width} px"
            )
            screenshot(page, f"public-{name}-{view}")
            for violation in axe.run(page).response["violations"]:
                if violation["impact"] in SERIOUS:
                    targets = [node["target"] for node in violation["nodes"]][:3]
                    problems.append(f"{name} @{view}: {violation['id']} {targets}")
    assert not problems, "\n".join(problems)


def test_a_keyboard_user_skips_to_the_content_and_switches_language(reader, live_server):
    page = reader(1280)
    page.goto(f"{live_server.url}/meetings/2024-dubai/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert page.url.endswith("#content")

    page.select_option("#language-choice", "fr")
    page.click(".language button")
    expect(page.locator("h2#decisions")).to_have_text("Décisions")
    assert "/fr/meetings/2024-dubai/" in page.url
    expect(page.locator("main")).to_contain_text("Examination of Russia's diamond production role")


def test_the_print_stylesheet_hides_the_navigation(reader, live_server):
    page = reader(1280)
    page.goto(f"{live_server.url}/decisions/2024-car-export-restrictions-lifted/")
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()
