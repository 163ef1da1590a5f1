"""Dates known only to the month or year, stored honestly: a date plus its precision.

A partial date is kept as the first day of its month or year in a DateField, beside a precision
column, so that it sorts and filters like any date and is never shown with a made-up day.
"""

import datetime
import re
from dataclasses import dataclass

from django.db import models
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext_lazy as _


class Precision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")


def precision_field():
    """The companion column of a partial date: how much of the date is known."""
    return models.CharField(
        _("known to the"),
        max_length=5,
        choices=Precision.choices,
        default=Precision.DAY,
        help_text=_(
            "How much of the date the source gives: the day, only the month, or only the year."
        ),
    )


def truncate(date, precision):
    """The canonical stored form: the first day of the month or year when only that is known."""
    if date is None or precision == Precision.DAY:
        return date
    if precision == Precision.MONTH:
        return date.replace(day=1)
    return date.replace(month=1, day=1)


_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def parse_partial_date(value):
    """Read "2024", "2024-11" or "2024-11-12" (or a date) into (date, precision).

    Raises ValueError for anything else, including impossible dates such as 2024-02-30.
    """
    if value is None or value == "":
        return None, Precision.DAY
    if isinstance(value, datetime.date):
        return value, Precision.DAY
    match = _PARTIAL_DATE.match(str(value).strip())
    if not match:
        raise ValueError(f"{value!r} is not a date written as YYYY, YYYY-MM or YYYY-MM-DD.")
    year, month, day = match.groups()
    if day:
        return datetime.date(int(year), int(month), int(day)), Precision.DAY
    if month:
        return datetime.date(int(year), int(month), 1), Precision.MONTH
    return datetime.date(int(year), 1, 1), Precision.YEAR


@dataclass(frozen=True)
class PartialDate:
    """A date as far as it is known, for display: "12 November 2024", "November 2024", "2024"."""

    date: datetime.date | None
    precision: str = Precision.DAY

    def __bool__(self):
        return self.date is not None

    def __str__(self):
        if self.date is None:
            return ""
        if self.precision == Precision.YEAR:
            return str(self.date.year)
        if self.precision == Precision.MONTH:
            return format_date(self.date, "F Y")
        return format_date(self.date, "j F Y")

    def isoformat(self):
        """As an editor types it, and parse_partial_date() reads it: "2024-11-12", "2024-11",
        "2024"."""
        if self.date is None:
            return ""
        length = {Precision.YEAR: 4, Precision.MONTH: 7}.get(self.precision, 10)
        return self.date.isoformat()[:length]


def format_date_range(start, end):
    """Dates as readers write them: "12–15 November 2024", or "closing 22 November 2019"."""
    if start and end:
        if start == end:
            return format_date(end, "j F Y")
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day}–{format_date(end, 'j F Y')}"
        if start.year == end.year:
            return f"{format_date(start, 'j F')} – {format_date(end, 'j F Y')}"
        return f"{format_date(start, 'j F Y')} – {format_date(end, 'j F Y')}"
    if end:
        return _("closing %(date)s") % {"date": format_date(end, "j F Y")}
    if start:
        return _("from %(date)s") % {"date": format_date(start, "j F Y")}
    return ""
