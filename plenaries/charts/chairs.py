"""The chair and vice-chair rotation: a column of years, the chair and the vice chair of each."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .base import FONT, WIDTH, shorten, zoomed


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
