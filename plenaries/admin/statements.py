from django.contrib import admin
from django.db.models import F
from django.utils.translation import gettext as _

from plenaries.models import Quotation, ReportedFigure, Statement
from plenaries.resources import StatementResource

from .base import ImportExportAdmin, RecordAdmin, RecordInlineMixin
from .publishing import PublishableAdmin


class QuotationInline(RecordInlineMixin, admin.StackedInline):
    model = Quotation
    fields = ("text", ("speaker", "order"))
    extra = 0


class ReportedFigureInline(RecordInlineMixin, admin.TabularInline):
    model = ReportedFigure
    fields = ("description", "qualifier", "amount", "currency", "recipient", "from_year", "to_year")
    extra = 0
    autocomplete_fields = ("recipient",)


@admin.register(Statement)
class StatementAdmin(ImportExportAdmin, PublishableAdmin):
    resource_classes = (StatementResource,)
    list_display = ("title", "issuer", "kind", "issued_on", "meeting", "publication_status")
    list_filter = ("kind", "publication_status", "meeting__year")
    list_select_related = ("issuer", "meeting")
    search_fields = ("title", "speaker", "body", "issuer__name", "issuer__other_names__name")
    date_hierarchy = "issued_on"
    autocomplete_fields = (
        "issuer", "meeting", "decisions", "working_bodies", "topics", "sources",
    )  # fmt: skip
    ordering = (F("issued_on").desc(nulls_last=True), "-updated_at")
    fieldsets = (
        (None, {"fields": ("title", "slug", "kind", "issuer", ("speaker", "speaker_office"))}),
        (_("When"), {"fields": ("issued_on", "meeting")}),
        (_("Text"), {"fields": ("body", "press_contact")}),
        (_("What it is about"), {"fields": ("decisions", "working_bodies", "topics")}),
        (_("Sources"), {"fields": ("sources",)}),
        (_("Publication"), {"fields": ("publication_status", ("created_at", "updated_at"))}),
    )
    inlines = (QuotationInline, ReportedFigureInline)


@admin.register(Quotation)
class QuotationAdmin(RecordAdmin):
    list_display = ("__str__", "statement", "speaker")
    list_select_related = ("statement__issuer",)
    search_fields = ("text", "speaker", "statement__title")
    ordering = ("-updated_at",)
    autocomplete_fields = ("statement",)


@admin.register(ReportedFigure)
class ReportedFigureAdmin(RecordAdmin):
    list_display = ("description", "qualifier", "amount", "currency", "recipient", "statement")
    list_select_related = ("recipient", "statement__issuer")
    search_fields = ("description", "statement__title")
    ordering = ("-updated_at",)
    autocomplete_fields = ("statement", "recipient")
