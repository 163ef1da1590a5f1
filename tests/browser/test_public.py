"""Readers' pages in a real browser: every page type in both languages, at desktop and phone
widths, in the light and the dark scheme, checked with axe-core for accessibility and kept as
screenshots in test-artifacts/screenshots/."""

from pathlib import Path

import axe_playwright_python
import pytest
from playwright.sync_api import expect

from tests.conftest import load_demo_record

pytestmark = pytest.mark.django_db(transaction=True)

AXE_SCRIPT = Path(axe_playwright_python.__file__).with_name("axe.min.js")
LANGUAGES = ("", "/fr")  # English pages have no prefix
WIDTHS = (1280, 375)
SCHEMES = ("light", "dark")
SERIOUS = {"serious", "critical"}
PHONE_HEIGHT = 740  # a common phone's visible height, below its browser's own bars

# Each page type, with a fact a reader must see on it in either language: record text, which
# is not translated, or the text in each language (states' names are French on French pages).
PAGES = [
    ("home", "/", "2024 Dubai"),
    ("meetings", "/meetings/", "Victoria Falls"),
    ("meeting", "/meetings/2024-dubai/", "Contingent upon enhanced vigilance."),
    (
        "decisions",
        "/decisions/?outcome=blocked",
        "Public communiqué acknowledging Ukraine's request",
    ),
    ("decision", "/decisions/2024-examination-of-russias-diamond-production/", "Ukraine"),
    (
        "participants",
        "/participants/?kind=state",
        {"": "Central African Republic", "/fr": "République centrafricaine"},
    ),
    ("participant-russia", "/participants/russian-federation/", "Examination of Russia's diamond"),
    ("participant-car", "/participants/central-african-republic/", "Lifting of the export"),
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
    ("participant-wdc", "/participants/world-diamond-council/", "World Diamond Council"),
    ("chairs", "/chairs/", {"": "United Arab Emirates", "/fr": "Émirats arabes unis"}),
    ("blocked", "/blocked/", {"": "Russian Federation", "/fr": "Russie"}),
    ("topics", "/topics/", "Review and reform"),
    ("topic", "/topics/central-african-republic/", "Lifting of the export restrictions"),
    ("about", "/about/", "2003"),
    ("data", "/data/", {"": "Other ways to take the data away", "/fr": "Autres façons"}),
    ("search", "/search/?q=vigilance", "Lifting of the export restrictions"),
    (
        "search-empty",
        "/search/?q=zzzqqq",
        {"": "Nothing in the record matches", "/fr": "Rien dans le registre ne correspond"},
    ),
    (
        "not-found",
        "/decisions/no-such-decision/",
        {"": "Page not found", "/fr": "Page introuvable"},
    ),
]

# The charts the pages above must carry, so that the check of their text equivalents below
# cannot pass for want of a chart.
CHARTS = {
    "home": ["decisions-per-year"],
    "decisions": ["decisions-per-year"],
    "meeting": ["position-grid"],
    "participant-car": ["status-timeline"],
    "chairs": ["chair-rotation"],
    "blocked": ["position-grid"],
}


@pytest.fixture
def reader(browser, live_server):
    load_demo_record()
    contexts = []

    def open_at(width, color_scheme="light", height=900):
        context = browser.new_context(
            viewport={"width": width, "height": height}, color_scheme=color_scheme
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield open_at
    for context in contexts:
        context.close()


def serious_violations(page):
    """What axe-core finds serious or critical on the page as it is now laid out."""
    found = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']} {[node['target'] for node in violation['nodes']][:3]}"
        for violation in found["violations"]
        if violation["impact"] in SERIOUS
    ]


