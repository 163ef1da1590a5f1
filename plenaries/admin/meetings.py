from django.contrib import admin
from django.utils.translation import gettext as _

from plenaries.models import Decision, Meeting, Source, Topic, WorkingBody
from plenaries.resources import MeetingResource

from .base import ImportExportAdmin, PublishableAdmin, RecordAdmin


class MeetingDecisionInline(admin.TabularInline):
    """The decisions of a meeting, listed on it; each opens in its own form."""

    model = Decision
    fields = ("title", "outcome", "identifier", "publication_status")
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False
    verbose_name_plural = _("decisions of this meeting")

    def has_add_permission(self, request, obj=None):
        return False


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
    prepopulated_fields = {"slug": ("year", "city")}
    autocomplete_fields = ("host", "sources")
    date_hierarchy = "starts_on"
    fieldsets = (
        (None, {"fields": (("kind", "year", "ordinal"), ("city", "country"), "host", "slug")}),
        (_("When and how"), {"fields": (("starts_on", "ends_on"), "format", "communique_issued")}),
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


@admin.register(Topic)
class TopicAdmin(RecordAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Source)
class SourceAdmin(RecordAdmin):
    list_display = ("title", "publisher", "url", "published_on")
    list_filter = ("publisher",)
    search_fields = ("title", "publisher", "url", "note")
    date_hierarchy = "published_on"
    fields = ("title", "url", "publisher", ("published_on", "published_on_precision"), "note")
