"""The record's pictures as geometry: pure functions from records to scales, rows and bars.

No query and no markup here. The views hand over records they have already read (prefetched), and
the templates in templates/includes/charts/ draw what these functions return as inline SVG.

Every chart is drawn in user units on a viewBox about as wide as a phone's column, so that its
text stays legible at 375 px, and is shown ZOOM times larger where the page has room (the svg's
width attribute; the stylesheet lets it shrink to the column's width, never grow past it).
"""

import datetime
import math
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

# How much larger than its user units a chart is drawn where there is room.
ZOOM = 1.4
# The width of the timelines and bars, in user units: a phone's column.
WIDTH = 360
# Text sizes in user units, and about how wide a character of them is, to shorten names.
FONT = 11
CHAR_WIDTH = FONT * 0.58
# The year the Kimberley Process Certification Scheme began: a status of unknown start is drawn
# from there.
FIRST_YEAR = 2003


def year_fraction(date):
    """A date as a year and the fraction of it gone: 1 July 2015 is about 2015.5."""
    start = datetime.date(date.year, 1, 1)
    length = (datetime.date(date.year + 1, 1, 1) - start).days
    return date.year + (date - start).days / length


@dataclass(frozen=True)
class Scale:
    """A linear map from the span [low, high] of values onto [start, end] in user units."""

    low: float
    high: float
    start: float
    end: float

    def __call__(self, value):
        if self.high == self.low:
            return self.start
        return self.start + (value - self.low) / (self.high - self.low) * (self.end - self.start)


def year_step(years, room, least_gap=30):
    """Label every 1, 2, 5 or 10 years, the smallest step that leaves `least_gap` user units
    between two labels when `years` years take `room` units."""
    for step in (1, 2, 5, 10):
        if years <= 0 or room / years * step >= least_gap:
            return step
    return 20


def shorten(text, room, char_width=CHAR_WIDTH):
    """`text` cut to what fits in `room` user units, with an ellipsis where it was cut."""
    fits = max(int(room / char_width), 2)
    return text if len(text) <= fits else text[: fits - 1].rstrip() + "…"


def zoomed(width, height, zoom=ZOOM):
    """The svg's width and height attributes: its user units `zoom` times larger."""
    return round(width * zoom), round(height * zoom)


# A participant's status over time ----------------------------------------------------------


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


# The chair and vice-chair rotation ---------------------------------------------------------


@dataclass
class ChairCell:
    x: float
    width: float
    text: str
    title: str
    href: str = ""  # empty: not a link (no one to link to)
    kind: str = "holder"  # holder, none (no chair), unknown (no source names one)

    @property
    def text_x(self):
        return self.x + 6


@dataclass
class ChairRow:
    year: int
    y: float
    chair: ChairCell | None
    vice_chair: ChairCell | None
    recorded: bool = True
    text_y: float = 0


@dataclass
class Handover:
    """The vice chair of one year taking the chair in a later one: postponed when later than the
    next year."""

    x1: float
    y1: float
    x2: float
    y2: float
    postponed: bool


@dataclass
class Rotation:
    width: float
    height: float
    rows: list
    handovers: list
    row_height: float
    box_height: float
    chair_x: float
    vice_x: float
    lane_width: float
    header_y: float
    year_x: float = 34

    @property
    def size(self):
        return zoomed(self.width, self.height, zoom=1.15)  # a tall column: less zoom


def participant_label(participant, room):
    return shorten(participant.short_name or participant.name, room - 8)


