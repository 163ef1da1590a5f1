"""What every admin page of the record shares: history, no lost updates, publishing rules."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, router, transaction
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from plenaries.models import PublicationStatus
from plenaries.resources import ImportForm

from .locking import ConcurrentEditForm

# Columns that change on every save: listing them among "what changed" would only be noise.
BOOKKEEPING_FIELDS = ["updated_at", "version"]


class RecordForm(ConcurrentEditForm):
    """The change form of every record. `publishes` is set by the admin when this save leaves the
    record published: a record that must cite a source then cannot do without one."""

    publishes = False

    def clean(self):
        cleaned_data = super().clean()
        cites = "sources" in self.fields and cleaned_data.get("sources")
        if self.publishes and self.instance.requires_source and not cites:
            self.add_error("sources", _("Add at least one source before publishing."))
        return cleaned_data


class InlineRecordForm(ConcurrentEditForm):
    """An inline row, locked like the main form; only the rows an editor changed are saved."""

    saved_when_unchanged = False


class RecordInlineMixin:
    """Inline rows that refuse a stale save like the main form (see plenaries.admin.locking)."""

    form = InlineRecordForm


class ImportExportAdmin(ImportExportModelAdmin):
    """Import and export as CSV, XLSX or JSON (plenaries.resources): a file is previewed first,
    and a file with any bad row, or one that is not UTF-8, is refused whole in plain words."""

    import_form_class = ImportForm


class RecordAdmin(SimpleHistoryAdmin):
    """History with what changed in each edit, revert, restore of deleted records, and locking."""

    form = RecordForm
    change_list_template = "admin/plenaries/change_list.html"
    # The change form template renders each form's locking version (plenaries.admin.locking).
    change_form_template = "admin/plenaries/change_form.html"
    object_history_form_template = "admin/plenaries/object_history_form.html"
    list_per_page = 50
    # A source's address typed without a scheme is https, as Django 6 will assume.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    class Media:
        css = {"all": ("admin/plenaries/admin.css",)}

    def get_urls(self):
        opts = self.model._meta
        deleted = path(
            "deleted/",
            self.admin_site.admin_view(self.deleted_records_view),
            name=f"{opts.app_label}_{opts.model_name}_deleted",
        )
        return [deleted, *super().get_urls()]

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Reverting saves the record and its history in one transaction, like any change.

        Reverting changes the record, and restoring a deleted one adds it: each needs the same
        permission as the change or add form (viewing history alone does not)."""
        if not (str(object_id).isdigit() and str(version_id).isdigit()):
            raise Http404  # simple-history would look the text up as a number and fail
        if request.method == "POST":
            exists = self.model.objects.filter(pk=object_id).exists()
            allowed = self.has_change_permission if exists else self.has_add_permission
            if not allowed(request):
                raise PermissionDenied
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, extra_context)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        previous = None
        for current in historical_records:
            if previous is not None:
                delta = previous.diff_against(
                    current,
                    excluded_fields=BOOKKEEPING_FIELDS,
                    foreign_keys_are_objs=foreign_keys_are_objs,
                )
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(delta)
            previous = current

    def deleted_records_view(self, request):
        """Records deleted and not restored since, each linking to the history it can be
        restored from."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        opts = self.model._meta
        existing = self.model.objects.values("pk")
        deletions = (
            self.model.history.filter(history_type="-")
            .exclude(id__in=existing)
            .select_related("history_user")
            .order_by("-history_date")[:200]
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "title": _("Deleted %(records)s") % {"records": opts.verbose_name_plural},
            "deletions": [
                (
                    deletion,
                    reverse(
                        f"admin:{opts.app_label}_{opts.model_name}_history", args=[deletion.id]
                    ),
                )
                for deletion in deletions
            ],
        }
        return TemplateResponse(request, "admin/plenaries/deleted_records.html", context)


@admin.action(permissions=["publish"], description=gettext_lazy("Publish the selected records"))
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
        modeladmin.message_user(
            request, _("Published %(count)d record(s).") % {"count": published}, messages.SUCCESS
        )


@admin.action(permissions=["publish"], description=gettext_lazy("Unpublish the selected records"))
def unpublish_selected(modeladmin, request, queryset):
    for record in queryset:
        record.unpublish()
    modeladmin.message_user(
        request, _("Unpublished %(count)d record(s).") % {"count": len(queryset)}, messages.SUCCESS
    )


class PublishableAdmin(RecordAdmin):
    """Editors draft; only Publishers publish, unpublish and delete what is published."""

    change_form_template = "admin/plenaries/publishable_change_form.html"
    actions = (publish_selected, unpublish_selected)
    readonly_fields = ("publication_status", "created_at", "updated_at")

    def has_publish_permission(self, request):
        opts = self.model._meta
        return request.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_published and not self.has_publish_permission(request):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self.has_publish_permission(request):
            # Bulk delete cannot tell drafts from published records: Editors delete one by one.
            actions.pop("delete_selected", None)
        return actions

    def publication_after_save(self, request, record, saved):
        """The publication state a save leaves `record` in; one rule for every path that saves.

        Only a Publisher changes it: with the Publish and Unpublish buttons, or by reverting or
        restoring a version in another state. Any other save, an Editor's revert or restore
        included, keeps the state `saved` now (saved_publication()); a new or restored record is
        then a draft."""
        if self.has_publish_permission(request):
            if "_publish" in request.POST:
                return PublicationStatus.PUBLISHED
            if "_unpublish" in request.POST:
                return PublicationStatus.DRAFT
            return record.publication_status
        return saved or PublicationStatus.DRAFT

    def saved_publication(self, record):
        """The publication state saved now; None for a new record or a deleted one."""
        if record.pk is None:
            return None
        saved = self.model.objects.filter(pk=record.pk)
        return saved.values_list("publication_status", flat=True).first()

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if request.method != "POST":
            return form
        record = obj or self.model()
        after = self.publication_after_save(request, record, self.saved_publication(record))
        return type(form.__name__, (form,), {"publishes": after == PublicationStatus.PUBLISHED})

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["can_publish"] = self.has_publish_permission(request)
        context["is_published"] = obj is not None and obj.is_published
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        saved = self.saved_publication(obj)
        obj.publication_status = self.publication_after_save(request, obj, saved)
        super().save_model(request, obj, form, change)
        if obj.publication_status == (saved or PublicationStatus.DRAFT):
            return
        if obj.is_published:
            self.message_user(request, _("Published: it is now on the public site."))
        else:
            self.message_user(request, _("Unpublished: it is no longer on the public site."))
