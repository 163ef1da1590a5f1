from django.db.models import Prefetch
from django.views.generic import ListView

from plenaries.models import WorkingBody

from .base import RecordDetailView, strongest_sources
from .decisions import listed_decisions
from .statements import listed_statements


class WorkingBodyListView(ListView):
    """The committees, working groups and monitoring teams the sources name."""

    queryset = WorkingBody.objects.all()
    template_name = "plenaries/workingbody_list.html"
    context_object_name = "working_bodies"


class WorkingBodyDetailView(RecordDetailView):
    """A working body with the published decisions and statements about it.

    Working bodies are not drafted and published as records are: each is public. What is listed
    on its page goes through published(). A renamed one's old address redirects, as a record's
    does."""

    model = WorkingBody
    context_object_name = "working_body"

    def get_queryset(self):
        return WorkingBody.objects.prefetch_related(
            strongest_sources(),
            Prefetch("decisions", queryset=listed_decisions().newest_first()),
            Prefetch("statements", queryset=listed_statements().newest_first()),
        )
