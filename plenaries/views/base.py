"""What the public pages share. Every queryset starts from published(): drafts never show."""

from django.core.paginator import Paginator
from django.db.models import F, Prefetch
from django.http import Http404, HttpResponsePermanentRedirect
from django.views.generic import DetailView

from plenaries import search
from plenaries.models import Source
from plenaries.search import MAX_COUNTED
from plenaries.snippets import snippets

PAGE_SIZE = 50


def strongest_sources(lookup="sources"):
    """Prefetch the sources of `lookup` strongest first (Source.strongest_first()): a page lists
    official KP documents before the news reports and blogs that repeat them."""
    return Prefetch(lookup, queryset=Source.objects.strongest_first())


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
        return renamed(self.get_queryset(), self.kwargs["slug"])


def renamed(records, slug):
    """The record of `records` (the published ones a page or the API may show) that once had
    `slug` and now has another, from its history; None if there is none."""
    once = (
        records.model.history.filter(slug=slug)
        .order_by("-history_date")
        .values_list("id", flat=True)
        .first()
    )
    if once is None:
        return None
    return records.filter(pk=once).exclude(slug=slug).first()


class UncountedPaginator(Paginator):
    """Pages that know only whether another follows: for results too many to count."""

    uncounted = True

    def __init__(self, object_list, per_page, number):
        super().__init__(object_list, per_page)
        window = list(object_list[(number - 1) * per_page : number * per_page + 1])
        self.more = len(window) > per_page
        self.rows = window[:per_page]
        self.count = (number - 1) * per_page + len(self.rows) + (1 if self.more else 0)

    def page(self, number):
        return self._get_page(self.rows, number, self)


def counted_page(results, counted, number, per_page):
    """A page of `results`, of which `counted` were counted by search.matching_pks(): past
    MAX_COUNTED, pages are not counted and know only whether another follows."""
    if counted > MAX_COUNTED:
        paginator = UncountedPaginator(results, per_page, number)
        if not paginator.rows and number > 1:  # past the end, which it cannot know: page 1
            number, paginator = 1, UncountedPaginator(results, per_page, 1)
        return paginator.page(number)
    paginator = Paginator(results, per_page)
    paginator.count = counted
    return paginator.get_page(number)


def page_of(pks, records, number, per_page):
    """A page of the records whose `pks` are listed in order (as search.ranked() gives them).

    Records are read from `records` by primary key alone: the search and filters have done their
    work, and repeating them could only mislead the query planner."""
    page = Paginator(pks, per_page).get_page(number)
    found = records.in_bulk(page.object_list)
    # A record unpublished since the search read its pk is left out, not an error.
    page.object_list = [found[pk] for pk in page.object_list if pk in found]
    return page


def every_match(filterset):
    """Every record a searchable list finds for its query, in the order of its pages: the CSV of
    the list and the API hold them all. By date as found_page() orders them; by relevance as
    search.ranked() does, the newest first among equal ranks. (Past MAX_COUNTED matches, a
    page ranks only the newest 1,000 and says so; here every match is ranked.)"""
    matches = filterset.qs
    if filterset.order == "relevance" and "rank" in matches.query.annotations:
        return matches.order_by(F("rank").desc(), *matches.newest)
    return matches.oldest_first() if filterset.order == "oldest" else matches.newest_first()


def found_page(filterset, per_page=PAGE_SIZE):
    """What a searchable list finds: (the pks counted, the template's context).

    `filterset` holds the words, filters, order and page asked for (SearchFilterSet). Ranked
    by relevance, the page comes from search.ranked(); by date, from counted_page().
    Either way at most MAX_COUNTED + 1 matches are counted, and where no more than MAX_COUNTED
    match, the pks are all of them."""
    matches = filterset.qs
    ranked = filterset.order == "relevance" and "rank" in matches.query.annotations
    if ranked:
        pks, counted = search.ranked(matches)
        page = page_of(pks, filterset.queryset, filterset.page_number, per_page)
    else:
        pks = search.matching_pks(matches)
        counted = len(pks)
        by_date = matches.oldest_first() if filterset.order == "oldest" else matches.newest_first()
        page = counted_page(by_date, counted, filterset.page_number, per_page)
    found = snippets(page.object_list, filterset.text)
    for record in page.object_list:
        record.snippet = found.get(record.pk)
    return pks, {
        "filter": filterset,
        "page_obj": page,
        "total": counted if counted <= MAX_COUNTED else None,
        "max_counted": MAX_COUNTED,
        "ranked": ranked,
        "narrowed": filterset.narrowed,
        "query": filterset.text,
    }
