"""The record's pictures: each chart is on its pages, each mark links to a page that answers, the
text beside it states the same facts, drafts never show, and the queries do not grow with rows.
The geometry of plenaries.charts is tested on records built in memory."""

import datetime
from html.parser import HTMLParser
from types import SimpleNamespace
from urllib.parse import urljoin

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plenaries import charts
from plenaries.dates import Precision
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


# The geometry ------------------------------------------------------------------------------


def period(
    status="suspended", starts=None, ends=None, starts_precision="day", ends_precision="day"
):
    return StatusPeriod(
        status=status,
        starts_on=starts,
        starts_on_precision=starts_precision,
        ends_on=ends,
        ends_on_precision=ends_precision,
    )


def test_a_participant_with_no_status_period_has_no_timeline():
    assert charts.status_timeline([], today=TODAY) is None


def test_one_period_spans_its_years_and_links_to_the_status_section():
    timeline = charts.status_timeline(
        [period(starts=datetime.date(2013, 1, 1), ends=datetime.date(2015, 1, 1))], today=TODAY
    )
    (bar,) = timeline.bars
    assert [tick.label for tick in timeline.ticks] == ["2013", "2014", "2015"]
    first, last = timeline.ticks[0].x, timeline.ticks[-1].x
    assert bar.x == first and bar.x + bar.width == pytest.approx(last)
    assert bar.href == "#status"
    assert not bar.open_start and not bar.open_end
    assert bar.span == "from 1 January 2013 to 1 January 2015"


def test_an_open_ended_period_runs_to_today_and_points_on():
    timeline = charts.status_timeline(
        [period(starts=datetime.date(2024, 11, 1), starts_precision=Precision.MONTH)], today=TODAY
    )
    (bar,) = timeline.bars
    scale = charts.Scale(2024, 2027, timeline.ticks[0].x, timeline.ticks[-1].x)
    assert bar.x == pytest.approx(scale(charts.year_fraction(datetime.date(2024, 11, 1))), abs=0.01)
    assert bar.x + bar.width == pytest.approx(scale(charts.year_fraction(TODAY)), abs=0.02)
    assert bar.open_end and bar.end_marker and not bar.start_marker
    assert bar.span == "from November 2024 to this day"


def test_partial_dates_place_a_bar_at_their_month_or_year_and_say_only_what_is_known():
    periods = [
        period("suspended", datetime.date(2013, 5, 1), datetime.date(2015, 7, 1), "month", "month"),
        period(
            "exports-restricted",
            datetime.date(2015, 7, 1),
            datetime.date(2024, 1, 1),
            "month",
            "year",
        ),
    ]
    timeline = charts.status_timeline(periods, today=TODAY)
    suspended, restricted = timeline.bars
    assert suspended.x + suspended.width == pytest.approx(restricted.x)  # they abut
    assert suspended.x > timeline.ticks[0].x  # May, not January
    assert restricted.span == "from July 2015 to 2024"


def test_a_period_of_unknown_start_is_drawn_from_the_first_year_pointing_back():
    timeline = charts.status_timeline([period("voluntarily-suspended")], today=TODAY)
    (bar,) = timeline.bars
    assert bar.open_start and bar.open_end and bar.start_marker and bar.end_marker
    assert timeline.first_year == charts.FIRST_YEAR and timeline.last_year == TODAY.year + 1
    assert bar.x == 8 and bar.x + bar.width < timeline.width - 8  # from the edge, to today
    assert bar.span == "from a date no source gives"


def chairmanship(year, chair=None, vice_chair=None, note=""):
    return Chairmanship(year=year, chair=chair, vice_chair=vice_chair, note=note)


def state(name):
    return Participant(pk=hash(name) % 10_000 + 1, name=name, slug=name.lower().replace(" ", "-"))