def chair_rotation(chairmanships):
    """The chairmanships (each with its published chair and vice chair, or None) as a column of
    years, oldest first: the chair at the left, the vice chair at the right, and a line from each
    vice chair to the year it took the chair, dashed where that came later than the next year (a
    postponement). A year between two recorded ones is shown as not recorded. None when there are
    none."""
    by_year = {c.year: c for c in chairmanships}
    if not by_year:
        return None
    year_width, gap = 40, 30
    lane = (WIDTH - year_width - gap) / 2
    chair_x, vice_x = year_width, year_width + lane + gap
    row_height, box_height, header_y = 24, 19, 22
    top = header_y + 8
    years = range(min(by_year), max(by_year) + 1)
    rows, y_of = [], {}
    for index, year in enumerate(years):
        y = top + index * row_height
        y_of[year] = y
        text_y = round(y + box_height / 2 + FONT * 0.35, 2)
        chairmanship = by_year.get(year)
        if chairmanship is None:
            rows.append(ChairRow(year, y, None, None, recorded=False, text_y=text_y))
            continue
        rows.append(
            ChairRow(
                year,
                y,
                chair_cell(chairmanship, chair_x, lane),
                vice_chair_cell(chairmanship, vice_x, lane),
                text_y=text_y,
            )
        )

    handovers = []
    postponed_years = set()
    for year in years:
        vice = getattr(by_year.get(year), "vice_chair", None)
        if vice is None:
            continue
        for later in range(year + 1, max(by_year) + 1):
            chairmanship = by_year.get(later)
            if chairmanship is None or chairmanship.chair is None:
                continue  # a year with no chair, or none recorded: look further
            if chairmanship.chair.pk == vice.pk:
                handovers.append(
                    Handover(
                        x1=vice_x,
                        y1=y_of[year] + box_height / 2,
                        x2=chair_x + lane,
                        y2=y_of[later] + box_height / 2,
                        postponed=later > year + 1,
                    )
                )
                postponed_years.update(range(year + 1, later))
            break
    for row in rows:
        if row.year in postponed_years and row.chair and row.chair.kind == "none":
            row.chair.text = _("Postponed")
    height = top + len(rows) * row_height + 4
    return Rotation(
        WIDTH, height, rows, handovers, row_height, box_height, chair_x, vice_x, lane, header_y
    )


def chair_cell(chairmanship, x, lane):
    chair = chairmanship.chair
    if chair is None:
        title = _("%(year)s: no chair") % {"year": chairmanship.year}
        if chairmanship.note:
            title = f"{title}. {chairmanship.note}"
        href = chairmanship.decision.get_absolute_url() if chairmanship.decision else ""
        return ChairCell(x, lane, _("No chair"), title, href, kind="none")
    title = _("%(year)s: %(name)s, chair") % {"year": chairmanship.year, "name": chair.name}
    if chairmanship.chair_note:
        title = f"{title} ({chairmanship.chair_note})"
    return ChairCell(x, lane, participant_label(chair, lane), title, chair.get_absolute_url())


def vice_chair_cell(chairmanship, x, lane):
    vice = chairmanship.vice_chair
    if vice is None:
        if chairmanship.chair is None:
            return None
        title = _("%(year)s: no source here names the vice chair") % {"year": chairmanship.year}
        return ChairCell(x, lane, _("Unknown"), title, kind="unknown")
    title = _("%(year)s: %(name)s, vice chair") % {"year": chairmanship.year, "name": vice.name}
    if chairmanship.vice_chair_note:
        title = f"{title} ({chairmanship.vice_chair_note})"
    return ChairCell(x, lane, participant_label(vice, lane), title, vice.get_absolute_url())


# Who stood where ---------------------------------------------------------------------------


def stance_letters():
    """One letter for each stance, so that a cell never says it by colour alone."""
    return {
        "proposed": pgettext("stance letter", "P"),
        "supported": pgettext("stance letter", "S"),
        "objected": pgettext("stance letter", "O"),
        "abstained": pgettext("stance letter", "A"),
    }


@dataclass
class GridCell:
    x: float
    cx: float
    stance: str
    letter: str
    label: str
    inferred: bool
    href: str
    title: str
    column: int = 0
    decision_title: str = ""


@dataclass
class GridRow:
    key: tuple
    name: str  # as shown in the grid, perhaps shortened
    full_name: str
    group: str  # named, inferred, unnamed
    href: str = ""
    y: float = 0
    text_y: float = 0
    cells: list = field(default_factory=list)


@dataclass
class GridColumn:
    number: int
    x: float
    cx: float
    decision: object


