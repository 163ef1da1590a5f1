"""Decisions per year by outcome: stacked bars, one for each year."""

import math
from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .base import FONT, WIDTH, Scale, year_step, zoomed


@dataclass
class Segment:
    y: float
    height: float
    outcome: str
    label: str
    count: int
    href: str
    title: str


@dataclass
class YearBar:
    year: int
    x: float
    cx: float
    width: float
    total: int
    segments: list
    label: str = ""  # the year, on the bars the axis labels


@dataclass
class StackedBars:
    width: float
    height: float
    bars: list
    gridlines: list  # (y, y of its label, label)
    outcomes: list  # (outcome, label) shown, in the legend's order
    table: list  # (year, [(count, link) for each outcome shown], total)
    undated: int
    base_y: float
    plot_left: float
    plot_right: float

    @property
    def year_y(self):
        return self.base_y + 14

    @property
    def size(self):
        return zoomed(self.width, self.height)


def nice_ceiling(value, most_ticks=5):
    """The top of the axis and its tick step: the step the smallest of 1, 2 or 5 times a power of
    ten that needs at most `most_ticks` steps, the top the first multiple of it at `value` or
    above, so that the highest bar nearly fills the chart (6 decisions: 0, 2, 4, 6)."""
    if value <= 1:
        return 1, 1
    power = 10 ** max(0, math.floor(math.log10(value)) - 1)
    while True:
        for factor in (1, 2, 5):
            step = factor * power
            if math.ceil(value / step) <= most_ticks:
                return math.ceil(value / step) * step, step
        power *= 10


def decisions_per_year(counts, outcomes, link):
    """Stacked bars of decisions per year by outcome.

    `counts` is {(year, outcome): n}, year None for undated decisions (counted, not drawn);
    `outcomes` the (value, label) pairs in stacking order, bottom first; `link(year, outcome)` the
    address of the list those decisions make. Every year from the first to the last is drawn,
    a year with none as an empty slot. None when there is no decision."""
    counts = Counter({key: n for key, n in counts.items() if n})
    if not counts:
        return None
    undated = sum(n for (year, _outcome), n in counts.items() if year is None)
    dated = {key: n for key, n in counts.items() if key[0] is not None}
    present = {outcome for _year, outcome in counts}
    shown = [(value, label) for value, label in outcomes if value in present]
    years = sorted({year for year, _outcome in dated})
    table = []
    if not years:
        return StackedBars(WIDTH, 0, [], [], shown, table, undated, 0, 0, 0)
    span = range(years[0], years[-1] + 1)
    totals = {year: sum(dated.get((year, value), 0) for value, _label in shown) for year in span}
    top, step = nice_ceiling(max(totals.values()))
    plot_left, plot_top, plot_height = 28, 8, 120
    slot = min((WIDTH - plot_left - 4) / len(span), 30)
    base_y = plot_top + plot_height
    scale = Scale(0, top, base_y, plot_top)
    label_step = year_step(len(span), slot * len(span), least_gap=32)
    bars = []
    for index, year in enumerate(span):
        x = plot_left + index * slot + slot * 0.15
        y = base_y
        segments = []
        for value, label in shown:
            n = dated.get((year, value), 0)
            if not n:
                continue
            height = base_y - scale(n)
            y -= height
            segments.append(
                Segment(
                    y=round(y, 2),
                    height=round(height, 2),
                    outcome=value,
                    label=label,
                    count=n,
                    href=link(year, value),
                    title=_("%(year)s: %(count)s %(outcome)s")
                    % {"year": year, "count": n, "outcome": label.lower()},
                )
            )
        bars.append(
            YearBar(
                year=year,
                x=round(x, 2),
                cx=round(x + slot * 0.35, 2),
                width=round(slot * 0.7, 2),
                total=totals[year],
                segments=segments,
                label=str(year) if (year % label_step == 0 or len(span) == 1) else "",
            )
        )
        if totals[year]:
            cells = [(dated.get((year, value), 0), link(year, value)) for value, _l in shown]
            table.append((year, cells, totals[year]))
    gridlines = []
    tick = 0
    while tick <= top:
        y = round(scale(tick), 2)
        gridlines.append((y, round(y + FONT * 0.35, 2), str(int(tick))))
        tick += step
    width = plot_left + slot * len(span) + 4
    return StackedBars(
        width, base_y + 20, bars, gridlines, shown, table, undated, base_y, plot_left, width - 4
    )
