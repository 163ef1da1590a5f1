"""Where the Kimberley Process meets, and the bodies and subjects its work is organised by."""

import datetime
import functools

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from plenaries.dates import format_date_range
from plenaries.search import country_names, fold

from .base import (
    PublishableModel,
    PublishableQuerySet,
    RecordQuerySet,
    TimeStampedModel,
    in_order,
)
from .participants import Participant


class MeetingQuerySet(PublishableQuerySet):
    def search(self, text):
        """Meetings where every word of `text` is in their place, host country (either
        language), host's names, year, kind or summary, accents and case ignored; a word written
        -like-this leaves out those where it is. Annotated `rank`: 1 where `text` names the
        meeting exactly (its city, host country, "2023 Victoria Falls"), else 0."""
        return self.matching_words(text, holding=self.holding, naming=self.naming)

    @staticmethod
    def naming(whole):
        """The condition that a meeting's city, host country or slug is `whole`, folded."""
        return (
            Q(city__folded__exact=whole)
            | Q(country__in=countries_named(whole, exact=True))
            | Q(slug__in=[slugify(whole)])
        )

    @staticmethod
    def holding(word):
        """The condition that a meeting's place, host, year, kind or summary holds `word`."""
        folded = fold(word)
        kinds = [value for value, label in Meeting.Kind.choices if folded in folded_labels(label)]
        hosts = Participant.objects.published().filter(
            Participant.objects.names_holding(folded, "contains")
        )
        condition = (
            Q(city__folded__contains=folded)
            | Q(summary__folded__contains=folded)
            | Q(country__in=countries_named(folded))
            | Q(host__in=hosts)
            | Q(kind__in=kinds)
        )
        if word.isdigit():
            condition |= Q(year=int(word))
        return condition


def folded_labels(label):
    """A label in the site's languages, folded: "plenary plenière"."""
    folded = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            folded.append(fold(str(label)))
    return " ".join(folded)


@functools.cache
def folded_country_names():
    """Each country's code and its names in the site's languages, folded: read once per process,
    since every search of meetings looks through all of them."""
    return [(code, [fold(name) for name in country_names(code)]) for code, _name in countries]


def countries_named(folded, exact=False):
    """The codes of the countries whose English or French name holds `folded` (or is it)."""
    return [
        code
        for code, names in folded_country_names()
        if any((name == folded if exact else folded in name) for name in names)
    ]


