"""The record's pictures as geometry: pure functions from records to scales, rows and bars.

No query and no markup here. The views hand over records they have already read (prefetched), and
the templates in templates/includes/charts/ draw what these functions return as inline SVG. One
module per chart; base.py holds what they share.
"""

from .base import Scale, year_fraction
from .chairs import chair_rotation
from .decisions import decisions_per_year
from .positions import position_grid
from .status import FIRST_YEAR, status_timeline

__all__ = [
    "FIRST_YEAR",
    "Scale",
    "chair_rotation",
    "decisions_per_year",
    "position_grid",
    "status_timeline",
    "year_fraction",
]
