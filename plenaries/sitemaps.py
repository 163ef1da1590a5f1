"""The sitemap: every public page, in English and French, each with its other language as an
hreflang alternate."""

from django.contrib.sitemaps import GenericSitemap, Sitemap
from django.urls import reverse

from .models import Decision, Meeting, Participant, Statement, WorkingBody


class InBothLanguages:
    i18n = True
    alternates = True
    x_default = True


class RecordSitemap(InBothLanguages, GenericSitemap):
    def __init__(self, model):
        records = model.objects.published().order_by("pk")
        super().__init__({"queryset": records, "date_field": "updated_at"})


class PageSitemap(InBothLanguages, Sitemap):
    def items(self):
        return [
            "plenaries:home",
            "plenaries:meeting-list",
            "plenaries:decision-list",
            "plenaries:participant-list",
            "plenaries:statement-list",
            "plenaries:working-body-list",
            "plenaries:chair-list",
            "plenaries:blocked-list",
            "plenaries:about",
        ]

    def location(self, item):
        return reverse(item)


class WorkingBodySitemap(InBothLanguages, Sitemap):
    """Working bodies are all public: they are not drafted and published as records are."""

    def items(self):
        return WorkingBody.objects.order_by("pk")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "pages": PageSitemap(),
    "meetings": RecordSitemap(Meeting),
    "decisions": RecordSitemap(Decision),
    "participants": RecordSitemap(Participant),
    "statements": RecordSitemap(Statement),
    "working-bodies": WorkingBodySitemap(),
}
