"""What the public pages share. Every queryset starts from published(): drafts never show."""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponsePermanentRedirect
from django.views.generic import DetailView

PAGE_SIZE = 50


class RecordDetailView(DetailView):
    """A record's page, found by slug; an old slug answers with a permanent redirect."""

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            moved = self.moved_record()
            if moved is None:
                raise
            return HttpResponsePermanentRedirect(moved.get_absolute_url())

    def moved_record(self):
        """The published record that once had this page's slug, from the record's history."""
        slug = self.kwargs["slug"]
        once = (
            self.model.history.filter(slug=slug)
            .order_by("-history_date")
            .values_list("id", flat=True)
            .first()
        )
        if once is None:
            return None
        return self.model.objects.published().filter(pk=once).exclude(slug=slug).first()


def paginate(request, queryset, per_page=PAGE_SIZE):
    """A page of `queryset`; a page number out of range or not a number gives the nearest page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
