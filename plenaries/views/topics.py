from django.db.models import Count, Prefetch, Q
from django.views.generic import ListView

from plenaries.models import PublicationStatus, Topic

from .base import RecordDetailView
from .decisions import listed_decisions
from .statements import listed_statements

PUBLISHED = PublicationStatus.PUBLISHED


def listed_topics():
    """Every topic by name, with the number of its published decisions and statements: one query
    (two subqueries, so that the two counts do not multiply each other)."""
    return Topic.objects.annotate(
        decision_count=Count(
            "decisions", filter=Q(decisions__publication_status=PUBLISHED), distinct=True
        ),
        statement_count=Count(
            "statements", filter=Q(statements__publication_status=PUBLISHED), distinct=True
        ),
    ).order_by("name")


class TopicListView(ListView):
    """The subjects decisions and statements are tagged with, each with how many it has."""

    template_name = "plenaries/topic_list.html"
    context_object_name = "topics"

    def get_queryset(self):
        return listed_topics()


class TopicDetailView(RecordDetailView):
    """A topic with its published decisions and statements, newest first, and its feeds.

    Topics are not drafted and published as records are: each is public. What is listed on its
    page goes through published(). A renamed one's old address redirects, as a record's does."""

    model = Topic
    context_object_name = "topic"

    def get_queryset(self):
        return Topic.objects.prefetch_related(
            Prefetch("decisions", queryset=listed_decisions().newest_first()),
            Prefetch("statements", queryset=listed_statements().newest_first()),
        )
