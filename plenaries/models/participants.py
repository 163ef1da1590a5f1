"""Who takes part in the Kimberley Process, and their standing over time."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from plenaries.dates import precision_field
from plenaries.search import fold

from .base import (
    PartialDatesModel,
    PublicationStatus,
    PublishableModel,
    PublishableQuerySet,
    RecordQuerySet,
    TimeStampedModel,
    in_order,
)


def french_country_name(code):
    """A state's French name, as django-countries has it: readers search in French too."""
    with translation.override("fr"):
        return str(countries.name(code))


class ParticipantQuerySet(PublishableQuerySet):
    def with_current_status(self):
        """Annotate `current_status`: the status of the period still running, and "active" when
        none runs (most participants never had another)."""
        running = (
            StatusPeriod.objects.filter(participant=OuterRef("pk"), ends_on__isnull=True)
            .order_by(F("starts_on").desc(nulls_last=True))
            .values("status")[:1]
        )
        return self.annotate(
            current_status=Coalesce(Subquery(running), Value(StatusPeriod.Status.ACTIVE))
        )

    def search(self, text):
        """Participants whose name, short name, French name or other names hold every word of
        `text`, accents and case ignored; a word written -like-this leaves out those whose
        names hold it. Annotated `rank`: 1 where `text` is one of the names exactly ("Russia"
        is the Russian Federation's), else 0, so that an exact name can come first."""
        return self.matching_words(
            text,
            holding=lambda word: self.names_holding(fold(word), "contains"),
            naming=lambda whole: self.names_holding(whole, "exact"),
        )

    @staticmethod
    def names_holding(folded, lookup):
        """The condition that a name, folded, `lookup`s (contains, exact) `folded`."""
        condition = Q()
        for field in ("name", "short_name", "name_fr"):
            condition |= Q(**{f"{field}__folded__{lookup}": folded})
        others = ParticipantName.objects.filter(**{f"name__folded__{lookup}": folded})
        return condition | Q(pk__in=others.values("participant"))


