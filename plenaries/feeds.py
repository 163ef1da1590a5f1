"""Atom feeds: of every public list, exactly what the list shows for the same query (its
words, filters and order), and of one participant's or one topic's decisions and statements."""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.http import HttpResponseBadRequest, QueryDict
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .filters import ListFilterSet, unknown_parameters
from .markup import render_markdown
from .models import Decision, Participant, Statement, Topic, WorkingBody

FEED_SIZE = 50


def list_url(name, **filters):
    """The address of a public list narrowed by `filters` (records, by slug; None is no filter)."""
    query = urlencode({key: record.slug for key, record in filters.items() if record is not None})
    return f"{reverse(name)}?{query}" if query else reverse(name)


class RecordFeed(Feed):
    """Shared by every feed: Atom, newest changes first, each entry's text sanitised."""

    feed_type = Atom1Feed
    scope_model = None  # Participant, Topic or WorkingBody for a scoped feed

    def scopes(self):
        """What a scoped feed may be about: participants only once published."""
        if self.scope_model is Participant:
            return Participant.objects.published()
        return self.scope_model.objects.all()

    def get_object(self, request, slug=None):
        if self.scope_model is None:
            return None
        return get_object_or_404(self.scopes(), slug=slug)

    def item_updateddate(self, item):
        return item.updated_at

    def item_pubdate(self, item):
        return item.created_at

    def item_title(self, item):
        return item.title


class DecisionFeed(RecordFeed):
    def title(self, scope=None):
        if scope is None:
            return _("KP Tracker: decisions of the Kimberley Process")
        return _("KP Tracker: decisions on %(scope)s") % {"scope": scope}

    def link(self, scope=None):
        """The page listing what the feed holds, in the feed's language."""
        if isinstance(scope, Participant):
            return scope.get_absolute_url()  # its positions and the decisions that concern it
        return list_url("plenaries:decision-list", topic=scope)

    def subtitle(self, scope=None):
        return _("Decisions taken, blocked or deferred, with their sources.")

    def items(self, scope=None):
        decisions = Decision.objects.published()
        if isinstance(scope, Participant):
            decisions = decisions.filter(
                Q(participants_concerned=scope) | Q(positions__participant=scope)
            ).distinct()
        elif isinstance(scope, Topic):
            decisions = decisions.filter(topics=scope)
        elif isinstance(scope, WorkingBody):
            decisions = decisions.filter(working_body=scope)
        return decisions.order_by("-updated_at")[:FEED_SIZE]

    def item_description(self, item):
        outcome = item.get_outcome_display()
        return f"<p><strong>{outcome}</strong></p>{render_markdown(item.summary)}"


class StatementFeed(RecordFeed):
    def title(self, scope=None):
        if scope is None:
            return _("KP Tracker: statements on the Kimberley Process")
        return _("KP Tracker: statements on %(scope)s") % {"scope": scope}

    def link(self, scope=None):
        """The page listing what the feed holds, in the feed's language."""
        if isinstance(scope, Participant):
            return list_url("plenaries:statement-list", issuer=scope)
        if isinstance(scope, WorkingBody):
            return scope.get_absolute_url()  # the statements list has no such filter
        return list_url("plenaries:statement-list", topic=scope)

    def items(self, scope=None):
        statements = Statement.objects.published().with_published("issuer")
        if isinstance(scope, Participant):
            statements = statements.filter(issuer=scope)
        elif isinstance(scope, Topic):
            statements = statements.filter(topics=scope)
        elif isinstance(scope, WorkingBody):
            statements = statements.filter(working_bodies=scope)
        return statements.order_by("-updated_at")[:FEED_SIZE]

    def item_author_name(self, item):
        issuer = getattr(item, "issuer", None)  # None while the issuer is a draft
        return issuer.name if issuer else None

    def item_description(self, item):
        return render_markdown(item.body)


class ParticipantDecisionFeed(DecisionFeed):
    scope_model = Participant


class TopicDecisionFeed(DecisionFeed):
    scope_model = Topic


class WorkingBodyDecisionFeed(DecisionFeed):
    scope_model = WorkingBody


class ParticipantStatementFeed(StatementFeed):
    scope_model = Participant


class TopicStatementFeed(StatementFeed):
    scope_model = Topic


class WorkingBodyStatementFeed(StatementFeed):
    scope_model = WorkingBody


# Feeds of the public lists ---------------------------------------------------------------------


class InvalidQuery(Exception):
    """A feed's or CSV's query names a filter the list does not have, or a value it does not
    take."""

    def response(self):
        """400, naming each problem: a feed or a file cannot show the list's message."""
        return HttpResponseBadRequest(str(self), content_type="text/plain; charset=utf-8")


@dataclass
class Listing:
    """What a list shows for a query: its records in order, and the filters applied."""

    query: QueryDict
    records: list
    filterset: ListFilterSet | None = None


def checked(filterset, query=()):
    """`filterset`, once its values are all understood; else InvalidQuery, naming them. A list
    without filters (`filterset` None) understands no parameter of its `query`. The one check
    of a list's query for its feed and its CSV (plenaries.csv_export)."""
    if filterset is None:
        problems = not_filters(unknown_parameters(query))
    else:
        problems = [
            f"{filterset.filters[name].label}: {error}" if name in filterset.filters else str(error)
            for name, errors in filterset.form.errors.items()
            for error in errors
        ]
        problems += not_filters(filterset.unknown)
    if problems:
        raise InvalidQuery("\n".join(problems))
    return filterset


def not_filters(names):
    """What a feed answers of parameters its list does not know, one line each."""
    return [gettext("“%(name)s” is not a filter of this list.") % {"name": name} for name in names]


