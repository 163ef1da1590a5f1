from django.contrib import admin
from django.db.models import F
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plenaries.models import Decision, Position
from plenaries.resources import DecisionResource, PositionResource

from .base import (
    ImportExportAdmin,
    InlineRecordForm,
    RecordAdmin,
    RecordForm,
    RecordInlineMixin,
    kept_rows,
)
from .publishing import PublishableAdmin

# A position's fields as the inline and the position's own form lay them out: who (one of the
# two), how the source attributes the stance and the stance, the evidence, the paraphrase.
POSITION_FIELDS = (
    ("participant", "others"),
    ("attribution", "stance"),
    "statements",
    "sources",
    "note",
)


def one_of_a_kind(participant, others, stance):
    """What a decision holds one position for: the participant, or the unnamed others of one
    stance. None while a row says neither (its own errors tell why)."""
    if participant is not None:
        return ("participant", participant.pk)
    if others.strip() and stance:
        return ("others", stance)
    return None


def key_of(data):
    """one_of_a_kind() of a form's cleaned data."""
    return one_of_a_kind(data.get("participant"), data.get("others", ""), data.get("stance"))


def saved_positions(decision, exclude=()):
    """The saved positions of `decision`, but those in `exclude`, by one_of_a_kind()."""
    if decision is None or decision.pk is None:
        return {}
    positions = decision.positions.exclude(pk__in=exclude).select_related("participant")
    return {one_of_a_kind(p.participant, p.others, p.stance): p for p in positions}


def repeats_row(data, row):
    """(field, error) for a row repeating row number `row` of the same form."""
    if data.get("participant") is not None:
        message = _(
            "%(participant)s already has a position in row %(row)d: keep one stance per "
            "participant and add this evidence to that row."
        )
        return "participant", message % {"participant": data["participant"], "row": row}
    message = _(
        "Unnamed others already have a position with the stance “%(stance)s” in row %(row)d: "
        "keep one such row per stance and add this evidence to that row."
    )
    stance = Position.Stance(data["stance"]).label
    return "stance", message % {"stance": stance, "row": row}


def repeats_saved(position):
    """(field, error) for a row repeating `position`, saved but not in the form: a link to it."""
    url = reverse("admin:plenaries_position_change", args=[position.pk])
    if position.participant_id:
        message = _(
            "{participant} already has a position on this decision: keep one stance per "
            'participant and add this evidence to <a href="{url}">that position</a>.'
        )
        return "participant", format_html(message, participant=position.participant, url=url)
    message = _(
        "Unnamed others already have a position with the stance “{stance}” on this decision: "
        'add this evidence to <a href="{url}">that position</a>.'
    )
    stance = position.get_stance_display()
    return "stance", format_html(message, stance=stance, url=url)


class CitesEvidence:
    """A position cites at least one statement or source. The database cannot require one of two
    many-to-many fields, so each form that saves positions does (the import too)."""

    def clean(self):
        cleaned_data = super().clean()
        statements, sources = cleaned_data.get("statements"), cleaned_data.get("sources")
        if statements is None or sources is None:
            return cleaned_data  # a field the form cannot read, or does not show
        if not (statements.exists() or sources.exists()):
            self.add_error(
                None, _("Cite at least one statement or source that states this stance.")
            )
        return cleaned_data


class PositionInlineForm(CitesEvidence, InlineRecordForm):
    pass


class PositionForm(CitesEvidence, RecordForm):
    """A position's own form, refusing a second position of its participant (or of the unnamed
    others of its stance) with a link to the one to edit."""

    def clean(self):
        cleaned_data = super().clean()
        exclude = [self.instance.pk] if self.instance.pk else []
        saved = saved_positions(cleaned_data.get("decision"), exclude)
        key = key_of(cleaned_data)
        if key in saved:
            self.add_error(*repeats_saved(saved[key]))
        return cleaned_data


