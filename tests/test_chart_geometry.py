"""The geometry of plenaries.charts, on records built in memory: no database, no page."""

import datetime
from types import SimpleNamespace

import pytest

from plenaries import charts
from plenaries.dates import Precision
from plenaries.models import Chairmanship, Decision, Participant, Position, StatusPeriod

TODAY = datetime.date(2026, 7, 2)


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
    assert [label for _y, _label_y, label in one.gridlines] == ["0", "1", "2", "3"]
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


@pytest.mark.parametrize(
    ("highest", "top", "step"),
    [(1, 1, 1), (3, 3, 1), (6, 6, 2), (7, 8, 2), (12, 15, 5), (26, 30, 10), (101, 150, 50)],
)
def test_the_axis_ends_at_the_first_round_step_above_the_highest_bar(highest, top, step):
    assert charts.decisions.nice_ceiling(highest) == (top, step)