def test_every_page_type_in_both_languages_widths_and_schemes(reader, live_server, screenshot):
    """One load per page and language; the widths and schemes are then switched in place, which
    lays the page out again as a reload would, at a fraction of the cost."""
    page = reader(WIDTHS[0])
    problems = []
    for prefix in LANGUAGES:
        for name, path, fact in PAGES:
            page.set_viewport_size({"width": WIDTHS[0], "height": 900})
            page.emulate_media(color_scheme="light")
            page.goto(f"{live_server.url}{prefix}{path}")
            expect(page.locator("main")).to_contain_text(
                fact[prefix] if isinstance(fact, dict) else fact
            )
            for chart in CHARTS.get(name, []):
                expect(page.locator(f'figure[data-chart="{chart}"]')).to_be_attached()
            # Run as the test's own code: the pages' policy refuses an added <script>.
            page.evaluate(AXE_SCRIPT.read_text())
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                for scheme in SCHEMES:
                    page.emulate_media(color_scheme=scheme)
                    view = f"{name}{prefix.replace('/', '-')} @{width} {scheme}"
                    problems += [f"{view}: {problem}" for problem in layout_problems(page, width)]
                    problems += [f"{view}: {found}" for found in serious_violations(page)]
                    if (scheme == "light" and (not prefix or width < WIDTHS[0])) or (
                        scheme == "dark" and not prefix and width == WIDTHS[0]
                    ):
                        label = f"{width}" if scheme == "light" else f"{width}-{scheme}"
                        screenshot(page, f"public-{name}{prefix.replace('/', '-')}-{label}")
    assert not problems, "\n".join(problems)


def layout_problems(page, width):
    """What a reader would notice of the page's layout at `width`: a sideways scroll, a chart
    without its text equivalent, a header on two rows on a desktop or taller than 100 px on a
    phone."""
    if page.evaluate("document.documentElement.scrollWidth") > width:
        yield "scrolls sideways"
    untold = page.evaluate(CHARTS_WITHOUT_TEXT)
    if untold:
        yield f"charts without a text equivalent: {untold}"
    header = page.locator(".site-header").bounding_box()["height"]
    if width < 640 and header >= 100:
        yield f"the header takes {header:.0f} px"
    tops = page.evaluate(HEADER_TOPS)
    if width >= 1280 and max(tops) - min(tops) >= 12:
        yield f"the header wraps: {tops}"


# Where the brand, each link of the navigation and each language sit in the header, from the top.
HEADER_TOPS = """
[...document.querySelectorAll('.site-header .brand, .site-header nav a, .site-header .language li')]
  .map(element => Math.round(element.getBoundingClientRect().top))
"""


# Every chart is a figure.chart whose drawing is hidden from screen readers, and a text
# equivalent that says the same: a table or list in its own .chart-words, or elsewhere on the
# page, named by the figure's data-words. The names of the charts that lack one.
CHARTS_WITHOUT_TEXT = """
[...document.querySelectorAll('main svg')]
  .filter(svg => !svg.closest('figure.chart') || svg.getAttribute('aria-hidden') !== 'true'
    || (() => {
      const figure = svg.closest('figure.chart');
      const words = figure.dataset.words ? document.getElementById(figure.dataset.words)
        : figure.querySelector('.chart-words');
      const list = words && (words.matches('table, ul, ol') ? words
        : words.querySelector('table, ul, ol'));
      return !list || !list.textContent.trim();
    })())
  .map(svg => svg.closest('figure.chart')?.dataset.chart || 'an svg that is not a chart')
"""


def test_the_first_decision_shows_without_scrolling_on_a_phone(reader, live_server):
    """The filters fold away on a phone, so that the list starts on the first screen."""
    page = reader(375, height=PHONE_HEIGHT)
    for prefix in LANGUAGES:
        page.goto(f"{live_server.url}{prefix}/decisions/")
        expect(page.locator(".decision-list > li").first).to_be_in_viewport(ratio=1)


def test_a_keyboard_user_skips_to_the_content_and_switches_language(reader, live_server):
    page = reader(1280)
    page.goto(f"{live_server.url}/meetings/2024-dubai/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert page.url.endswith("#content")

    page.get_by_role("link", name="Français").click()
    expect(page.locator("h2#decisions")).to_have_text("Décisions")
    assert "/fr/meetings/2024-dubai/" in page.url
    expect(page.locator("main")).to_contain_text("Examination of Russia's diamond production role")


def test_the_print_stylesheet_hides_the_navigation(reader, live_server):
    page = reader(1280)
    page.goto(f"{live_server.url}/decisions/2024-car-export-restrictions-lifted/")
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()
