"""The filters of the public lists (django-filter). Values come from the URL, so they are
validated like any form: an unknown value is reported beside its field and ignored."""

from dataclasses import dataclass, field

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.forms.utils import flatatt
from django.http import QueryDict
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from .context_processors import RECORD_LANGUAGE
from .models import (
    Decision,
    Meeting,
    Participant,
    Position,
    Statement,
    StatusPeriod,
    Topic,
    WorkingBody,
)
from .search import MAX_QUERY_LENGTH, clean_query


class ListSelect(forms.Select):
    """A <select> of records, written in one pass. Django renders each option through a template
    of its own, which for a few hundred meetings or participants costs more than the rest of the
    page. The names are the record's own text, marked with its language."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({"lang": RECORD_LANGUAGE, **(attrs or {})}, choices)

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(item) for item in self.format_value(value)}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (choice, " selected" if str(choice) in chosen else "", label)
                for choice, label in self.choices
            ),
        )
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        return format_html('<select name="{}"{}>{}</select>', name, attributes, options)


class YearRangeForm(forms.Form):
    """The filter form of a list with a range of years, which must run forwards."""

    def clean(self):
        cleaned_data = super().clean()
        first, last = cleaned_data.get("year_from"), cleaned_data.get("year_to")
        if first and last and first > last:
            self.add_error("year_to", _("The range ends before it starts."))
        return cleaned_data


MAX_PAGE = 10_000


def record_filter(label, queryset, **options):
    """A filter picking one record, named by its slug in the URL, from a list of names."""
    return django_filters.ModelChoiceFilter(
        label=label, queryset=queryset, to_field_name="slug", widget=ListSelect, **options
    )


class PageFilter(django_filters.Filter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, widget=forms.HiddenInput, **kwargs)


@dataclass
class FacetValue:
    """One value of a facet: a link adding it to the current query, with its count (None where
    the results are too many to count)."""

    value: str
    label: str
    count: int | None
    url: str
    active: bool
    record: bool = False  # a record's name, in the record's language


@dataclass
class Facet:
    """A filter shown as a list of links. A long one shows its first values; the rest follow
    under "more"."""

    name: str
    label: str
    values: list = field(default_factory=list)
    more: list = field(default_factory=list)


@dataclass
class Chip:
    """An active filter, in words, with the address of the list without it."""

    label: str
    value: str
    remove_url: str
    record: bool = False


def unknown_parameters(names, known=()):
    """The parameters of a query that a list does not know, but for the tags campaign links add
    (ListFilterSet.IGNORED_PREFIXES): named to the reader, never ignored in silence."""
    return sorted(
        name
        for name in names
        if name not in known and not name.startswith(ListFilterSet.IGNORED_PREFIXES)
    )


class ListFilterSet(django_filters.FilterSet):
    """The filters of a public list. A parameter the list does not know is named on the page
    rather than ignored in silence: a mistyped link would otherwise look filtered.

    Filters of a few values (choices, records) are shown as facets: links with the count of each
    value among the current results (facets()); the others (words, years, order) as a small
    form (controls()). What is applied is shown as chips, each removable (chips())."""

    # The tags campaign links add, which no page uses and none should complain of.
    IGNORED_PREFIXES = ("utm_",)
    # Filters that order or page the list: never a facet, never a chip.
    NOT_NARROWING = ("sort", "page")
    # A facet of more values shows this many, the most frequent first, and the rest under "more".
    FACET_TOP = 8

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.asked = self.data  # the query as the URL gives it, which links keep

    @property
    def understood(self):
        """The values the URL gives that are valid: the ones `qs` filters by."""
        self.is_valid()  # validates a bound form once, filling cleaned_data
        return getattr(self.form, "cleaned_data", {})

    def is_facet(self, name):
        return name not in self.NOT_NARROWING and isinstance(
            self.filters[name], django_filters.ChoiceFilter | django_filters.ModelChoiceFilter
        )

    def controls(self):
        """The form fields of the filters that are not facets (words, years, order)."""
        return [
            self.form[name]
            for name in self.filters
            if not self.is_facet(name) and not self.form.fields[name].widget.is_hidden
        ]

    def applied(self, name):
        """The value of filter `name` as the URL gives it, where it is understood; else None."""
        return self.asked.get(name) if self.understood.get(name) not in (None, "") else None

    def active_facet_values(self):
        """(name, value as the URL gives it) for each facet applied: kept by the controls' form."""
        return [
            (name, self.applied(name))
            for name in self.filters
            if self.is_facet(name) and self.applied(name) is not None
        ]

    def url_with(self, **changes):
        """The current query with `changes` (None drops a parameter), on its first page."""
        asked = self.asked or {}
        query = asked.copy() if isinstance(asked, QueryDict) else QueryDict(mutable=True)
        if not isinstance(asked, QueryDict):
            query.update(asked)
        query.pop("page", None)
        for name, value in changes.items():
            if value is None:
                query.pop(name, None)
            else:
                query[name] = value
        return f"?{query.urlencode()}" if query else "./"

    def choices_of(self, name):
        """(value for the URL, label) of each value a facet may take, in the filter's order."""
        form_field = self.form.fields[name]
        queryset = getattr(form_field, "queryset", None)
        if queryset is None:
            return [(str(value), str(label)) for value, label in form_field.choices if value != ""]
        key = form_field.to_field_name or "pk"
        return [
            (str(getattr(record, key)), form_field.label_from_instance(record))
            for record in queryset
        ]

    def facets(self, counts=None):
        """Each facet with its values. `counts` is {filter name: {value: count}} for the current
        results, or None when they are too many to count: then every value is offered, with no
        count. A value of no result is not offered; nor, while a facet has a value applied, its
        other values (a filter takes one value: its chip removes it)."""
        facets = []
        for name in self.filters:
            if not self.is_facet(name):
                continue
            active = self.applied(name)
            counted = counts.get(name, {}) if counts is not None else None
            is_record = hasattr(self.form.fields[name], "queryset")
            values = []
            for value, label in self.choices_of(name):
                count = counted.get(value, 0) if counted is not None else None
                # One value at a time: while one is applied, another is had by removing its chip.
                if (active is not None and value != active) or (count == 0 and value != active):
                    continue
                url = self.url_with(**{name: value})
                values.append(FacetValue(value, label, count, url, value == active, is_record))
            if not values:
                continue
            facet = Facet(name, str(self.filters[name].label), values)
            if len(values) > self.FACET_TOP + 2:  # "more" hides more than one or two
                if is_record and counted is not None:
                    values = sorted(values, key=lambda v: (not v.active, -(v.count or 0)))
                facet.values, facet.more = values[: self.FACET_TOP], values[self.FACET_TOP :]
            facets.append(facet)
        return facets

    def chips(self):
        """The filters applied, each in words with the address of the list without it."""
        chips = []
        for name, value in self.understood.items():
            if name in self.NOT_NARROWING or value in (None, ""):
                continue
            form_field = self.form.fields[name]
            is_record = hasattr(form_field, "label_from_instance")
            if is_record:
                shown = form_field.label_from_instance(value)
            elif self.is_facet(name):
                shown = dict(form_field.choices).get(value, value)
            else:
                shown = self.asked.get(name, value)
            label = str(self.filters[name].label)
            chips.append(Chip(label, str(shown), self.url_with(**{name: None}), is_record))
        return chips

    def clear_url(self):
        """The list without any filter, in the order it was asked for."""
        return self.url_with(**{name: None for name in self.asked or {} if name != "sort"})

    @property
    def unknown(self):
        return unknown_parameters(self.data or {}, known=self.filters)


