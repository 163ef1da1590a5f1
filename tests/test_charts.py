"""The record's pictures: each chart is on its pages, each mark links to a page that answers, the
text beside it states the same facts, drafts never show, and the queries do not grow with rows.
The geometry of plenaries.charts is tested in tests/test_chart_geometry.py."""

import datetime
from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plenaries import charts
from plenaries.models import (
    Chairmanship,
    Decision,
    Participant,
    Position,
    PublicationStatus,
    StatusPeriod,
)
from tests.factories import make_decision, make_meeting, make_participant, make_position

PUBLISHED = PublicationStatus.PUBLISHED
TODAY = datetime.date(2026, 7, 2)

# Every page that carries a chart, and the chart: (URL name, slug or None, chart).
CHART_PAGES = [
    ("plenaries:home", None, "decisions-per-year"),
    ("plenaries:decision-list", None, "decisions-per-year"),
    ("plenaries:chair-list", None, "chair-rotation"),
    ("plenaries:blocked-list", None, "position-grid"),
    ("plenaries:participant-detail", "central-african-republic", "status-timeline"),
    ("plenaries:meeting-detail", "2024-dubai", "position-grid"),
]


def address(name, slug):
    return reverse(name, kwargs={"slug": slug} if slug else {})


class Charts(HTMLParser):
    """Each <figure data-chart> of a page: its marks' links (inside the svg) and its text (outside
    the svg: legend, lists and tables), and the marks' <title>s."""

    def __init__(self, page):
        super().__init__(convert_charrefs=True)
        self.charts = {}  # name: {"links": [...], "titles": [...], "text": [...], "svg": bool}
        self.current = None
        self.depth = 0  # of <figure> elements inside the chart's
        self.in_svg = self.in_title = False
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "figure":
            if self.current is None and "data-chart" in attrs:
                self.current = self.charts.setdefault(
                    attrs["data-chart"],
                    {"links": [], "titles": [], "text": [], "text_links": [], "svg": False},
                )
                self.depth = 0
            elif self.current is not None:
                self.depth += 1
        if self.current is None:
            return
        if tag == "svg":
            self.in_svg = self.current["svg"] = True
            self.current["hidden"] = attrs.get("aria-hidden") == "true"
        elif tag == "title" and self.in_svg:
            self.in_title = True
        elif tag == "a":
            if self.in_svg:
                self.current["links"].append(attrs.get("href"))
                assert attrs.get("tabindex") == "-1", (
                    "a hidden drawing's link is out of the tab order"
                )
            else:
                self.current["text_links"].append(attrs.get("href"))

    def handle_endtag(self, tag):
        if self.current is None:
            return
        if tag == "svg":
            self.in_svg = False
        elif tag == "title":
            self.in_title = False
        elif tag == "figure":
            if self.depth:
                self.depth -= 1
            else:
                self.current = None

    def handle_data(self, data):
        if self.current is None:
            return
        if self.in_title:
            self.current["titles"].append(data.strip())
        elif not self.in_svg:
            self.current["text"].append(data)


def charts_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    found = Charts(response.content.decode()).charts
    for chart in found.values():
        chart["text"] = " ".join("".join(chart["text"]).split())
    return found


# On the demo record ------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "slug", "chart"), CHART_PAGES)
def test_each_chart_is_drawn_and_each_mark_links_to_a_page_that_answers(
    client, demo_record, name, slug, chart
):
    url = address(name, slug)
    drawn = charts_of(client, url).get(chart)
    assert drawn is not None, f"no {chart} on {url}"
    assert drawn["svg"] and drawn["hidden"], "the drawing is there, its text beside it"
    assert drawn["links"], "each mark links to its record"
    assert len(drawn["titles"]) >= len(drawn["links"]) / 2, "marks have a title for hover"
    for href in set(drawn["links"]) | set(drawn["text_links"]):
        target = urljoin(url, href)
        if target.startswith(url + "#"):
            continue  # the page itself
        assert client.get(target).status_code == 200, target


def test_the_status_timeline_of_car_states_its_suspension_years(client, demo_record):
    url = address("plenaries:participant-detail", "central-african-republic")
    response = client.get(url)
    timeline = charts_of(client, url)["status-timeline"]
    assert "Suspended, from May 2013 to July 2015" in timeline["titles"]
    suspension = Decision.objects.get(slug="2013-car-suspension")
    assert suspension.get_absolute_url() in timeline["links"]
    # The list beside it, which screen readers read, says the same.
    listed = (
        response.content.decode().split('data-chart="status-timeline"')[1].split("</figure>")[1]
    )
    assert "from May 2013 to July 2015" in " ".join(listed.split())
    assert "Enhanced vigilance, from November 2024 to this day" in timeline["titles"]


def test_the_grid_of_blocked_items_names_the_objector_of_the_2024_russian_examination(
    client, demo_record
):
    examination = Decision.objects.get(slug="2024-examination-of-russias-diamond-production")
    for url in (address("plenaries:blocked-list", None), examination.meeting.get_absolute_url()):
        grid = charts_of(client, url)["position-grid"]
        assert f"Russian Federation: objected, {examination.title}" in grid["titles"]
        assert f"“a few other participants”: objected, {examination.title}" in grid["titles"]
        assert examination.get_absolute_url() in grid["links"]
        # The grid in words: named and unnamed others apart, the others in the source's words.
        text = grid["text"]
        named, unnamed = text.index("Named in the source"), text.index("Unnamed others")
        objector = text.index("Russian Federation: Objected")
        others = text.index("“a few other participants”: Objected")
        assert named < objector < unnamed < others