class Meeting(PublishableModel):
    """A plenary, intersessional or extraordinary meeting of the Kimberley Process."""

    class Kind(models.TextChoices):
        PLENARY = "plenary", _("Plenary")
        INTERSESSIONAL = "intersessional", _("Intersessional")
        EXTRAORDINARY = "extraordinary", _("Extraordinary")

    class Format(models.TextChoices):
        IN_PERSON = "in-person", _("In person")
        HYBRID = "hybrid", _("Hybrid")
        VIRTUAL = "virtual", _("Virtual")

    KIND_LABELS = dict(Kind.choices)

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PLENARY)
    year = models.PositiveSmallIntegerField()
    ordinal = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("10 for the tenth plenary, where a source numbers it.")
    )
    city = models.CharField(max_length=100, blank=True)
    country = CountryField(blank=True)
    host = models.ForeignKey(
        "Participant",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_meetings",
        help_text=_("The participant that hosted the meeting, where a source says."),
    )
    starts_on = models.DateField(
        null=True, blank=True, help_text=_("The first day, where a source gives it.")
    )
    ends_on = models.DateField(
        null=True, blank=True, help_text=_("The last day, where a source gives it.")
    )
    format = models.CharField(
        max_length=20, choices=Format.choices, blank=True, help_text=_("Empty when no source says.")
    )
    communique_issued = models.BooleanField(
        _("communiqué issued"),
        null=True,
        blank=True,
        help_text=_("Whether a final communiqué was issued; unknown unless a source says."),
    )
    communique_sources = models.ManyToManyField(
        "Source",
        blank=True,
        related_name="communique_meetings",
        verbose_name=_("sources of the communiqué flag"),
        help_text=_("The sources that say whether a communiqué was issued."),
    )
    summary = models.TextField(blank=True)
    slug = models.SlugField(max_length=100, unique=True, help_text=_("Year and city: 2024-dubai."))
    sources = models.ManyToManyField(
        "Source",
        blank=True,
        related_name="meetings",
        help_text=_("The sources that state these facts."),
    )

    markdown_fields = ("summary",)
    fact_sources = {"communique_issued": "communique_sources"}

    objects = MeetingQuerySet.as_manager()

    history = HistoricalRecords(m2m_fields=[communique_sources, sources])

    class Meta:
        permissions = [("publish_meeting", "Can publish and unpublish meetings")]
        ordering = ("-year", F("starts_on").desc(nulls_last=True))
        constraints = [
            in_order(
                "starts_on",
                "ends_on",
                name="meeting_ends_after_start",
                message=_("A meeting cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000),
                name="meeting_year_from_2000",
                violation_error_message=_("The Kimberley Process met first in 2000."),
            ),
            models.CheckConstraint(
                condition=Q(ordinal__isnull=True) | Q(ordinal__gte=1),
                name="meeting_ordinal_positive",
                violation_error_message=_("Meetings are numbered from 1."),
            ),
        ]

    def __str__(self):
        # Not get_kind_display(): it rebuilds the choices on every call, which shows when a
        # filter lists hundreds of meetings.
        kind = str(self.KIND_LABELS.get(self.kind, self.kind))
        place = f" {self.city}" if self.city else ""
        return f"{self.year}{place} {kind.lower()}"

    def get_absolute_url(self):
        return reverse("plenaries:meeting-detail", kwargs={"slug": self.slug})

    @property
    def dates(self):
        return format_date_range(self.starts_on, self.ends_on)

    @property
    def sort_date(self):
        """The date its decisions sort by: the first day, or 1 January while that is unknown."""
        return self.starts_on or (datetime.date(self.year, 1, 1) if self.year else None)

    def save(self, *args, **kwargs):
        """The meeting and its decisions' order in one transaction: the meeting's history row
        counts up the record's version, and a page read between the two would be kept under the
        new version with the old order (plenaries.page_cache)."""
        using = kwargs.get("using") or router.db_for_write(Meeting, instance=self)
        with transaction.atomic(using=using):
            super().save(*args, **kwargs)
            self.decisions.exclude(sort_date=self.sort_date).update(sort_date=self.sort_date)

    @property
    def place(self):
        return ", ".join(part for part in (self.city, self.country.name) if part)

    def clean(self):
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("A meeting cannot end before it starts.")
        for field in ("starts_on", "ends_on"):
            date = getattr(self, field)
            if date and self.year and date.year != self.year:
                errors.setdefault(field, _("This date is not in the meeting's year."))
        if errors:
            raise ValidationError(errors)


class WorkingBody(TimeStampedModel):
    """A committee, working group or monitoring team of the Kimberley Process."""

    class Kind(models.TextChoices):
        COMMITTEE = "committee", _("Committee")
        WORKING_GROUP = "working-group", _("Working group")
        MONITORING_TEAM = "monitoring-team", _("Monitoring team")
        OTHER = "other", _("Other")

    name = models.CharField(max_length=200, unique=True)
    abbreviation = models.CharField(max_length=20, blank=True)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text=_("Its address on this site, from its name; an old address redirects."),
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.TextField(blank=True)
    sources = models.ManyToManyField(
        "Source",
        blank=True,
        related_name="working_bodies",
        help_text=_("The sources that state these facts."),
    )

    objects = RecordQuerySet.as_manager()

    history = HistoricalRecords(m2m_fields=[sources])

    class Meta:
        ordering = ("name",)
        verbose_name_plural = _("working bodies")

    def __str__(self):
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name

    def get_absolute_url(self):
        return reverse("plenaries:working-body-detail", kwargs={"slug": self.slug})


class Topic(TimeStampedModel):
    """A subject tag for decisions and statements: admissions, reform, the secretariat..."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text=_("Its address on this site, from its name; an old address redirects."),
    )
    description = models.TextField(blank=True)

    objects = RecordQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ("name",)

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("plenaries:topic-detail", kwargs={"slug": self.slug})
