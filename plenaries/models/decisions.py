"""What meetings decided or failed to decide, and where each participant stood."""

import datetime

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce, ExtractYear
from django.db.models.lookups import GreaterThanOrEqual, LessThanOrEqual
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from plenaries.dates import precision_field, truncate

from .base import (
    PublishableModel,
    SearchableQuerySet,
)

# What lists sort decisions by: the date of their meeting (or written procedure), undated
# decisions counting as the earliest (Coalesce, not NULLS LAST, which SQLite's indexes refuse).
# One index holds the newest-first order; read backwards, it gives the oldest first.
SORT_DATE = Coalesce("sort_date", Value(datetime.date.min))
NEWEST_FIRST = (SORT_DATE.desc(), F("title").asc(), F("id").asc())


# The fields sort_date is computed from.
DATED_BY = {"meeting", "meeting_id", "decided_on", "decided_on_precision"}


class DecisionQuerySet(SearchableQuerySet):
    newest = NEWEST_FIRST
    snippet_fields = ("summary", "conditions", "text")
    snippet_related = (("plenaries_decision_related_text", "id"),)  # migration 0006
    fallback_fields = (
        "title", "identifier", "summary", "text", "conditions", "topics__name",
        "participants_concerned__name", "participants_concerned__name_fr",
        "participants_concerned__other_names__name",
    )  # fmt: skip

    def in_years(self, first=None, last=None):
        """Decisions of meetings, or written procedures, from year `first` to `last`."""
        # Conditions on SORT_DATE itself, so that the newest-first index finds the range.
        if first is not None:
            self = self.filter(GreaterThanOrEqual(SORT_DATE, datetime.date(int(first), 1, 1)))
        if last is not None:
            end = datetime.date(int(last), 12, 31)
            self = self.filter(LessThanOrEqual(SORT_DATE, end), sort_date__isnull=False)
        return self

    def count_by_year_and_outcome(self):
        """{(year, outcome): how many}, the year None for undated decisions: one query."""
        rows = (
            self.order_by()
            .values("outcome", year=ExtractYear("sort_date"))
            .annotate(count=models.Count("pk"))
            .values_list("year", "outcome", "count")
        )
        return {(year, outcome): count for year, outcome, count in rows}


