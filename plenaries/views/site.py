from django import forms
from django.conf import settings
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from plenaries.models import Decision, Meeting, Participant, Statement

from .meetings import chairmanships_by_year

LATEST = 5


def years_with_chairs_and_meetings():
    """Each year with its chairmanship and meetings, newest first: two queries."""
    chairmanships = chairmanships_by_year()
    meetings_by_year = {}
    for meeting in Meeting.objects.published().order_by("year", "starts_on"):
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
        latest_meeting = Meeting.objects.published().order_by("-year", "-starts_on").first()
        meeting_decisions = (
            Decision.objects.published()
            .filter(meeting=latest_meeting)
            .select_related("meeting")
            .order_by("outcome", "title")
            if latest_meeting
            else Decision.objects.none()
        )
        return super().get_context_data(
            years=years_with_chairs_and_meetings(),
            latest_meeting=latest_meeting,
            meeting_decisions=meeting_decisions,
            latest_decisions=Decision.objects.published()
            .select_related("meeting")
            .newest_first()[:LATEST],
            latest_statements=Statement.objects.published().select_related("issuer")[:LATEST],
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
    q = forms.CharField(label=_("Search the record"), max_length=500, required=False, strip=True)


def search(request):
    """Decisions whose title, summary or conditions contain every word of the query.

    A simple search that works on every database; ranked full-text search replaces it."""
    form = SearchForm(request.GET)
    decisions = Decision.objects.none()
    if form.is_valid() and form.cleaned_data["q"]:
        decisions = Decision.objects.published().select_related("meeting")
        for word in form.cleaned_data["q"].replace("\x00", "").split()[:20]:
            decisions = decisions.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(conditions__icontains=word)
            )
        decisions = decisions.newest_first()[:100]
    return render(request, "plenaries/search.html", {"form": form, "decisions": decisions})


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain"

    def get_context_data(self, **kwargs):
        return super().get_context_data(admin_url=settings.ADMIN_URL, **kwargs)
