from django import forms
from django.conf import settings
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from plenaries import search as full_text
from plenaries.models import Decision, Meeting, Participant, Statement
from plenaries.models.decisions import NEWEST_FIRST as NEWEST_DECISIONS
from plenaries.models.statements import NEWEST_FIRST as NEWEST_STATEMENTS
from plenaries.search import MAX_COUNTED, clean_query

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
    q = forms.CharField(label=_("Search the record"), max_length=500, required=False)


GROUP_SIZE = 5


def search(request):
    """One search box for the whole record: decisions, statements, meetings and participants,
    grouped, each group linking to its full list."""
    form = SearchForm(request.GET)
    text = clean_query(form.cleaned_data["q"]) if form.is_valid() else ""
    context = {"form": form, "query": text}
    if text:
        for name, records, newest in (
            ("decision", Decision.objects.select_related("meeting"), NEWEST_DECISIONS),
            ("statement", Statement.objects.select_related("issuer"), NEWEST_STATEMENTS),
        ):
            records = records.published()
            matches = full_text.search(records, text)
            if "rank" in matches.query.annotations:
                pks, counted = full_text.ranked(matches, newest)
                found = records.in_bulk(pks[:GROUP_SIZE])
                context[f"{name}s"] = [found[pk] for pk in pks[:GROUP_SIZE] if pk in found]
            else:
                counted = len(full_text.matching_pks(matches))
                context[f"{name}s"] = list(matches.order_by(*newest)[:GROUP_SIZE])
            # None past MAX_COUNTED: the page says "more than 1,000".
            context[f"{name}_total"] = counted if counted <= MAX_COUNTED else None
        context["max_counted"] = MAX_COUNTED
        words = text.split()[:10]
        meetings, participants = Q(), Q()
        for word in words:
            meetings &= (
                Q(city__icontains=word) | Q(summary__icontains=word) | Q(slug__icontains=word)
            )
            participants &= (
                Q(name__icontains=word)
                | Q(short_name__icontains=word)
                | Q(other_names__name__iexact=word)
            )
        context["meetings"] = Meeting.objects.published().filter(meetings)[: GROUP_SIZE * 4]
        context["participants"] = (
            Participant.objects.published().filter(participants).distinct()[: GROUP_SIZE * 4]
        )
        context["suggestion"] = full_text.suggestion(text)
    return render(request, "plenaries/search.html", context)


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain"

    def get_context_data(self, **kwargs):
        return super().get_context_data(admin_url=settings.ADMIN_URL, **kwargs)
