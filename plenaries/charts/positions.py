"""Who stood where: participants against the decisions they took positions on."""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .base import CHAR_WIDTH, FONT, shorten, zoomed


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
