"""What every admin page of the record shares: history, no lost updates, publishing rules."""

from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import router, transaction
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from .locking import ConcurrentEditForm

# Columns that change on every save: listing them among "what changed" would only be noise.
BOOKKEEPING_FIELDS = ["updated_at", "version"]


class RecordForm(ConcurrentEditForm):
    """The change form of every record. `publishing` is set when the editor clicked Publish."""

    publishing = False

    def clean(self):
        cleaned_data = super().clean()
        if self.publishing and "sources" in self.fields and not cleaned_data.get("sources"):
            self.add_error("sources", _("Add at least one source before publishing."))
        return cleaned_data


class RecordAdmin(SimpleHistoryAdmin):
    """History with what changed in each edit, revert, restore of deleted records, and locking."""

    form = RecordForm
    change_list_template = "admin/plenaries/change_list.html"
    list_per_page = 50

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

    def get_fieldsets(self, request, obj=None):
        """Every change form carries the hidden `version` the lock compares."""
        fieldsets = super().get_fieldsets(request, obj)
        if any("version" in flatten_fieldsets([fieldset]) for fieldset in fieldsets):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], "version"]}), *rest]

    def get_form(self, request, obj=None, **kwargs):
        if obj is not None and request.resolver_match.url_name.endswith("_simple_history"):
            # Reverting to an old version starts from the record as it is saved now, so that
            # the revert is not mistaken for an edit of a stale copy.
            saved = type(obj).objects.filter(pk=obj.pk).values_list("version", flat=True).first()
            obj.version = saved or obj.version
        # `version` is the form's own hidden field, not an editable model field.
        fields = kwargs.get("fields") or flatten_fieldsets(self.get_fieldsets(request, obj))
        kwargs["fields"] = [name for name in fields if name != "version"]
        return super().get_form(request, obj, **kwargs)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Reverting saves the record and its history in one transaction, like any change."""
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
        if not self.has_change_permission(request):
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

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "_publish" in request.POST and self.has_publish_permission(request):
            form = type(form.__name__, (form,), {"publishing": self.model.requires_source})
        return form

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["can_publish"] = self.has_publish_permission(request)
        context["is_published"] = obj is not None and obj.is_published
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not self.has_publish_permission(request):
            return
        record = form.instance
        if "_publish" in request.POST:
            record.publish()
            self.message_user(request, _("Published: it is now on the public site."))
        elif "_unpublish" in request.POST:
            record.unpublish()
            self.message_user(request, _("Unpublished: it is no longer on the public site."))
