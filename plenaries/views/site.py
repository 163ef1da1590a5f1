from django import forms
from django.conf import settings
from django.db.models import Count, F
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from plenaries.filters import DecisionFilter, StatementFilter
from plenaries.models import Decision, Meeting, Participant, Statement
from plenaries.page_cache import from_code_alone
from plenaries.search import (
    MAX_COUNTED,
    MAX_FALLBACK_TERMS,
    clean_query,
    dropped_terms,
    matching_pks,
    suggestion,
)
from plenaries.snippets import meeting_snippet, participant_snippet

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


def record_counts():
    """How many published decisions, statements, participants and observers: three queries."""
    roles = dict(
        Participant.objects.published()
        .order_by()
        .values("role")
        .annotate(count=Count("pk"))
        .values_list("role", "count")
    )
    return {
        "decisions": Decision.objects.published().count(),
        "statements": Statement.objects.published().count(),
        "participants": roles.get(Participant.Role.PARTICIPANT, 0),
        "observers": roles.get(Participant.Role.OBSERVER, 0),
    }


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
            year_counts=Decision.objects.published().count_by_year_and_outcome(),
            counts={"meetings": Meeting.objects.published().count(), **record_counts()},
            **kwargs,
        )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the record"), max_length=500, required=False)


GROUP_SIZE = 5


def search(request):
    """One search box for the whole record: decisions, statements, meetings and participants,
    grouped, each group linking to its full list."""
    return render(request, "plenaries/search.html", search_context(request.GET))


def search_context(query):
    """What /search/ shows for `query` (the URL's parameters); its feed reads the same."""
    form = SearchForm(query)
    text = clean_query(form.cleaned_data["q"]) if form.is_valid() else ""
    context = {"form": form, "query": text, "max_counted": MAX_COUNTED}
    context["dropped_terms"], context["max_terms"] = dropped_terms(text), MAX_FALLBACK_TERMS
    if text:
        for name, filterset in (
            ("decision", DecisionFilter({"q": text}, queryset=listed_decisions())),
            ("statement", StatementFilter({"q": text}, queryset=listed_statements())),
        ):
            _, found = found_page(filterset, per_page=GROUP_SIZE)
            context[f"{name}s"] = found["page_obj"].object_list
            context[f"{name}_total"] = found["total"]  # None past MAX_COUNTED: "more than"
        meetings = list(found_meetings(text)[: GROUP_SIZE * 4])
        participants = list(found_participants(text)[: GROUP_SIZE * 4])
        for meeting in meetings:
            meeting.snippet = meeting_snippet(meeting, text)
        for participant in participants:
            participant.snippet = participant_snippet(participant, text)
        context["meetings"], context["participants"] = meetings, participants
        # What the query names exactly comes first: "Russia" is the Russian Federation.
        context["best_participants"] = [found for found in participants if found.rank]
        context["best_meetings"] = [found for found in meetings if found.rank]
        totals = (context["decision_total"], context["statement_total"])
        found = sum(MAX_COUNTED + 1 if total is None else total for total in totals)
        found += len(meetings) + len(participants)
        context["found_nothing"] = found == 0
        context["suggestion"] = suggestion_finding_more(text, found)
    return context


def found_meetings(text):
    """Published meetings matching `text`, those it names exactly first, then newest first;
    with their published host and its other names, for the snippets."""
    return (
        Meeting.objects.published()
        .search(text)
        .with_published("host")
        .prefetch_related("host__other_names")
        .order_by("-rank", "-year", F("starts_on").desc(nulls_last=True))
    )


def found_participants(text):
    """Published participants matching `text`, those it names exactly first, then by name."""
    return (
        Participant.objects.published()
        .search(text)
        .prefetch_related("other_names")
        .order_by("-rank", "name")
    )


def count_found(text):
    """How many records `text` finds on this page, counting each group up to MAX_COUNTED + 1:
    four queries."""
    return (
        len(matching_pks(listed_decisions().search(text)))
        + len(matching_pks(listed_statements().search(text)))
        + Meeting.objects.published().search(text).count()
        + Participant.objects.published().search(text).count()
    )


def suggestion_finding_more(text, found):
    """The "did you mean" of `text`, offered only when it finds more than the `found` records
    `text` finds: a correction that finds less, or the same, helps no one."""
    corrected = suggestion(text)
    if corrected is None or count_found(corrected) <= found:
        return None
    return corrected


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain"

    def get(self, request, *args, **kwargs):
        return from_code_alone(super().get)(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(admin_url=settings.ADMIN_URL, **kwargs)