class Participant(PublishableModel):
    """A KP participant (a state or regional organisation) or an observer."""

    class Role(models.TextChoices):
        PARTICIPANT = "participant", _("Participant")
        OBSERVER = "observer", _("Observer")

    class Kind(models.TextChoices):
        STATE = "state", _("State")
        REGIONAL_ORGANISATION = (
            "regional-organisation",
            _("Regional economic integration organisation"),
        )
        TRADING_ENTITY = "trading-entity", _("Rough-diamond trading entity")
        INDUSTRY = "industry", _("Industry")
        CIVIL_SOCIETY = "civil-society", _("Civil society")
        OTHER = "other", _("Other")

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(
        max_length=100, blank=True, help_text=_("How the record refers to it in running text.")
    )
    name_fr = models.CharField(
        _("French name"),
        max_length=200,
        blank=True,
        help_text=_("Filled from the country code for a state when left empty."),
    )
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text=_("Its address on this site, from its name; an old address redirects."),
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.PARTICIPANT)
    kind = models.CharField(
        max_length=30, choices=Kind.choices, blank=True, help_text=_("Empty when no source says.")
    )
    country = CountryField(_("ISO 3166 country"), blank=True, help_text=_("States only."))
    admitted_on = models.DateField(
        _("date admitted"),
        null=True,
        blank=True,
        help_text=_("When it became a participant or observer, where a source says."),
    )
    admitted_on_precision = precision_field()
    note = models.TextField(blank=True)
    sources = models.ManyToManyField(
        "Source",
        blank=True,
        related_name="participants",
        help_text=_("The sources that state these facts."),
    )

    partial_dates = ("admitted_on",)
    markdown_fields = ("note",)

    objects = ParticipantQuerySet.as_manager()

    history = HistoricalRecords(m2m_fields=[sources])

    class Meta:
        permissions = [("publish_participant", "Can publish and unpublish participants")]
        ordering = ("name",)
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="state") | Q(country=""),
                name="participant_country_only_for_states",
                violation_error_message=_("Only a state has a country code."),
            ),
            models.UniqueConstraint(
                fields=["country"],
                condition=~Q(country=""),
                name="participant_country_unique",
                violation_error_message=_("Another participant has this country code."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.name_fr and self.country:
            self.name_fr = french_country_name(self.country.code)
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "name_fr"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("plenaries:participant-detail", kwargs={"slug": self.slug})

    @property
    def admitted(self):
        return self.partial_date("admitted_on")

    @property
    def current_status_label(self):
        """The label of `current_status`, on a queryset annotated by with_current_status()."""
        status = getattr(self, "current_status", None)
        return StatusPeriod.Status(status).label if status else ""


class ParticipantPartQuerySet(RecordQuerySet):
    def published(self):
        """A participant's other names and status periods are public with the participant."""
        return self.filter(participant__publication_status=PublicationStatus.PUBLISHED)


class ParticipantName(TimeStampedModel):
    """Another name a participant goes by ("Russia", "CAR"), so that every spelling finds it."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="other_names"
    )
    name = models.CharField(max_length=200)

    objects = ParticipantPartQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ("name",)
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="participant_name_unique_ignoring_case",
                violation_error_message=_("A participant already goes by this name."),
            ),
        ]

    def __str__(self):
        return self.name


def periods_overlap(first, second):
    """Whether two (starts_on, ends_on) spans overlap. An unknown start reaches back indefinitely,
    an open end runs on; a period ending on the day the next starts does not overlap it."""
    (first_start, first_end), (second_start, second_end) = first, second
    first_ends_after = first_end is None or second_start is None or first_end > second_start
    second_ends_after = second_end is None or first_start is None or second_end > first_start
    return first_ends_after and second_ends_after


class StatusPeriod(PartialDatesModel):
    """A span of time in which a participant had one standing: suspended, restricted, ..."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        VOLUNTARILY_SUSPENDED = "voluntarily-suspended", _("Voluntarily suspended")
        EXPORTS_RESTRICTED = "exports-restricted", _("Exports restricted")
        ENHANCED_VIGILANCE = "enhanced-vigilance", _("Enhanced vigilance")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="status_periods"
    )
    status = models.CharField(max_length=30, choices=Status.choices)
    starts_on = models.DateField(
        null=True, blank=True, help_text=_("Empty when no source gives it.")
    )
    starts_on_precision = precision_field()
    ends_on = models.DateField(null=True, blank=True, help_text=_("Empty while it lasts."))
    ends_on_precision = precision_field()
    decision = models.ForeignKey(
        "Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="status_changes",
        help_text=_("The decision that set this status."),
    )
    note = models.TextField(blank=True)
    sources = models.ManyToManyField(
        "Source",
        blank=True,
        related_name="status_periods",
        help_text=_("The sources that state these facts."),
    )

    partial_dates = ("starts_on", "ends_on")

    objects = ParticipantPartQuerySet.as_manager()

    history = HistoricalRecords(m2m_fields=[sources])

    class Meta:
        ordering = ("participant", F("starts_on").asc(nulls_first=True))
        constraints = [
            in_order(
                "starts_on",
                "ends_on",
                name="status_period_ends_after_start",
                message=_("A status cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.participant}: {self.get_status_display()}"

    @property
    def starts(self):
        return self.partial_date("starts_on")

    @property
    def ends(self):
        return self.partial_date("ends_on")

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A status cannot end before it starts.")})
        if self.participant_id:
            self.refuse_overlap(
                StatusPeriod.objects.filter(participant_id=self.participant_id).exclude(pk=self.pk)
            )

    def refuse_overlap(self, others):
        """Raise a field error naming the first of `others` whose span overlaps this one."""
        span = (self.starts_on, self.ends_on)
        for other in others:
            if periods_overlap(span, (other.starts_on, other.ends_on)):
                raise ValidationError(
                    {
                        "starts_on": _(
                            "This overlaps another status of %(participant)s: %(other)s."
                        )
                        % {"participant": self.participant, "other": other.describe()}
                    },
                    code="overlap",
                )

    def describe(self):
        ends = f" to {self.ends}" if self.ends else ""
        starts = f" from {self.starts}" if self.starts else ""
        return f"{self.get_status_display()}{starts}{ends}"


class Chairmanship(PublishableModel):
    """The chair and vice chair of the Kimberley Process for one year (both may be empty)."""

    year = models.PositiveSmallIntegerField(unique=True)
    chair = models.ForeignKey(
        Participant, on_delete=models.PROTECT, null=True, blank=True, related_name="chairmanships"
    )
    chair_note = models.CharField(
        max_length=200, blank=True, help_text=_('For instance "custodian chair".')
    )
    vice_chair = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vice_chairmanships",
    )
    vice_chair_note = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True, help_text=_("Why a year has no chair, for instance."))
    decision = models.ForeignKey(
        "Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="chairmanships",
        help_text=_("The decision that set this chairmanship."),
    )
    sources = models.ManyToManyField(
        "Source",
        blank=True,
        related_name="chairmanships",
        help_text=_("The sources that state these facts."),
    )

    history = HistoricalRecords(m2m_fields=[sources])

    class Meta:
        permissions = [("publish_chairmanship", "Can publish and unpublish chairmanships")]
        ordering = ("-year",)
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=2000),
                name="chairmanship_year_from_2000",
                violation_error_message=_("The Kimberley Process had its first chair in 2000."),
            ),
            models.CheckConstraint(
                condition=~Q(chair=F("vice_chair")),
                name="chairmanship_chair_is_not_vice_chair",
                violation_error_message=_("The vice chair cannot also be the chair."),
            ),
        ]

    def __str__(self):
        return f"{self.year}: {self.chair or _('no chair')}"

    def clean(self):
        if self.chair_id and self.chair_id == self.vice_chair_id:
            raise ValidationError({"vice_chair": _("The vice chair cannot also be the chair.")})
