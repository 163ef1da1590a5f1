"""Every model in the admin. Publishing goes through Record.publish(), never a bare field edit."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from .models import (
    Chairmanship,
    Decision,
    Meeting,
    Participant,
    ParticipantName,
    Position,
    Quotation,
    ReportedFigure,
    Source,
    Statement,
    StatusPeriod,
    Topic,
    WorkingBody,
)


@admin.action(description="Publish the selected records")
def publish_selected(modeladmin, request, queryset):
    published = 0
    for record in queryset:
        try:
            record.publish()
        except ValidationError as error:
            modeladmin.message_user(
                request, f"{record}: {' '.join(error.messages)}", messages.ERROR
            )
        else:
            published += 1
    if published:
        modeladmin.message_user(request, f"Published {published} record(s).", messages.SUCCESS)


@admin.action(description="Unpublish the selected records")
def unpublish_selected(modeladmin, request, queryset):
    for record in queryset:
        record.unpublish()
    modeladmin.message_user(request, f"Unpublished {len(queryset)} record(s).", messages.SUCCESS)


class PublishableAdmin(admin.ModelAdmin):
    actions = (publish_selected, unpublish_selected)
    readonly_fields = ("publication_status", "created_at", "updated_at")


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("title", "publisher", "url", "published_on")
    search_fields = ("title", "publisher", "url")


class ParticipantNameInline(admin.TabularInline):
    model = ParticipantName
    extra = 1


class StatusPeriodInline(admin.StackedInline):
    model = StatusPeriod
    extra = 0
    autocomplete_fields = ("decision", "sources")


@admin.register(Participant)
class ParticipantAdmin(PublishableAdmin):
    list_display = ("name", "short_name", "role", "kind", "country", "publication_status")
    list_filter = ("role", "kind", "publication_status")
    search_fields = ("name", "short_name", "other_names__name")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("sources",)
    inlines = (ParticipantNameInline, StatusPeriodInline)


@admin.register(Chairmanship)
class ChairmanshipAdmin(PublishableAdmin):
    list_display = ("year", "chair", "chair_note", "vice_chair", "publication_status")
    list_select_related = ("chair", "vice_chair")
    autocomplete_fields = ("chair", "vice_chair", "decision", "sources")


@admin.register(Meeting)
class MeetingAdmin(PublishableAdmin):
    list_display = (
        "__str__",
        "kind",
        "year",
        "starts_on",
        "ends_on",
        "format",
        "publication_status",
    )
    list_filter = ("kind", "format", "publication_status")
    search_fields = ("city", "slug", "summary")
    prepopulated_fields = {"slug": ("year", "city")}
    autocomplete_fields = ("host", "sources")


@admin.register(WorkingBody)
class WorkingBodyAdmin(admin.ModelAdmin):
    list_display = ("name", "abbreviation", "kind")
    search_fields = ("name", "abbreviation")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("sources",)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ("name",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    autocomplete_fields = ("participant", "statement", "source")


@admin.register(Decision)
class DecisionAdmin(PublishableAdmin):
    list_display = ("title", "meeting", "outcome", "identifier", "publication_status")
    list_filter = ("outcome", "publication_status", "meeting__year")
    list_select_related = ("meeting",)
    search_fields = ("title", "identifier", "summary")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = (
        "meeting",
        "participants_concerned",
        "topics",
        "working_body",
        "amends",
        "supersedes",
        "lifts",
        "sources",
    )
    inlines = (PositionInline,)


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ("decision", "participant", "stance")
    list_filter = ("stance",)
    list_select_related = ("decision", "participant")
    search_fields = ("decision__title", "participant__name")
    autocomplete_fields = ("decision", "participant", "statement", "source")


class QuotationInline(admin.StackedInline):
    model = Quotation
    extra = 0


class ReportedFigureInline(admin.TabularInline):
    model = ReportedFigure
    extra = 0
    autocomplete_fields = ("recipient",)


@admin.register(Statement)
class StatementAdmin(PublishableAdmin):
    list_display = ("title", "issuer", "kind", "issued_on", "meeting", "publication_status")
    list_filter = ("kind", "publication_status")
    list_select_related = ("issuer", "meeting")
    search_fields = ("title", "speaker", "body")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("issuer", "meeting", "decisions", "topics", "sources")
    inlines = (QuotationInline, ReportedFigureInline)


@admin.register(StatusPeriod)
class StatusPeriodAdmin(admin.ModelAdmin):
    list_display = ("participant", "status", "starts_on", "ends_on", "decision")
    list_filter = ("status",)
    list_select_related = ("participant", "decision")
    search_fields = ("participant__name", "note")
    autocomplete_fields = ("participant", "decision", "sources")


@admin.register(ParticipantName)
class ParticipantNameAdmin(admin.ModelAdmin):
    list_display = ("name", "participant")
    list_select_related = ("participant",)
    search_fields = ("name", "participant__name")
    autocomplete_fields = ("participant",)


@admin.register(Quotation)
class QuotationAdmin(admin.ModelAdmin):
    list_display = ("__str__", "statement", "speaker")
    list_select_related = ("statement",)
    search_fields = ("text", "speaker", "statement__title")
    autocomplete_fields = ("statement",)


@admin.register(ReportedFigure)
class ReportedFigureAdmin(admin.ModelAdmin):
    list_display = ("description", "qualifier", "amount", "currency", "recipient", "statement")
    list_select_related = ("recipient", "statement")
    search_fields = ("description", "statement__title")
    autocomplete_fields = ("statement", "recipient")
