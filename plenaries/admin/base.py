"""What every admin page of the record shares: labels, history, no lost updates, deletes that
keep every fact cited. Publishing is in plenaries.admin.publishing."""

from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models, router, transaction
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import to_historic

from plenaries.citations import left_uncited
from plenaries.history import BOOKKEEPING_FIELDS, record_save
from plenaries.import_files import ImportForm
from plenaries.models import (
    Chairmanship,
    Decision,
    Position,
    Statement,
    StatusPeriod,
)
from plenaries.slugs import fill_slug

from .dates import PartialDatesAdminMixin, PartialDatesForm
from .history import ReadableChanges, inline_changes, save_inline_rows
from .locking import ConcurrentEditForm
from .lookups import CheckedLookups, can_hold
from .markdown import MarkdownAdminMixin
from .slugs import SlugConventionAdminMixin

# What each record's name (its __str__) reads from other tables, so that "Review (2024 Dubai
# plenary)" and "Review (2025 Gaborone plenary)" can be told apart. The admin fetches these with
# every list of records it shows or offers to pick from: a hundred names, one query.
LABEL_NEEDS = {
    Decision: ("meeting",),
    Statement: ("issuer",),
    Position: ("participant", "decision"),
    StatusPeriod: ("participant",),
    Chairmanship: ("chair",),
}


def labelled(queryset):
    """`queryset` fetching what its records' names read (LABEL_NEEDS)."""
    needs = LABEL_NEEDS.get(queryset.model, ())
    return queryset.select_related(*needs) if needs else queryset  # bare select_related() = all


class BaseRecordForm(PartialDatesForm, ConcurrentEditForm):
    """What the main form and inline rows share: partial dates typed as known
    (plenaries.admin.dates) and no lost updates (plenaries.admin.locking). A slug left empty is
    made in the record's convention (plenaries.slugs) just before the record is saved
    (RecordAdmin.save_model(), save_inline_rows()), so that rows saved one after another each
    find the slugs of the others."""


class RecordForm(BaseRecordForm):
    """The change form of every record. `publishes` is set by the admin when this save leaves the
    record published: a record that must cite a source then cannot do without one, nor can a
    known fact that needs sources of its own (PublishableModel.fact_sources)."""

    publishes = False

    def clean(self):
        cleaned_data = super().clean()
        if self.publishes:
            missing = self.instance.missing_citations(
                cleaned_data.get, lambda name: bool(cleaned_data.get(name))
            )
            for field, message in missing.items():
                if field in self.fields:  # a form without the field cannot show the error
                    self.add_error(field, message)
        return cleaned_data


def kept_rows(formset):
    """(row number from the top, form) of each inline row this save keeps: saved or filled in,
    read without error, and not deleted. What a formset's clean() compares rows among."""
    for row, form in enumerate(formset.forms, 1):
        if not (form.has_changed() or form.instance.pk):
            continue
        if form.cleaned_data and not form.cleaned_data.get("DELETE"):
            yield row, form


class InlineRecordForm(BaseRecordForm):
    """An inline row, locked like the main form; only the rows an editor changed are saved."""

    saved_when_unchanged = False


class LabelledMixin:
    """Records listed (changelists, autocomplete results, inline rows) and choices offered
    (selects, selected autocomplete options) are fetched with what their names read."""

    def get_queryset(self, request):
        return labelled(super().get_queryset(request))

    def get_search_results(self, request, queryset, search_term):
        """A picker's choices in the record's own order (participants by name), not the
        changelist's newest first."""
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        match = request.resolver_match
        if match is not None and match.url_name == "autocomplete":
            queryset = queryset.order_by(*self.model._meta.ordering)
        return queryset, may_have_duplicates

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None:
            field.queryset = labelled(field.queryset)
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None:
            field.queryset = labelled(field.queryset)
        return field


class RecordInlineMixin(LabelledMixin, PartialDatesAdminMixin, SlugConventionAdminMixin):
    """Inline rows edited like the main form: a stale save refused (plenaries.admin.locking),
    partial dates typed as known, slugs in their convention."""

    form = InlineRecordForm


class ImportExportAdmin(ImportExportModelAdmin):
    """Import and export as CSV, XLSX or JSON (plenaries.resources): a file is previewed first,
    and a file with any bad row, or one that is not UTF-8, is refused whole in plain words."""

    import_form_class = ImportForm

    def export_action(self, request):
        """An export is of the list as its address filters it. Filters the list refuses (a field
        the model lacks, as in `?format=99`) send the editor back to the list, as the list itself
        does (`?e=1`), saying that nothing was exported; django-import-export fails on them."""
        try:
            return super().export_action(request)
        except IncorrectLookupParameters:
            self.message_user(
                request,
                _("Nothing was exported: the list cannot be filtered as the address asked."),
                messages.ERROR,
            )
            opts = self.model._meta
            return HttpResponseRedirect(
                reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_changelist",
                    current_app=self.admin_site.name,
                )
            )


