from django import forms
from django.conf import settings
from django.db.models import F, Q
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from plenaries.filters import DecisionFilter, StatementFilter
from plenaries.models import Decision, Meeting, Participant, Statement
from plenaries.search import MAX_COUNTED, clean_query, suggestion

from .base import found_page
from .decisions import listed_decisions
from .meetings import IN_YEAR_ORDER, chairmanships_by_year
from .statements import listed_statements

LATEST = 5


def years_with_chairs_and_meetings():
    """Each year with its chairmanship and meetings, newest first: two queries."""
    chairmanships = chairmanships_by_year()
    meetings_by_year = {}
    for meeting in Meeting.objects.published().order_by("year", *IN_YEAR_ORDER):
        meetings_by_year.setdefault(meeting.year, []).append(meeting)
    years = sorted(chairmanships.keys() | meetings_by_year.keys(), reverse=True)
    return [
        {
            "year": year,
            "chairmanship": chairmanships.get(year),
            "meetings": meetings_by_year.get(year, []),
        }
        for year in years
    ]


class HomeView(TemplateView):
    """The latest meeting and what it decided, the latest decisions and statements, counts."""

    template_name = "plenaries/home.html"

    def get_context_data(self, **kwargs):
        # The latest year's meeting that ended last; one of unknown dates is not taken as later.
        latest_meeting = (
            Meeting.objects.published()
            .order_by(
                "-year",
                F("ends_on").desc(nulls_last=True),
                F("starts_on").desc(nulls_last=True),
                "-pk",
            )
            .first()
        )
        meeting_decisions = (
            listed_decisions().filter(meeting=latest_meeting).order_by("outcome", "title")
            if latest_meeting
            else Decision.objects.none()
        )
        return super().get_context_data(
            years=years_with_chairs_and_meetings(),
            latest_meeting=latest_meeting,
            meeting_decisions=meeting_decisions,
            latest_decisions=listed_decisions().newest_first()[:LATEST],
            latest_statements=listed_statements().newest_first()[:LATEST],
            counts={
                "meetings": Meeting.objects.published().count(),
                "decisions": Decision.objects.published().count(),
                "participants": Participant.objects.published()
                .filter(role=Participant.Role.PARTICIPANT)
                .count(),
                "statements": Statement.objects.published().count(),
            },
            **kwargs,
        )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the record"), max_length=500, required=False)


GROUP_SIZE = 5


def search(request):
    """One search box for the whole record: decisions, statements, meetings and participants,
    grouped, each group linking to its full list."""
    form = SearchForm(request.GET)
    text = clean_query(form.cleaned_data["q"]) if form.is_valid() else ""
    context = {"form": form, "query": text, "max_counted": MAX_COUNTED}
    if text:
        for name, filterset in (
            ("decision", DecisionFilter({"q": text}, queryset=listed_decisions())),
            ("statement", StatementFilter({"q": text}, queryset=listed_statements())),
        ):
            _, found = found_page(filterset, per_page=GROUP_SIZE)
            context[f"{name}s"] = found["page_obj"].object_list
            context[f"{name}_total"] = found["total"]  # None past MAX_COUNTED: "more than"
        meetings = Q()
        for word in text.split()[:10]:
            meetings &= (
                Q(city__icontains=word) | Q(summary__icontains=word) | Q(slug__icontains=word)
            )
        context["meetings"] = Meeting.objects.published().filter(meetings)[: GROUP_SIZE * 4]
        context["participants"] = Participant.objects.published().search(text)[: GROUP_SIZE * 4]
        context["suggestion"] = suggestion(text)
    return render(request, "plenaries/search.html", context)


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain"

    def get_context_data(self, **kwargs):
        return super().get_context_data(admin_url=settings.ADMIN_URL, **kwargs)
