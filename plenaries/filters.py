"""The filters of the public lists (django-filter). Values come from the URL, so they are
validated like any form: an unknown value is reported beside its field and ignored."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Decision, Meeting, Participant, Statement, StatusPeriod, Topic, WorkingBody


class DecisionFilter(django_filters.FilterSet):
    year_from = django_filters.NumberFilter(
        label=_("From year"), method="filter_year_from", min_value=2000, max_value=2100
    )
    year_to = django_filters.NumberFilter(
        label=_("To year"), method="filter_year_to", min_value=2000, max_value=2100
    )
    meeting = django_filters.ModelChoiceFilter(
        label=_("Meeting"), queryset=Meeting.objects.published(), to_field_name="slug"
    )
    outcome = django_filters.ChoiceFilter(label=_("Outcome"), choices=Decision.Outcome.choices)
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"), field_name="topics", queryset=Topic.objects.all(), to_field_name="slug"
    )
    working_body = django_filters.ModelChoiceFilter(
        label=_("Working body"), queryset=WorkingBody.objects.all(), to_field_name="slug"
    )
    participant = django_filters.ModelChoiceFilter(
        label=_("Concerning"),
        field_name="participants_concerned",
        queryset=Participant.objects.published(),
        to_field_name="slug",
    )

    class Meta:
        model = Decision
        fields = ()

    def filter_year_from(self, queryset, name, value):
        return queryset.in_years(first=value)

    def filter_year_to(self, queryset, name, value):
        return queryset.in_years(last=value)


class ParticipantFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Participant.Kind.choices)
    status = django_filters.ChoiceFilter(
        label=_("Current status"),
        choices=StatusPeriod.Status.choices,
        field_name="current_status",
    )

    class Meta:
        model = Participant
        fields = ()


class StatementFilter(django_filters.FilterSet):
    issuer = django_filters.ModelChoiceFilter(
        label=_("Issued by"), queryset=Participant.objects.published(), to_field_name="slug"
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Statement.Kind.choices)

    class Meta:
        model = Statement
        fields = ()
