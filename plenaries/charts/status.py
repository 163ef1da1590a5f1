"""A participant's status over time: its status periods as bars on one line across the years."""

import datetime
import math
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .base import CHAR_WIDTH, FONT, WIDTH, Scale, year_fraction, year_step, zoomed

# The year the Kimberley Process Certification Scheme began: a status of unknown start is drawn
# from there.
FIRST_YEAR = 2003


@dataclass
class Tick:
    x: float
    label: str


@dataclass
class StatusBar:
    x: float
    width: float
    status: str
    label: str
    span: str
    href: str
    open_start: bool  # no source gives its start
    open_end: bool  # it lasts to this day
    text: str = ""  # the label written on the bar, where it fits
    text_x: float = 0
    start_marker: str = ""  # a path: a chevron pointing back at an unknown start
    end_marker: str = ""  # a path: a chevron pointing on, for a status that lasts


@dataclass
class Timeline:
    width: float
    height: float
    bars: list
    ticks: list
    bar_y: float
    bar_height: float
    axis_y: float
    label_y: float
    text_y: float
    first_year: int = 0  # the left edge
    last_year: int = 0  # the right edge

    @property
    def size(self):
        return zoomed(self.width, self.height)

    @property
    def open_start(self):
        return any(bar.open_start for bar in self.bars)

    @property
    def open_end(self):
        return any(bar.open_end for bar in self.bars)

    @property
    def statuses(self):
        """(status, label) of the bars, each once, for the legend."""
        return list(dict.fromkeys((bar.status, bar.label) for bar in self.bars))


def chevron(x, top, height, pointing):
    """A small chevron's path at `x`, pointing left (-1) or right (1), inside a bar."""
    middle, reach = top + height / 2, 5 * pointing
    back, low = x - reach, top + height - 7
    return f"M{back:.2f},{top + 7:.2f} L{x:.2f},{middle:.2f} L{back:.2f},{low:.2f}"


def period_span(period):
    """A status period's dates in words: "from May 2013 to July 2015"."""
    starts, ends = period.partial_date("starts_on"), period.partial_date("ends_on")
    if starts and ends:
        return _("from %(start)s to %(end)s") % {"start": starts, "end": ends}
    if starts:
        return _("from %(start)s to this day") % {"start": starts}
    if ends:
        return _("from a date no source gives to %(end)s") % {"end": ends}
    return _("from a date no source gives")


def status_timeline(periods, today=None, anchor="#status"):
    """A participant's `periods` (StatusPeriod, oldest first, each with its published decision or
    None) as bars on one line across the years, or None when there are none.

    A period runs from its start to its end as stored (a partial date at the first day of its
    month or year, where the next period starts too); one of unknown start from FIRST_YEAR or the
    first known date, whichever is earlier, and one still running to `today`. Each bar links to
    the decision that set it, or to `anchor`, the status section of the page."""
    periods = list(periods)
    if not periods:
        return None
    today = today or datetime.date.today()
    known = [date for p in periods for date in (p.starts_on, p.ends_on) if date]
    first = min((date.year for date in known), default=today.year)
    if any(p.starts_on is None for p in periods):
        first = min(first, FIRST_YEAR)
    now = year_fraction(today)
    ends = [year_fraction(p.ends_on) if p.ends_on else now for p in periods]
    last = max(math.ceil(max(ends)), first + 1)

    left, right = 8, WIDTH - 8
    scale = Scale(first, last, left, right)
    bar_y, bar_height = 6, 26
    bars = []
    for period, end in zip(periods, ends, strict=True):
        x = scale(year_fraction(period.starts_on)) if period.starts_on else left
        x_end = min(scale(end), right)
        width = max(x_end - x, 3)
        label = period.get_status_display()
        room = width - 12 - 8 * (period.starts_on is None) - 8 * (period.ends_on is None)
        bar = StatusBar(
            x=round(x, 2),
            width=round(width, 2),
            status=period.status,
            label=label,
            span=period_span(period),
            href=period.decision.get_absolute_url() if period.decision else anchor,
            open_start=period.starts_on is None,
            open_end=period.ends_on is None,
        )
        if len(label) * CHAR_WIDTH <= room:
            bar.text = label
            bar.text_x = round(x + 6 + 8 * bar.open_start, 2)
        if bar.open_start:
            bar.start_marker = chevron(x + 4, bar_y, bar_height, -1)
        if bar.open_end:
            bar.end_marker = chevron(x + width - 4, bar_y, bar_height, 1)
        bars.append(bar)
    step = year_step(last - first, right - left)
    ticks = [
        Tick(x=round(scale(year), 2), label=str(year))
        for year in range(first, last + 1)
        if year % step == 0
    ]
    axis_y = bar_y + bar_height + 4
    text_y = bar_y + bar_height / 2 + FONT * 0.35
    return Timeline(
        WIDTH, axis_y + 18, bars, ticks, bar_y, bar_height, axis_y, axis_y + 13, text_y, first, last
    )
