from django.contrib import admin
from django.utils.translation import gettext as _

from plenaries.models import Decision, Position
from plenaries.resources import DecisionResource, PositionResource

from .base import ImportExportAdmin, PublishableAdmin, RecordAdmin, RecordInlineMixin


class PositionInline(RecordInlineMixin, admin.TabularInline):
    model = Position
    fields = ("participant", "others", "attribution", "stance", "note", "statements", "sources")
    extra = 0
    autocomplete_fields = ("participant", "statements", "sources")


@admin.register(Decision)
class DecisionAdmin(ImportExportAdmin, PublishableAdmin):
    resource_classes = (DecisionResource,)
    list_display = ("title", "meeting", "outcome", "publication_status", "updated_at")
    list_filter = ("outcome", "publication_status", "meeting__year", "working_body", "topics")
    list_select_related = ("meeting",)
    search_fields = (
        "title", "identifier", "summary", "slug",
        "participants_concerned__name", "participants_concerned__other_names__name",
    )  # fmt: skip
    prepopulated_fields = {"slug": ("title",)}
    date_hierarchy = "meeting__starts_on"
    autocomplete_fields = (
        "meeting", "participants_concerned", "topics", "working_body",
        "amends", "supersedes", "lifts", "sources",
    )  # fmt: skip
    fieldsets = (
        (None, {"fields": ("title", "slug", "identifier", "outcome")}),
        (
            _("Taken"),
            {"fields": ("meeting", "written_procedure", ("decided_on", "decided_on_precision"))},
        ),
        (_("Content"), {"fields": ("summary", "conditions", "text")}),
        (
            _("Dates"),
            {
                "fields": (
                    ("effective_on", "effective_on_precision"),
                    ("review_on", "review_on_precision"),
                )
            },
        ),
        (
            _("Concerns"),
            {"fields": ("participants_concerned", "topics", "working_body")},
        ),
        (_("Related decisions"), {"fields": ("amends", "supersedes", "lifts")}),
        (_("Sources"), {"fields": ("sources",)}),
        (_("Publication"), {"fields": ("publication_status", ("created_at", "updated_at"))}),
    )
    inlines = (PositionInline,)


@admin.register(Position)
class PositionAdmin(ImportExportAdmin, RecordAdmin):
    resource_classes = (PositionResource,)
    list_display = ("decision", "participant", "others", "attribution", "stance")
    list_filter = ("stance", "attribution")
    list_select_related = ("decision__meeting", "participant")
    search_fields = (
        "decision__title",
        "participant__name",
        "participant__other_names__name",
        "others",
        "note",
    )
    autocomplete_fields = ("decision", "participant", "statements", "sources")
