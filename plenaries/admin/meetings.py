from django.contrib import admin
from django.db.models import F
from django.utils.translation import gettext as _

from plenaries.models import Decision, Meeting, Source, Topic, WorkingBody
from plenaries.resources import MeetingResource

from .base import ImportExportAdmin, RecordAdmin, RecordInlineMixin
from .publishing import PublishableAdmin


class MeetingDecisionInline(RecordInlineMixin, admin.TabularInline):
    """The decisions of a meeting, entered on it a row each, as from the minutes. A new one is a
    draft; its sources, positions and publishing are in its own form, which each row links to."""

    model = Decision
    fields = ("title", "slug", "outcome", "summary", "publication_status")
    readonly_fields = ("publication_status",)
    extra = 0
    show_change_link = True
    can_delete = False  # deleting, like publishing, is done in the decision's own form
    view_on_site = False  # a draft's public address is a 404; the decision's form has the link
    verbose_name_plural = _("decisions of this meeting")


@admin.register(Meeting)
class MeetingAdmin(ImportExportAdmin, PublishableAdmin):
    resource_classes = (MeetingResource,)
    list_display = (
        "__str__",
        "kind",
        "year",
        "starts_on",
        "ends_on",
        "format",
        "communique_issued",
        "publication_status",
    )
    list_filter = ("kind", "format", "communique_issued", "publication_status", "year")
    search_fields = ("city", "slug", "summary", "host__name")
    autocomplete_fields = ("host", "communique_sources", "sources")
    date_hierarchy = "starts_on"
    ordering = ("-year", F("starts_on").desc(nulls_last=True), "-updated_at")
    fieldsets = (
        (None, {"fields": (("kind", "year", "ordinal"), ("city", "country"), "host", "slug")}),
        (
            _("When and how"),
            {
                "fields": (
                    ("starts_on", "ends_on"),
                    "format",
                    "communique_issued",
                    "communique_sources",
                )
            },
        ),
        (_("Summary"), {"fields": ("summary",)}),
        (_("Sources"), {"fields": ("sources",)}),
        (_("Publication"), {"fields": ("publication_status", ("created_at", "updated_at"))}),
    )
    inlines = (MeetingDecisionInline,)


@admin.register(WorkingBody)
class WorkingBodyAdmin(RecordAdmin):
    list_display = ("name", "abbreviation", "kind")
    list_filter = ("kind",)
    search_fields = ("name", "abbreviation")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("sources",)
    ordering = ("-updated_at",)


@admin.register(Topic)
class TopicAdmin(RecordAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    ordering = ("-updated_at",)


@admin.register(Source)
class SourceAdmin(RecordAdmin):
    list_display = ("title", "kind", "publisher", "url", "published_on")
    list_filter = ("kind", "publisher")
    search_fields = ("title", "publisher", "url", "archived_url", "note")
    date_hierarchy = "published_on"
    ordering = (F("published_on").desc(nulls_last=True), "-updated_at")
    fields = ("title", "kind", "url", "archived_url", "publisher", "published_on", "note")
