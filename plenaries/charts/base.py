"""What the charts share: user units, text sizes, linear scales and years.

Every chart is drawn in user units on a viewBox about as wide as a phone's column, so that its
text stays legible at 375 px, and is shown ZOOM times larger where the page has room (the svg's
width attribute; the stylesheet lets it shrink to the column's width, never grow past it).
"""

import datetime
from dataclasses import dataclass

# How much larger than its user units a chart is drawn where there is room.
ZOOM = 1.4
# The width of the timelines and bars, in user units: a phone's column.
WIDTH = 360
# Text sizes in user units, and about how wide a character of them is, to shorten names.
FONT = 11
CHAR_WIDTH = FONT * 0.58


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
