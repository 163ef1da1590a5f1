"""About the record: what it covers and what it does not, where its facts come from, and how to
report an error, all read from the published record itself."""

from collections import Counter

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Exists, OuterRef
from django.views.generic import TemplateView

from plenaries.models import Chairmanship, Decision, Meeting, Source

from .meetings import IN_YEAR_ORDER
from .site import record_counts

TOP_PUBLISHERS = 3


def coverage():
    """The span of years the published record covers (from the first to the last year with a
    meeting or a chairmanship), the years in it with no meeting, and the meetings with no
    published decision: two queries."""
    meetings = list(
        Meeting.objects.published()
        .annotate(has_decisions=Exists(Decision.objects.published().filter(meeting=OuterRef("pk"))))
        .order_by("year", *IN_YEAR_ORDER)
    )
    meeting_years = {meeting.year for meeting in meetings}
    years = meeting_years | set(Chairmanship.objects.published().values_list("year", flat=True))
    first, last = (min(years), max(years)) if years else (None, None)
    return {
        "first_year": first,
        "last_year": last,
        "meetings": meetings,
        "years_without_meetings": [
            year for year in range(first, last + 1) if year not in meeting_years
        ]
        if years
        else [],
        "meetings_without_decisions": [
            meeting for meeting in meetings if not meeting.has_decisions
        ],
    }


def sources_by_kind():
    """The sources a public page cites, by kind, strongest first, each kind with its count and
    its most cited publishers; those of unknown kind last. One query."""
    cited = list(Source.objects.cited().values_list("kind", "publisher"))
    kinds = [(kind.value, kind.label) for kind in Source.Kind] + [("", None)]
    rows = []
    for value, label in kinds:
        publishers = Counter(publisher for kind, publisher in cited if kind == value and publisher)
        rows.append(
            {
                "kind": value,
                "label": label,
                "count": sum(1 for kind, _ in cited if kind == value),
                "publishers": publishers.most_common(TOP_PUBLISHERS),
            }
        )
    return {
        "total": len(cited),
        "by_kind": rows,
        "publishers": Counter(publisher for _, publisher in cited if publisher).most_common(
            TOP_PUBLISHERS + 2
        ),
    }


def error_contact(value):
    """Where to report an error, from KP_ERRORS_TO: {"href", "label"} for an e-mail address or
    an http(s) address, None when it is unset or neither (then the page names no address)."""
    value = (value or "").strip()
    if value.startswith(("https://", "http://")):
        return {"href": value, "label": value}
    try:
        validate_email(value)
    except ValidationError:
        return None
    return {"href": f"mailto:{value}", "label": value}


class AboutView(TemplateView):
    """About the record: its coverage and gaps, its sources, and how to report an error."""

    template_name = "plenaries/about.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            coverage=coverage(),
            counts=record_counts(),
            sources=sources_by_kind(),
            errors_to=error_contact(getattr(settings, "KP_ERRORS_TO", "")),
            **kwargs,
        )