@dataclass
class GridGroup:
    name: str
    label: str
    y: float
    rows: list


@dataclass
class Grid:
    width: float
    height: float
    columns: list
    groups: list
    cell: float
    name_width: float
    header_y: float

    @property
    def size(self):
        return zoomed(self.width, self.height)

    @property
    def rows(self):
        return [row for group in self.groups for row in group.rows]


GROUP_LABELS = {
    "named": lambda: _("Named in the source"),
    "inferred": lambda: _("Inferred from a group the source names"),
    "unnamed": lambda: _("Unnamed others, in the source's words"),
}


def position_grid(decisions):
    """Participants (rows) against the `decisions` that have positions (columns, oldest first),
    each cell a stance with its letter. Rows come in three groups kept apart: participants a
    source names on at least one item, those only inferred from a group, and the unnamed others,
    one row for each wording of the sources. Positions are read from decision.positions.all()
    (prefetched, published). None when no decision has a position."""
    columns = [d for d in decisions if d.positions.all()]
    if not columns:
        return None
    columns.sort(key=lambda d: (d.sort_date or datetime.date.min, d.title, d.pk))
    name_width, cell, header_y, group_gap = 150, 24, 18, 20
    letters = stance_letters()
    rows = {}
    for number, decision in enumerate(columns):
        x = name_width + number * cell
        for position in decision.positions.all():
            participant = position.participant
            if participant is not None:
                key = ("participant", participant.pk)
                room = name_width - 8
                fits = len(participant.name) * CHAR_WIDTH <= room
                row = rows.get(key) or GridRow(
                    key,
                    shorten(
                        participant.name if fits else participant.short_name or participant.name,
                        room,
                    ),
                    participant.name,
                    "inferred",
                    participant.get_absolute_url(),
                )
                if not position.inferred:
                    row.group = "named"
                who = participant.name
            else:
                key = ("others", position.others.strip().lower())
                words = f"“{position.others.strip()}”"
                row = rows.get(key) or GridRow(
                    key, shorten(words, name_width - 8), words, "unnamed"
                )
                who = words
            rows[key] = row
            label = position.get_stance_display()
            if position.inferred:
                label = _("%(stance)s (inferred)") % {"stance": label}
            row.cells.append(
                GridCell(
                    x=x + 2,
                    cx=x + cell / 2,
                    stance=position.stance,
                    letter=letters.get(position.stance, "?"),
                    label=label,
                    inferred=position.inferred,
                    href=decision.get_absolute_url(),
                    title=f"{who}: {label.lower()}, {decision.title}",
                    column=number + 1,
                    decision_title=decision.title,
                )
            )
    groups, y = [], header_y + 8
    for name in ("named", "inferred", "unnamed"):
        members = [row for row in rows.values() if row.group == name]
        if not members:
            continue
        members.sort(key=lambda row: row.full_name.lower())
        group = GridGroup(name, GROUP_LABELS[name](), y + 12, members)
        y += group_gap
        for row in members:
            row.y = y + 2
            row.text_y = round(y + cell / 2 + FONT * 0.35, 2)
            y += cell
        groups.append(group)
        y += 4
    grid_columns = [
        GridColumn(
            number + 1, name_width + number * cell, name_width + (number + 0.5) * cell, decision
        )
        for number, decision in enumerate(columns)
    ]
    widest_label = max(len(group.label) for group in groups) * CHAR_WIDTH
    width = max(name_width + len(columns) * cell + 4, widest_label)
    return Grid(width, y, grid_columns, groups, cell - 4, name_width, header_y)


# Decisions per year by outcome -------------------------------------------------------------


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


def nice_ceiling(value):
    """The smallest of 1, 2, 5 times a power of ten that is at least `value`, and a tick step."""
    if value <= 1:
        return 1, 1
    power = 10 ** math.floor(math.log10(value))
    for factor in (1, 2, 5, 10):
        if factor * power >= value:
            top = factor * power
            break
    step = top / (5 if top / power in (5, 10) else 2 if top / power == 2 else 1)
    if top <= 5:
        step = 1
    return top, step


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
