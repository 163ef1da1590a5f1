"""Atom feeds of decisions and statements: the whole record, one participant's, one topic's."""

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from .markup import render_markdown
from .models import Decision, Participant, Statement, Topic

FEED_SIZE = 50


def list_url(name, **filters):
    """The address of a public list narrowed by `filters` (records, by slug; None is no filter)."""
    query = urlencode({key: record.slug for key, record in filters.items() if record is not None})
    return f"{reverse(name)}?{query}" if query else reverse(name)


class RecordFeed(Feed):
    """Shared by every feed: Atom, newest changes first, each entry's text sanitised."""

    feed_type = Atom1Feed
    scope_model = None  # Participant or Topic for a scoped feed

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
        return list_url("plenaries:statement-list", topic=scope)

    def items(self, scope=None):
        statements = Statement.objects.published().with_published("issuer")
        if isinstance(scope, Participant):
            statements = statements.filter(issuer=scope)
        elif isinstance(scope, Topic):
            statements = statements.filter(topics=scope)
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


class ParticipantStatementFeed(StatementFeed):
    scope_model = Participant


class TopicStatementFeed(StatementFeed):
    scope_model = Topic
