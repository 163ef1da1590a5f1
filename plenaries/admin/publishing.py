"""Publishing: Editors draft, Publishers publish, with the same rule on every path that saves."""

from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plenaries.models import PublicationStatus

from .base import RecordAdmin


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

    def publishing(self, request):
        """Whether a Publisher pressed Save and publish or Save and unpublish."""
        buttons = {"_publish", "_unpublish"} & request.POST.keys()
        return bool(buttons) and self.has_publish_permission(request)

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

    def changed_beyond_form(self, obj):
        published = obj.publication_status != self.saved_publication(obj)
        return published or super().changed_beyond_form(obj)

    def save_model(self, request, obj, form, change):
        saved = self.saved_publication(obj)
        obj.publication_status = self.publication_after_save(request, obj, saved)
        super().save_model(request, obj, form, change)
        changed = obj.publication_status != (saved or PublicationStatus.DRAFT)
        if not (changed or self.publishing(request)):
            return
        if obj.is_published:
            self.message_user(request, _("Published: it is now on the public site."))
        else:
            self.message_user(request, _("Unpublished: it is no longer on the public site."))

    def response_add(self, request, obj, post_url_continue=None):
        if self.publishing(request) and IS_POPUP_VAR not in request.POST:
            return self.back_to_form(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if self.publishing(request) and IS_POPUP_VAR not in request.POST:
            return self.back_to_form(request, obj)
        return super().response_change(request, obj)

    def back_to_form(self, request, obj):
        """Publishing, or unpublishing, is the last step of editing a record, not a move to the
        next one: the Publisher stays on its form, which shows the new state; save_model() has
        said it."""
        opts = self.model._meta
        url = reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]
        )
        context = {"preserved_filters": self.get_preserved_filters(request), "opts": opts}
        return HttpResponseRedirect(add_preserved_filters(context, url))