class SearchFilterSet(ListFilterSet):
    """A filter set whose `q` searches the record (plenaries.search) and `sort` orders it."""

    q = django_filters.CharFilter(
        label=_("Words"), method="filter_text", max_length=MAX_QUERY_LENGTH
    )
    # The page of results to show: validated like a filter, never shown as one (a new search
    # starts on page 1).
    page = PageFilter(label=_("Page"), method="filter_nothing", min_value=1, max_value=MAX_PAGE)
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        method="filter_nothing",
        choices=[("relevance", _("Relevance")), ("newest", _("Newest")), ("oldest", _("Oldest"))],
        empty_label=None,
    )

    def __init__(self, data=None, *args, **kwargs):
        asked = data
        if data is not None:
            # The form shows the order the page uses: relevance for words, else newest first
            # (without words, there is nothing to rank by).
            words = clean_query(data.get("q"))
            if not data.get("sort") or (data.get("sort") == "relevance" and not words):
                data = data.copy()
                data["sort"] = "relevance" if words else "newest"
        super().__init__(data, *args, **kwargs)
        self.asked = asked

    def filter_text(self, queryset, name, value):
        return queryset.search(value)

    def filter_nothing(self, queryset, name, value):
        return queryset  # order and page are the view's, after the facets are counted

    @property
    def text(self):
        return clean_query(self.understood.get("q", ""))

    @property
    def narrowed(self):
        """Whether words or filters narrow the list (the order and page do not)."""
        return any(value for name, value in self.understood.items() if name not in ("sort", "page"))

    @property
    def page_number(self):
        return self.understood.get("page") or 1

    @property
    def order(self):
        return self.understood.get("sort") or ("relevance" if self.text else "newest")


