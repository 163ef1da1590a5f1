from django.contrib import admin
from django.db.models import F
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext as _

from plenaries.models import Chairmanship, Participant, ParticipantName, StatusPeriod
from plenaries.models.participants import periods_overlap
from plenaries.resources import ParticipantResource

from .base import ImportExportAdmin, RecordAdmin, RecordInlineMixin, kept_rows
from .publishing import PublishableAdmin


class ParticipantNameInline(RecordInlineMixin, admin.TabularInline):
    model = ParticipantName
    extra = 1
    verbose_name = "other name"
    verbose_name_plural = "other names (for matching: “Russia”, “CAR”)"


class StatusPeriodFormSet(BaseInlineFormSet):
    """Refuses two periods of one participant that overlap, among the rows being saved."""

    def clean(self):
        super().clean()
        kept = [form for _row, form in kept_rows(self)]
        for index, form in enumerate(kept):
            span = (form.cleaned_data.get("starts_on"), form.cleaned_data.get("ends_on"))
            for earlier in kept[:index]:
                other = (earlier.cleaned_data.get("starts_on"), earlier.cleaned_data.get("ends_on"))
                if periods_overlap(span, other):
                    form.add_error(
                        "starts_on", _("This period overlaps another of the same participant.")
                    )
                    break


class StatusPeriodInline(RecordInlineMixin, admin.StackedInline):
    model = StatusPeriod
    formset = StatusPeriodFormSet
    extra = 0
    fields = (
        ("status", "decision"),
        ("starts_on", "ends_on"),
        "note",
        "sources",
    )
    autocomplete_fields = ("decision", "sources")


@admin.register(Participant)
class ParticipantAdmin(ImportExportAdmin, PublishableAdmin):
    resource_classes = (ParticipantResource,)
    list_display = (
        "name",
        "short_name",
        "role",
        "kind",
        "country",
        "admitted_on",
        "publication_status",
    )
    list_filter = ("role", "kind", "publication_status")
    search_fields = ("name", "short_name", "name_fr", "other_names__name", "slug")
    ordering = ("-updated_at",)
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("sources",)
    fieldsets = (
        (None, {"fields": ("name", "short_name", "name_fr", "slug", ("role", "kind"), "country")}),
        (_("Admission"), {"fields": ("admitted_on", "note")}),
        (_("Sources"), {"fields": ("sources",)}),
        (_("Publication"), {"fields": ("publication_status", ("created_at", "updated_at"))}),
    )
    inlines = (ParticipantNameInline, StatusPeriodInline)


@admin.register(ParticipantName)
class ParticipantNameAdmin(RecordAdmin):
    list_display = ("name", "participant")
    list_select_related = ("participant",)
    search_fields = ("name", "participant__name")
    ordering = ("-updated_at",)
    autocomplete_fields = ("participant",)


@admin.register(StatusPeriod)
class StatusPeriodAdmin(RecordAdmin):
    list_display = ("participant", "status", "starts_on", "ends_on", "decision")
    list_filter = ("status",)
    list_select_related = ("participant", "decision__meeting")
    search_fields = ("participant__name", "participant__other_names__name", "note")
    autocomplete_fields = ("participant", "decision", "sources")
    date_hierarchy = "starts_on"
    ordering = (F("starts_on").desc(nulls_last=True), "-updated_at")


@admin.register(Chairmanship)
class ChairmanshipAdmin(PublishableAdmin):
    list_display = (
        "year",
        "chair",
        "chair_note",
        "vice_chair",
        "vice_chair_note",
        "publication_status",
    )
    list_display_links = ("year",)
    list_filter = ("publication_status",)
    list_select_related = ("chair", "vice_chair")
    ordering = ("-year",)
    search_fields = ("year", "chair__name", "vice_chair__name", "note")
    autocomplete_fields = ("chair", "vice_chair", "decision", "sources")
    fieldsets = (
        (None, {"fields": ("year", ("chair", "chair_note"), ("vice_chair", "vice_chair_note"))}),
        (_("Why"), {"fields": ("note", "decision", "sources")}),
        (_("Publication"), {"fields": ("publication_status", ("created_at", "updated_at"))}),
    )