class RecordAdmin(
    CheckedLookups,
    LabelledMixin,
    MarkdownAdminMixin,
    PartialDatesAdminMixin,
    SlugConventionAdminMixin,
    SimpleHistoryAdmin,
):
    """History with what changed in each edit, revert, restore of deleted records, and locking."""

    form = RecordForm
    change_list_template = "admin/plenaries/change_list.html"
    # The change form template renders each form's locking version (plenaries.admin.locking).
    change_form_template = "admin/plenaries/change_form.html"
    object_history_form_template = "admin/plenaries/object_history_form.html"
    object_history_template = "admin/plenaries/object_history.html"
    object_history_list_template = "admin/plenaries/object_history_list.html"
    list_per_page = 50
    # A source's address typed without a scheme is https, as Django 6 will assume.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    class Media:
        css = {"all": ("admin/plenaries/admin.css",)}
        # Listed after what it uses, so that Django's merge of the page's scripts keeps them first.
        js = ("admin/js/jquery.init.js", "admin/js/urlify.js", "admin/plenaries/slug.js")

    def get_queryset(self, request):
        # A changelist applies list_select_related only to a queryset without any select_related,
        # and LabelledMixin gives it one: join both.
        queryset = super().get_queryset(request)
        related = self.get_list_select_related(request)
        if isinstance(related, list | tuple) and related:
            queryset = queryset.select_related(*related)
        return queryset

    def get_urls(self):
        opts = self.model._meta
        deleted = path(
            "deleted/",
            self.admin_site.admin_view(self.deleted_records_view),
            name=f"{opts.app_label}_{opts.model_name}_deleted",
        )
        return [deleted, *super().get_urls()]

    def get_changeform_initial_data(self, request):
        """The add form's values given in its address (`?meeting=3`), less a linked record's
        key that no record can have (`?meeting=abc`): the picker would look it up and fail."""
        initial = super().get_changeform_initial_data(request)
        opts = self.model._meta
        for field in (*opts.fields, *opts.many_to_many):
            if field.is_relation and field.name in initial:
                keys = initial[field.name]
                keys = keys if isinstance(keys, list) else [keys]  # many-to-many: a list
                if not all(can_hold(field.target_field, key) for key in keys):
                    del initial[field.name]
        return initial

    def never_existed(self, object_id):
        """Whether the address's `object_id` names no record of this model, now or deleted (a
        deleted record keeps its history, to restore it from)."""
        pk, key = self.model._meta.pk, unquote(object_id)
        if not can_hold(pk, key):
            return True
        history = self.model.history.filter(**{pk.attname: key})
        return not (self.model._default_manager.filter(pk=key).exists() or history.exists())

    def history_view(self, request, object_id, extra_context=None):
        """An address naming no record (`abc/history/`) gets Django's own answer on the change
        and history pages: the admin's index, with a message. So do the versions' pages, and
        every page of a record agrees; django-simple-history failed on a key not a number."""
        if self.never_existed(object_id):
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Reverting saves the record and its one history row in one transaction, like any change.

        Reverting changes the record, and restoring a deleted one adds it: each needs the same
        permission as the change or add form (viewing history alone does not)."""
        if self.never_existed(object_id):  # as history_view() answers it
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        if not can_hold(self.model.history.model._meta.pk, version_id):
            raise Http404  # as simple-history answers a version the record never had
        exists = self.model.objects.filter(pk=object_id).exists()
        if request.method == "POST":
            allowed = self.has_change_permission if exists else self.has_add_permission
            if not allowed(request):
                raise PermissionDenied
        with transaction.atomic(using=router.db_for_write(self.model)):
            response = super().history_form_view(request, object_id, version_id, extra_context)
            if request.method == "POST" and response.status_code == 302:
                # Saved, with its many-to-many links, but not through save_related().
                reverted = self.model.objects.get(pk=object_id)
                reverted._history_user = request.user
                record_save(reverted, added=not exists)
            return response

    def save_model(self, request, obj, form, change):
        # One history row for the whole save, recorded by save_related() once the many-to-many
        # links and the inline rows are saved too (see plenaries.admin.history).
        obj.skip_history_when_saving = True
        obj._history_date = timezone.now()
        # A save that changes nothing writes nothing: the version stays, so that a colleague's
        # form opened meanwhile is not refused as stale.
        obj._unchanged = change and not form.has_changed() and not self.changed_beyond_form(obj)
        if not obj._unchanged:
            fill_slug(obj)
            super().save_model(request, obj, form, change)

    def changed_beyond_form(self, obj):
        """Whether this save changes the record beyond what its form's fields show: a revert or
        a restore does, since its form shows the version it writes."""
        return to_historic(obj) is not None

    def save_formset(self, request, form, formset, change):
        save_inline_rows(formset, moment=form.instance._history_date)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        inlines_changed = any(
            formset.new_objects or formset.changed_objects or formset.deleted_objects
            for formset in formsets
        )
        if not (form.instance._unchanged and not inlines_changed):
            record_save(form.instance, added=not change, inlines_changed=inlines_changed)

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableChanges(self.model, historical_record)

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
        inline_changes(self, request, historical_records)

    def get_deleted_objects(self, objs, request):
        """Refuse, as Django refuses a delete that protected records stand in the way of, one that
        would leave a position without evidence or a published record without its sources."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        for record in left_uncited(list(objs)):
            protected.append(
                format_html(
                    "{}: {} ({})",
                    capfirst(record._meta.verbose_name),
                    record,
                    _("it would cite nothing; cite something else there first"),
                )
            )
        return deleted, counts, perms_needed, protected

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