class DecisionFilter(SearchFilterSet):
    year_from = django_filters.NumberFilter(
        label=_("From year"), method="filter_year_from", min_value=2000, max_value=2100
    )
    year_to = django_filters.NumberFilter(
        label=_("To year"), method="filter_year_to", min_value=2000, max_value=2100
    )
    outcome = django_filters.ChoiceFilter(label=_("Outcome"), choices=Decision.Outcome.choices)
    topic = record_filter(_("Topic"), Topic.objects.all(), field_name="topics")
    working_body = record_filter(_("Working body"), WorkingBody.objects.all())
    meeting = record_filter(
        _("Meeting"),
        # What the option labels need, not the summaries of hundreds of meetings.
        Meeting.objects.published().only("slug", "year", "city", "kind"),
    )
    participant = record_filter(
        _("Concerning"), Participant.objects.published(), field_name="participants_concerned"
    )
    stance = django_filters.ChoiceFilter(
        label=_("Stance"), choices=Position.Stance.choices, method="filter_stance"
    )
    by = record_filter(_("Taken by"), Participant.objects.published(), method="filter_stance")

    class Meta:
        model = Decision
        fields = ()
        form = YearRangeForm

    def filter_stance(self, queryset, name, value):
        """Decisions on which a participant took a stance: "objected: Russian Federation"."""
        stance, by = self.form.cleaned_data.get("stance"), self.form.cleaned_data.get("by")
        if name == "by" and stance:
            return queryset  # applied once, with both values, when `stance` is filtered
        # Published positions only: a draft participant's stance is no one's yet.
        positions = Position.objects.published().filter(decision=OuterRef("pk"))
        if stance:
            positions = positions.filter(stance=stance)
        if by:
            positions = positions.filter(participant=by)
        return queryset.filter(Exists(positions))

    def filter_year_from(self, queryset, name, value):
        return queryset.in_years(first=value)

    def filter_year_to(self, queryset, name, value):
        return queryset.in_years(last=value)


class ParticipantFilter(ListFilterSet):
    q = django_filters.CharFilter(label=_("Name"), method="filter_name", max_length=200)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Participant.Kind.choices)
    status = django_filters.ChoiceFilter(
        label=_("Current status"),
        choices=StatusPeriod.Status.choices,
        field_name="current_status",
    )

    class Meta:
        model = Participant
        fields = ()

    def filter_name(self, queryset, name, value):
        return queryset.search(value)


class StatementFilter(SearchFilterSet):
    issuer = record_filter(_("Issued by"), Participant.objects.published())
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Statement.Kind.choices)
    topic = record_filter(_("Topic"), Topic.objects.all(), field_name="topics")

    class Meta:
        model = Statement
        fields = ()