class PositionFormSet(BaseInlineFormSet):
    """Refuses a second row for one participant, or for the unnamed others of one stance, naming
    the row (counted from the top) that the evidence belongs in.

    The database's rules are conditional unique constraints, which Django's formsets do not
    check: without this, such a save would fail in the database."""

    def clean(self):
        super().clean()
        # Saved but not in this form: added by someone else since it was opened.
        in_form = [form.instance.pk for form in self.initial_forms]
        meanwhile = saved_positions(self.instance, in_form)
        first_rows = {}
        for row, form in kept_rows(self):
            key = key_of(form.cleaned_data)
            if key is None:
                continue
            first = first_rows.setdefault(key, row)
            if first != row:
                form.add_error(*repeats_row(form.cleaned_data, first))
            elif key in meanwhile:
                form.add_error(*repeats_saved(meanwhile[key]))


class PositionInline(RecordInlineMixin, admin.StackedInline):
    """The positions on a decision, one block each: a table row is too narrow for the evidence."""

    model = Position
    form = PositionInlineForm
    formset = PositionFormSet
    fields = POSITION_FIELDS
    extra = 0
    autocomplete_fields = ("participant", "statements", "sources")


class ByNameFilter(admin.RelatedFieldListFilter):
    """A filter's choices by name (the model's own order), not as their changelist lists them
    (the latest changed first)."""

    def field_admin_ordering(self, field, request, model_admin):
        return ()


@admin.register(Decision)
class DecisionAdmin(ImportExportAdmin, PublishableAdmin):
    resource_classes = (DecisionResource,)
    list_display = ("title", "taken", "outcome", "publication_status", "updated_at")
    list_filter = (
        "outcome", "publication_status", "meeting__year",
        ("working_body", ByNameFilter), ("topics", ByNameFilter),
    )  # fmt: skip
    list_select_related = ("meeting",)
    # Newest first, undated last; of one meeting, the decision last worked on first.
    ordering = (F("sort_date").desc(nulls_last=True), "-updated_at")
    search_fields = (
        "title", "identifier", "summary", "slug",
        "participants_concerned__name", "participants_concerned__other_names__name",
    )  # fmt: skip
    date_hierarchy = "sort_date"  # written procedures too
    autocomplete_fields = (
        "meeting", "participants_concerned", "topics", "working_body",
        "amends", "supersedes", "lifts", "continues", "sources",
    )  # fmt: skip
    fieldsets = (
        (None, {"fields": ("title", "slug", "identifier", "outcome")}),
        (_("Taken"), {"fields": ("meeting", "written_procedure", "decided_on")}),
        (_("Content"), {"fields": ("summary", "conditions", "text")}),
        (_("Dates"), {"fields": (("effective_on", "review_on"),)}),
        (
            _("Concerns"),
            {"fields": ("participants_concerned", "topics", "working_body")},
        ),
        (_("Related decisions"), {"fields": ("amends", "supersedes", "lifts", "continues")}),
        (_("Sources"), {"fields": ("sources",)}),
        (_("Publication"), {"fields": ("publication_status", ("created_at", "updated_at"))}),
    )
    inlines = (PositionInline,)

    @admin.display(description=gettext_lazy("Taken"), ordering="sort_date")
    def taken(self, decision):
        """The meeting, or the written procedure and when it closed."""
        return capfirst(decision.taken) or None  # None shows as the admin's dash


@admin.register(Position)
class PositionAdmin(ImportExportAdmin, RecordAdmin):
    resource_classes = (PositionResource,)
    list_display = ("decision", "participant", "others", "attribution", "stance")
    list_filter = ("stance", "attribution")
    list_select_related = ("decision__meeting", "participant")
    ordering = ("-updated_at",)
    search_fields = (
        "decision__title",
        "participant__name",
        "participant__other_names__name",
        "others",
        "note",
    )
    autocomplete_fields = ("decision", "participant", "statements", "sources")
    form = PositionForm
    fields = ("decision", *POSITION_FIELDS)
