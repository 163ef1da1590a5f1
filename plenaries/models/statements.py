"""What governments and observers said about the meetings and their decisions."""

import datetime

from django.contrib.postgres.search import SearchVectorField
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from plenaries.dates import precision_field

from .base import (
    PublicationStatus,
    PublishableModel,
    RecordQuerySet,
    SearchableQuerySet,
    TimeStampedModel,
    in_order,
)

# Undated statements count as the earliest; see plenaries.models.decisions for why Coalesce.
ISSUED = Coalesce("issued_on", Value(datetime.date.min))
NEWEST_FIRST = (ISSUED.desc(), F("title").asc(), F("id").asc())


class StatementQuerySet(SearchableQuerySet):
    newest = NEWEST_FIRST
    snippet_fields = ("body",)
    snippet_related = (  # migrations 0006 and 0018
        ("plenaries_statement_quotations", "id"),
        ("plenaries_participant_names", "issuer_id"),
        ("plenaries_statement_related_text", "id"),
    )
    fallback_fields = (
        "title", "body", "speaker", "quotations__text", "topics__name",
        "issuer__name", "issuer__name_fr", "issuer__other_names__name",
    )  # fmt: skip


class Statement(PublishableModel):
    """A press statement, communiqué, speech or report issued by a participant or observer."""

    class Kind(models.TextChoices):
        PRESS_STATEMENT = "press-statement", _("Press statement")
        COMMUNIQUE = "communique", _("Communiqué")
        SPEECH = "speech", _("Speech")
        REPORT = "report", _("Report")

    issuer = models.ForeignKey(
        "Participant",
        on_delete=models.PROTECT,
        related_name="statements",
        help_text=_("The participant or observer that issued it."),
    )
    speaker = models.CharField(
        max_length=200, blank=True, help_text=_("Who delivered or signed it, where it says.")
    )
    speaker_office = models.CharField(
        max_length=200, blank=True, help_text=_("The speaker's office, as the statement gives it.")
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    issued_on = models.DateField(
        null=True, blank=True, help_text=_("Empty when no source gives it.")
    )
    issued_on_precision = precision_field()
    meeting = models.ForeignKey(
        "Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
        help_text=_("The meeting it was made at or is about."),
    )
    decisions = models.ManyToManyField(
        "Decision",
        blank=True,
        related_name="statements",
        help_text=_("The decisions it speaks of."),
    )
    working_bodies = models.ManyToManyField(
        "WorkingBody",
        blank=True,
        related_name="statements",
        help_text=_("The committees or working groups it is about, where it names them."),
    )
    topics = models.ManyToManyField(
        "Topic",
        blank=True,
        related_name="statements",
        help_text=_("The subjects it is listed under, each with its own feed."),
    )
    title = models.CharField(max_length=300)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text=_("Its address on this site: the year it was issued, then its title."),
    )
    body = models.TextField(blank=True)
    press_contact = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Where the statement sends inquiries, as it gives it: an address or office."),
    )
    sources = models.ManyToManyField(
        "Source",
        blank=True,
        related_name="statements",
        help_text=_("Where it is published: at least one before it is published here."),
    )
    # Kept by database triggers on PostgreSQL (see plenaries.search); empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    partial_dates = ("issued_on",)
    markdown_fields = ("body",)
    requires_source = True

    objects = StatementQuerySet.as_manager()

    history = HistoricalRecords(
        m2m_fields=[decisions, working_bodies, topics, sources], excluded_fields=["search_vector"]
    )

    class Meta:
        permissions = [("publish_statement", "Can publish and unpublish statements")]
        ordering = NEWEST_FIRST
        indexes = [
            # The public list by date: a page is a run of entries of this index.
            models.Index(
                *NEWEST_FIRST,
                name="statement_by_date",
            ),
        ]

    def __str__(self):
        """Its title, issuer and date: the same title issued twice still differs."""
        # No issuer yet on an unsaved form (the descriptor's error is an AttributeError).
        issuer = getattr(self, "issuer", None)
        details = ", ".join(str(part) for part in (issuer, self.issued) if part)
        return f"{self.title} ({details})" if details else self.title

    def get_absolute_url(self):
        return reverse("plenaries:statement-detail", kwargs={"slug": self.slug})

    @property
    def issued(self):
        return self.partial_date("issued_on")


class StatementPartQuerySet(RecordQuerySet):
    def published(self):
        """A statement's quotations and figures are public with the statement."""
        return self.filter(statement__publication_status=PublicationStatus.PUBLISHED)


class Quotation(TimeStampedModel):
    """A passage of a statement quoted word for word."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="quotations")
    text = models.TextField(
        help_text=_(
            "Word for word, as the statement has it, without quotation marks. A paraphrase is "
            "not a quotation: put it in a position's note or the statement's text."
        )
    )
    speaker = models.CharField(
        max_length=200, blank=True, help_text=_("Empty when it is the statement's issuer.")
    )
    order = models.PositiveSmallIntegerField(
        default=0, help_text=_("Quotations are shown smallest first.")
    )

    objects = StatementPartQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ("statement", "order", "pk")

    def __str__(self):
        return self.text[:80]


class ReportedFigure(TimeStampedModel):
    """A figure a statement reports, such as money given to a participant over some years."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="figures")
    description = models.CharField(max_length=300)
    qualifier = models.CharField(
        max_length=30, blank=True, help_text=_('As the source words it: "over", "about".')
    )
    amount = models.DecimalField(max_digits=20, decimal_places=2)
    currency = models.CharField(
        max_length=3,
        blank=True,
        validators=[RegexValidator(r"^[A-Z]{3}$", _("An ISO 4217 code such as USD."))],
        help_text=_("ISO 4217 code; empty for a count that is not money."),
    )
    recipient = models.ForeignKey(
        "Participant",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reported_figures",
        help_text=_("Who received it, where the statement says."),
    )
    from_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("The first year it covers.")
    )
    to_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("The last year it covers.")
    )

    objects = StatementPartQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ("statement", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="figure_amount_not_negative",
                violation_error_message=_("An amount cannot be negative."),
            ),
            in_order(
                "from_year",
                "to_year",
                name="figure_period_in_order",
                message=_("The last year cannot come before the first."),
            ),
        ]

    def __str__(self):
        return self.description