def test_the_meeting_grid_marks_inferred_stances_apart(client, demo_record):
    grid = charts_of(client, address("plenaries:meeting-detail", "2024-dubai"))["position-grid"]
    assert "Inferred from a group the source names" in grid["text"]
    assert any("World Diamond Council: supported (inferred)" in t for t in grid["titles"])


def test_a_meeting_without_positions_has_no_grid(client, demo_record):
    meeting = make_meeting(publication_status=PUBLISHED)
    assert "position-grid" not in charts_of(client, meeting.get_absolute_url())


def test_the_chair_rotation_shows_the_2020_postponement(client, demo_record):
    response = client.get(address("plenaries:chair-list", None))
    page = response.content.decode()
    rotation = charts_of(client, address("plenaries:chair-list", None))["chair-rotation"]
    assert "2020: no chair" in " ".join(rotation["titles"])
    assert "Postponed" in page
    assert page.count("chart-handover chart-postponed") == 1  # 2019's vice chair, chair in 2021
    russia = Participant.objects.get(name="Russian Federation")
    assert russia.get_absolute_url() in rotation["links"]


@pytest.mark.parametrize("url_name", ["plenaries:home", "plenaries:decision-list"])
def test_decisions_per_year_equal_the_lists_counts(client, demo_record, url_name):
    response = client.get(address(url_name, None))
    chart = response.context["year_counts"]
    table = charts.decisions_per_year(chart, Decision.Outcome.choices, lambda y, o: "").table
    assert table
    published = Decision.objects.published()
    for year, cells, total in table:
        assert total == published.filter(sort_date__year=year).count()
        for (outcome, _label), (count, _href) in zip(
            charts.decisions_per_year(chart, Decision.Outcome.choices, lambda y, o: "").outcomes,
            cells,
            strict=True,
        ):
            if count:
                listed = client.get(
                    reverse("plenaries:decision-list"),
                    {"year_from": year, "year_to": year, "outcome": outcome},
                )
                assert listed.context["total"] == count, (year, outcome)


def test_the_bars_of_a_filtered_list_count_its_results_and_keep_its_filters(client, demo_record):
    response = client.get(reverse("plenaries:decision-list"), {"outcome": "blocked"})
    counts = response.context["year_counts"]
    assert {outcome for _year, outcome in counts} == {"blocked"}
    assert sum(counts.values()) == response.context["total"]
    bars = charts_of(client, reverse("plenaries:decision-list") + "?q=communiqué")
    for href in bars["decisions-per-year"]["links"]:
        assert "q=communiqu" in href and "year_from=" in href


def test_a_draft_never_appears_in_a_chart(client, demo_record):
    belarus = Participant.objects.get(name="Belarus")
    belarus.unpublish()
    examination = Decision.objects.get(slug="2024-examination-of-russias-diamond-production")
    examination.unpublish()
    suspension = Decision.objects.get(slug="2013-car-suspension")
    suspension.unpublish()
    Chairmanship.objects.filter(year=2003).update(publication_status="draft")
    blocked = charts_of(client, address("plenaries:blocked-list", None))["position-grid"]
    assert not any("Belarus" in title for title in blocked["titles"])
    assert "Belarus" not in blocked["text"]
    assert examination.get_absolute_url() not in blocked["links"]
    assert examination.title not in blocked["text"]
    car = address("plenaries:participant-detail", "central-african-republic")
    timeline = charts_of(client, car)["status-timeline"]
    assert suspension.get_absolute_url() not in timeline["links"]
    assert "#status" in timeline["links"]  # the suspension's bar links to the status section
    home = client.get(address("plenaries:home", None)).context["year_counts"]
    assert sum(home.values()) == Decision.objects.published().count()
    rotation = client.get(address("plenaries:chair-list", None)).content.decode()
    assert ">2003<" not in rotation


def test_no_chart_costs_more_queries_with_more_rows(client, demo_record):
    """The pages with charts, counted on the demo record, then with more positions, status periods,
    chairmanships and decisions of other years: the same number of queries."""

    def queries():
        counted = {}
        for name, slug, _chart in CHART_PAGES:
            with CaptureQueriesContext(connection) as context:
                assert client.get(address(name, slug)).status_code == 200
            counted[name, slug] = len(context.captured_queries)
        return counted

    before = queries()
    dubai = Decision.objects.get(slug="2024-examination-of-russias-diamond-production").meeting
    car = Participant.objects.get(slug="central-african-republic")
    newcomers = [make_participant(publication_status=PUBLISHED) for _ in range(4)]
    for year in (2026, 2027):
        for outcome in ("blocked", "rejected"):
            decision = make_decision(
                meeting=dubai
                if year == 2026
                else make_meeting(year=year, publication_status=PUBLISHED),
                outcome=outcome,
                publication_status=PUBLISHED,
            )
            for participant in newcomers:
                make_position(decision, participant, stance=Position.Stance.OBJECTED)
            make_position(decision, others=f"some others of {year}", stance="abstained")
    StatusPeriod.objects.filter(participant=car, ends_on__isnull=True).update(ends_on="2025-01-01")
    StatusPeriod.objects.create(participant=car, status="active", starts_on="2025-01-01")
    Chairmanship.objects.create(year=2027, chair=newcomers[0], publication_status=PUBLISHED)
    assert queries() == before