def test_the_rotation_links_each_vice_chair_to_the_year_it_chairs_and_shows_postponements():
    assert charts.chair_rotation([]) is None
    india, russia, botswana = state("India"), state("Russia"), state("Botswana")
    rotation = charts.chair_rotation(
        [
            chairmanship(2019, india, russia),
            chairmanship(2020, note="Postponed because of COVID-19."),
            chairmanship(2021, russia, botswana),
            chairmanship(2023, botswana),
        ]
    )
    assert [row.year for row in rotation.rows] == [2019, 2020, 2021, 2022, 2023]
    first, postponed, third, missing, last = rotation.rows
    assert postponed.chair.kind == "none" and postponed.chair.text == "Postponed"
    assert "COVID-19" in postponed.chair.title and postponed.vice_chair is None
    assert not missing.recorded
    assert last.vice_chair.kind == "unknown"
    assert first.chair.href == india.get_absolute_url()
    # Russia, vice chair in 2019, chairs in 2021: one dashed line over 2020; Botswana, vice chair
    # in 2021, chairs in 2023 after a year not recorded, which is no postponement to show.
    russia_line, botswana_line = rotation.handovers
    assert russia_line.postponed and russia_line.y1 < russia_line.y2
    assert russia_line.y2 - russia_line.y1 == 2 * rotation.row_height


class Listed(list):
    def all(self):
        return self


def decision_with(title, year, *positions):
    return SimpleNamespace(
        pk=year,
        title=title,
        sort_date=datetime.date(year, 11, 1),
        positions=Listed(positions),  # as a prefetch leaves them
        get_absolute_url=lambda: f"/decisions/{title.lower()}/",
    )


def test_the_grid_keeps_named_inferred_and_unnamed_others_apart_oldest_item_first():
    assert charts.position_grid([]) is None
    russia, wdc = state("Russian Federation"), state("World Diamond Council")
    later = decision_with(
        "Later",
        2024,
        Position(participant=russia, stance="objected"),
        Position(others="a few other participants", stance="objected"),
        Position(participant=wdc, stance="supported", attribution="inferred"),
    )
    earlier = decision_with("Earlier", 2022, Position(participant=russia, stance="objected"))
    nothing = decision_with("No positions", 2023)
    grid = charts.position_grid([later, nothing, earlier])
    assert [column.decision.title for column in grid.columns] == ["Earlier", "Later"]
    assert [group.name for group in grid.groups] == ["named", "inferred", "unnamed"]
    named, inferred, unnamed = (group.rows for group in grid.groups)
    assert [cell.letter for cell in named[0].cells] == ["O", "O"]
    assert inferred[0].cells[0].inferred and inferred[0].cells[0].label == "Supported (inferred)"
    assert unnamed[0].full_name == "“a few other participants”" and not unnamed[0].href
    assert named[0].y < inferred[0].y < unnamed[0].y
    assert grid.width >= grid.name_width + 2 * (grid.cell + 4)


def test_decisions_per_year_stack_each_year_by_outcome():
    link = "/decisions/?year={}&outcome={}".format
    outcomes = Decision.Outcome.choices
    assert charts.decisions_per_year({}, outcomes, link) is None
    one = charts.decisions_per_year({(2024, "adopted"): 3}, outcomes, link)
    (bar,) = one.bars
    assert bar.total == 3 and bar.label == "2024"
    assert bar.segments[0].href == link(2024, "adopted")
    assert [label for _y, _label_y, label in one.gridlines] == ["0", "1", "2", "3", "4", "5"]
    assert bar.segments[0].y == one.gridlines[3][0]  # up to the line of 3
    chart = charts.decisions_per_year(
        {(2022, "adopted"): 1, (2024, "adopted"): 2, (2024, "blocked"): 1, (None, "noted"): 4},
        outcomes,
        link,
    )
    assert [bar.year for bar in chart.bars] == [2022, 2023, 2024]  # 2023: an empty slot
    assert chart.undated == 4
    assert [outcome for outcome, _label in chart.outcomes] == ["adopted", "blocked", "noted"]
    adopted, blocked = chart.bars[2].segments
    assert adopted.y == blocked.y + blocked.height  # stacked, adopted at the bottom
    assert chart.table[1] == (
        2024,
        [(2, link(2024, "adopted")), (1, link(2024, "blocked")), (0, link(2024, "noted"))],
        3,
    )
