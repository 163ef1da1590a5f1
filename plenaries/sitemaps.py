from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Decision, Meeting, Participant, Statement


class RecordSitemap(Sitemap):
    model = None

    def items(self):
        return self.model.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class MeetingSitemap(RecordSitemap):
    model = Meeting


class DecisionSitemap(RecordSitemap):
    model = Decision


class ParticipantSitemap(RecordSitemap):
    model = Participant


class StatementSitemap(RecordSitemap):
    model = Statement


class PageSitemap(Sitemap):
    def items(self):
        return [
            "plenaries:home",
            "plenaries:meeting-list",
            "plenaries:decision-list",
            "plenaries:participant-list",
            "plenaries:statement-list",
            "plenaries:chair-list",
            "plenaries:blocked-list",
        ]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": PageSitemap,
    "meetings": MeetingSitemap,
    "decisions": DecisionSitemap,
    "participants": ParticipantSitemap,
    "statements": StatementSitemap,
}