class ListFeed(Feed):
    """The Atom feed of a public list (`list_name`): the records its first page shows, in its
    order, for the same query, read by the code that serves the list (records()). A value the
    list would report as not understood answers 400: a feed cannot show the message."""

    feed_type = Atom1Feed
    list_name = None
    noun = None  # the feed's title: "KP Tracker: <noun>"

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except InvalidQuery as error:
            return error.response()

    def get_object(self, request):
        query = request.GET.copy()
        query.pop("page", None)  # a feed holds what the first page shows
        filterset, records = self.records(query)
        checked(filterset, query)
        return Listing(query, list(records)[:FEED_SIZE], filterset)

    def records(self, query):
        """(the list's FilterSet bound to `query`, or None; the records the list shows)."""
        raise NotImplementedError

    def title(self, listing):
        title = _("KP Tracker: %(list)s") % {"list": self.noun}
        chips = listing.filterset.chips() if listing.filterset else []
        if chips:
            narrowed = "; ".join(f"{chip.label}: {chip.value}" for chip in chips)
            title = f"{title} ({narrowed})"
        return title

    def link(self, listing):
        """The list itself, narrowed as the feed is, in the feed's language."""
        address = reverse(self.list_name)
        return f"{address}?{listing.query.urlencode()}" if listing.query else address

    def items(self, listing):
        return listing.records

    def item_title(self, item):
        return str(item)

    def item_updateddate(self, item):
        return item.updated_at

    def item_pubdate(self, item):
        return item.created_at


class DecisionListFeed(ListFeed):
    list_name = "plenaries:decision-list"
    noun = _("decisions")

    def records(self, query):
        from .views.decisions import found_decisions

        found = found_decisions(query, per_page=FEED_SIZE, with_facets=False)
        return found["filter"], found["decisions"]

    def subtitle(self, listing):
        return _("Decisions taken, blocked or deferred, with their sources.")

    item_title = DecisionFeed.item_title
    item_description = DecisionFeed.item_description


class StatementListFeed(ListFeed):
    list_name = "plenaries:statement-list"
    noun = _("statements")

    def records(self, query):
        from .views.statements import found_statements

        found = found_statements(query, per_page=FEED_SIZE, with_facets=False)
        return found["filter"], found["statements"]

    item_title = StatementFeed.item_title
    item_author_name = StatementFeed.item_author_name
    item_description = StatementFeed.item_description


class ParticipantListFeed(ListFeed):
    list_name = "plenaries:participant-list"
    noun = _("participants and observers")

    def records(self, query):
        from .views.participants import listed_participants

        return listed_participants(query)

    def item_description(self, item):
        kind = item.get_kind_display()
        parts = [str(item.get_role_display()), str(kind) if kind else "", item.current_status_label]
        return " · ".join(str(part) for part in parts if part)


class MeetingListFeed(ListFeed):
    list_name = "plenaries:meeting-list"
    noun = _("meetings")

    def records(self, query):
        from .views.meetings import MeetingListView

        return None, MeetingListView().get_queryset()

    def item_description(self, item):
        return render_markdown(item.summary)


class WorkingBodyListFeed(ListFeed):
    list_name = "plenaries:working-body-list"
    noun = _("working bodies")

    def records(self, query):
        from .views.working_bodies import WorkingBodyListView

        return None, WorkingBodyListView().get_queryset()

    def item_description(self, item):
        return item.get_kind_display()


class ChairListFeed(ListFeed):
    list_name = "plenaries:chair-list"
    noun = _("chairs and vice chairs")

    def records(self, query):
        from .views.meetings import ChairListView

        return None, ChairListView().get_context_data()["chairmanships"]

    def item_title(self, item):
        chair = item.chair.name if item.chair else gettext("no chair")
        return f"{item.year}: {chair}"

    def item_link(self, item):
        return f"{reverse(self.list_name)}#chair-{item.year}"

    def item_description(self, item):
        if item.vice_chair:
            return gettext("Vice chair: %(name)s") % {"name": item.vice_chair.name}
        return item.note


class BlockedListFeed(ListFeed):
    list_name = "plenaries:blocked-list"
    noun = _("items blocked or unresolved")

    def records(self, query):
        from .views.meetings import BlockedListView

        return None, BlockedListView().get_context_data()["blocked"]

    item_title = DecisionFeed.item_title
    item_description = DecisionFeed.item_description


class TopicListFeed(ListFeed):
    list_name = "plenaries:topic-list"
    noun = _("topics")

    def records(self, query):
        from .views.topics import listed_topics

        return None, listed_topics()

    def item_description(self, item):
        return item.description


class SearchFeed(ListFeed):
    """What /search/ shows for its words: the decisions, statements, meetings and participants
    it finds, group after group, in the page's order."""

    list_name = "plenaries:search"
    noun = _("search")

    def get_object(self, request):
        from .views.site import search_context

        query = request.GET.copy()
        unknown = unknown_parameters(query, known=("q",))
        found = search_context(query)
        if unknown or found["form"].errors:
            problems = [f"q: {error}" for error in found["form"].errors.get("q", [])]
            raise InvalidQuery("\n".join(problems + not_filters(unknown)))
        groups = ("decisions", "statements", "meetings", "participants")
        records = [record for group in groups for record in found.get(group, ())]
        return Listing(query, records)

    def title(self, listing):
        words = listing.query.get("q", "").strip()
        if words:
            return _("KP Tracker: search for “%(words)s”") % {"words": words}
        return _("KP Tracker: search")

    def item_title(self, item):
        return getattr(item, "title", None) or str(item)

    def item_description(self, item):
        snippet = getattr(item, "snippet", None)
        return str(snippet) if snippet else None