class Decision(PublishableModel):
    """An item a meeting (or a written procedure) took up, and what became of it."""

    class Outcome(models.TextChoices):
        ADOPTED = "adopted", _("Adopted")
        REJECTED = "rejected", _("Rejected")
        BLOCKED = "blocked", _("Blocked for lack of consensus")
        DEFERRED = "deferred", _("Deferred")
        NOTED = "noted", _("Noted")

    meeting = models.ForeignKey(
        "Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        help_text=_("Empty for a written procedure."),
    )
    written_procedure = models.BooleanField(
        default=False, help_text=_("Taken by written procedure, outside any meeting.")
    )
    decided_on = models.DateField(
        null=True, blank=True, help_text=_("For a written procedure: when it closed.")
    )
    decided_on_precision = precision_field()
    title = models.CharField(max_length=300)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text=_("Its address on this site: the year it was taken, then its title."),
    )
    identifier = models.CharField(
        max_length=120,
        blank=True,
        help_text=_("For instance KP/2017/Plenary/Administrative Decision 1."),
    )
    summary = models.TextField(blank=True)
    text = models.TextField(
        _("full text"),
        blank=True,
        help_text=_("The decision word for word, where a source gives it."),
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    conditions = models.TextField(blank=True, help_text=_("What the decision is contingent upon."))
    effective_on = models.DateField(
        null=True, blank=True, help_text=_("When it takes effect, where a source says.")
    )
    effective_on_precision = precision_field()
    review_on = models.DateField(
        _("review date"),
        null=True,
        blank=True,
        help_text=_("When it is to be reviewed, where a source says."),
    )
    review_on_precision = precision_field()
    participants_concerned = models.ManyToManyField(
        "Participant",
        blank=True,
        related_name="concerning_decisions",
        help_text=_(
            "Whom it is about (admitted, suspended, restricted). Who stood where on it goes in "
            "the positions below."
        ),
    )
    topics = models.ManyToManyField(
        "Topic",
        blank=True,
        related_name="decisions",
        help_text=_("The subjects it is listed under, each with its own feed."),
    )
    working_body = models.ForeignKey(
        "WorkingBody",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        help_text=_("The committee or working group it concerns or entrusts with it."),
    )
    amends = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="amended_by",
        help_text=_("Earlier decisions this one changes in part; they stay in force otherwise."),
    )
    supersedes = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="superseded_by",
        help_text=_("Earlier decisions this one replaces whole."),
    )
    lifts = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="lifted_by",
        help_text=_("Earlier decisions whose measures this one ends: a suspension, restrictions."),
    )
    continues = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="continued_by",
        help_text=_(
            "The same item taken up at an earlier meeting, where a source links them: the 2024 "
            "communiqué request continues the 2023 one."
        ),
    )
    sources = models.ManyToManyField(
        "Source",
        blank=True,
        related_name="decisions",
        help_text=_("The sources that state it: at least one before it is published."),
    )
    # Kept by database triggers on PostgreSQL (see plenaries.search); empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)
    # Kept by save() here and by Meeting.save(): lists sort and filter by year on this one
    # indexed column instead of reading every meeting's dates.
    sort_date = models.DateField(
        null=True,
        editable=False,
        help_text=_(
            "The meeting's first day (or 1 January of its year while its dates are unknown), "
            "or the date a written procedure closed."
        ),
    )

    partial_dates = ("decided_on", "effective_on", "review_on")
    markdown_fields = ("summary", "conditions", "text")
    requires_source = True

    objects = DecisionQuerySet.as_manager()

    history = HistoricalRecords(
        m2m_fields=[participants_concerned, topics, sources],
        excluded_fields=["search_vector", "sort_date"],
    )

    class Meta:
        permissions = [("publish_decision", "Can publish and unpublish decisions")]
        ordering = ("title",)
        constraints = [
            models.CheckConstraint(
                condition=Q(meeting__isnull=True) | Q(written_procedure=False),
                name="decision_meeting_or_written_procedure",
                violation_error_message=_(
                    "A decision taken at a meeting is not a written procedure."
                ),
            ),
            models.UniqueConstraint(
                fields=["identifier"],
                condition=~Q(identifier=""),
                name="decision_identifier_unique",
                violation_error_message=_("Another decision has this identifier."),
            ),
        ]
        indexes = [
            # The public lists by date: a page is a run of entries of this index. Not a partial
            # index (published only): PostgreSQL keeps statistics of a partial index's
            # expression but does not use them, and misjudges year ranges without them.
            models.Index(
                *NEWEST_FIRST,
                name="decision_by_date",
            ),
        ]

    def __str__(self):
        """Its title and where it was taken: two items of one title, a year apart, differ."""
        return f"{self.title} ({self.taken})" if self.taken else self.title

    def get_absolute_url(self):
        return reverse("plenaries:decision-detail", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or DATED_BY & set(update_fields):
            # decided_on as PartialDatesModel.save() will store it: the first day of its month
            # or year when only those are known.
            decided = truncate(self.decided_on, self.decided_on_precision)
            self.sort_date = self.meeting.sort_date if self.meeting_id else decided
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "sort_date"}
        super().save(*args, **kwargs)

    @property
    def taken(self):
        """Where or how it was taken: "2024 Dubai plenary", "written procedure, May 2013"."""
        if self.meeting_id:
            return str(self.meeting)
        if self.written_procedure:
            if self.decided:
                return _("written procedure, %(date)s") % {"date": self.decided}
            return str(_("written procedure"))
        return str(self.decided)

    @property
    def decided(self):
        return self.partial_date("decided_on")

    @property
    def effective(self):
        return self.partial_date("effective_on")

    @property
    def review(self):
        return self.partial_date("review_on")

    def clean(self):
        if self.meeting_id and self.written_procedure:
            raise ValidationError(
                {
                    "written_procedure": _(
                        "A decision taken at a meeting is not a written procedure."
                    )
                }
            )
