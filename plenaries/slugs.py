"""Slugs in each record's convention, year first: `2024-car-export-restrictions-lifted`.

A slug left empty, in the admin (plenaries.admin.slugs) or in an imported row
(plenaries.resources), is made here; the admin's script static/admin/plenaries/slug.js makes the
same one in the browser as the editor types, from the fields this table names.
"""

from typing import NamedTuple

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from .models import Decision, Meeting, Statement


class Convention(NamedTuple):
    year_from: tuple  # the fields that may give the year, the first one set giving it
    words_from: str  # the field whose words follow the year
    help_text: str


CONVENTIONS = {
    Decision: Convention(
        ("meeting", "decided_on"),
        "title",
        _(
            "The year of the meeting, or of the written procedure, then the title: "
            "2024-car-export-restrictions-lifted. Left empty, it is made so when saved."
        ),
    ),
    Statement: Convention(
        ("issued_on",),
        "title",
        _(
            "The year it was issued, then the title: 2024-us-statement-on-the-dubai-plenary. "
            "Left empty, it is made so when saved."
        ),
    ),
    Meeting: Convention(
        ("year",),
        "city",
        _("Year and city: 2024-dubai. Left empty, it is made so when saved."),
    ),
}


def conventional_slug(record):
    """The slug `record` gets by its model's convention, with -2, -3... when it is taken."""
    convention = CONVENTIONS[type(record)]
    # A meeting and a date both have a year; a meeting's year field is one.
    years = (getattr(record, name) for name in convention.year_from)
    year = next((getattr(value, "year", value) for value in years if value), "")
    base = slugify(f"{year} {getattr(record, convention.words_from)}")
    base = base or record._meta.model_name
    max_length = record._meta.get_field("slug").max_length
    others = type(record)._default_manager.exclude(pk=record.pk)
    slug, number = base[:max_length].rstrip("-"), 1
    while others.filter(slug=slug).exists():
        number += 1
        suffix = f"-{number}"
        slug = base[: max_length - len(suffix)].rstrip("-") + suffix
    return slug


def fill_slug(record):
    """Give `record` its conventional slug when it has none and its model has a convention."""
    if type(record) in CONVENTIONS and not record.slug:
        record.slug = conventional_slug(record)
