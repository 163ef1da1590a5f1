"""What every record shares: timestamps, the publication state, partial dates and sources."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.db.models.constants import LOOKUP_SEP
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from plenaries.dates import PartialDate, precision_field, truncate
from plenaries.search import clean_query, fallback_terms, fold, search

# A query names a few names, a place, a year: the rest of a long one would only cost time.
MAX_SEARCHED_WORDS = 10


def in_order(first, last, name, message):
    """A constraint that `last` is not before `first` when both are known."""
    return models.CheckConstraint(
        condition=Q(**{f"{last}__isnull": True})
        | Q(**{f"{first}__isnull": True})
        | Q(**{f"{last}__gte": models.F(first)}),
        name=name,
        violation_error_message=message,
    )


class TimeStampedModel(models.Model):
    """A record that knows when it was created, last changed, and how many times it was saved.

    `version` counts full saves; the admin compares it to refuse a save based on a stale copy
    (see plenaries.admin.locking).
    """

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    # The text fields editors write in Markdown: the public pages render them with the
    # `markdown` filter, and the admin gives them a hint and a preview (plenaries.admin.markdown).
    markdown_fields = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding and kwargs.get("update_fields") is None:
            self.version += 1
        super().save(*args, **kwargs)


class PartialDatesModel(TimeStampedModel):
    """A record with dates known only to the month or year; see plenaries.dates.

    Each name in `partial_dates` is a DateField with a `<name>_precision` companion. Saving stores
    the canonical first day of the month or year, so that equal partial dates compare equal.
    """

    partial_dates = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        for name in self.partial_dates:
            precision = getattr(self, f"{name}_precision")
            setattr(self, name, truncate(getattr(self, name), precision))
        super().save(*args, **kwargs)

    def partial_date(self, name):
        return PartialDate(getattr(self, name), getattr(self, f"{name}_precision"))


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class RecordQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: every record of a model with no draft state of its own
        (topics, working bodies). Each model that has one, or that is part of a record that has
        one, says what is public in its own queryset, so that `model.objects.published()` answers
        for every model: the pages, feeds, API and downloads all start here."""
        return self.all()

    def with_published(self, *lookups):
        """Prefetch each relation of `lookups` through published(): a draft at the other end
        reads as None (a foreign key) or is left out (a list), so that no page can show it."""
        prefetches = []
        for lookup in lookups:
            model = self.model
            for name in lookup.split(LOOKUP_SEP):
                model = model._meta.get_field(name).related_model
            prefetches.append(Prefetch(lookup, queryset=model.objects.published()))
        return self.prefetch_related(*prefetches)


class PublishableQuerySet(RecordQuerySet):
    def published(self):
        """What the public may see. Every public page, feed, sitemap and export starts here."""
        return self.filter(publication_status=PublicationStatus.PUBLISHED)

    def matching_words(self, text, holding, naming):
        """Records for which `holding(word)`, a condition, holds for every word of `text`, and
        not for a word written -like-this. Annotated `rank`: 1 where `naming(the words, folded)`
        holds (the query names the record exactly), else 0, so that those can come first. The
        search of the few, short records found by their names: participants and meetings."""
        required, excluded = fallback_terms(clean_query(text))
        if not required and not excluded:
            return self.none().annotate(rank=models.Value(0))
        matches = self
        for word in required[:MAX_SEARCHED_WORDS]:
            matches = matches.filter(holding(word))
        for word in excluded[:MAX_SEARCHED_WORDS]:
            matches = matches.exclude(holding(word))
        whole = fold(" ".join(required))
        exact = naming(whole) if whole else Q(pk__in=[])
        return matches.annotate(rank=models.Case(models.When(exact, then=1), default=0))


class SearchableQuerySet(PublishableQuerySet):
    """Records found by words and listed by date: decisions and statements.

    A subclass names the order of the model's date index (`newest`), the fields a snippet is cut
    from (`snippet_fields`, then on PostgreSQL `snippet_related`: (SQL function, field) pairs
    giving the names of what it concerns) and what the SQLite fallback reads (`fallback_fields`:
    the record's own text and the names of what it concerns); see plenaries.search."""

    newest = ()
    snippet_fields = ()
    snippet_related = ()
    fallback_fields = ()

    def newest_first(self):
        return self.order_by(*self.newest)

    def oldest_first(self):
        """The exact reverse of newest_first(), so that one index serves both."""
        return self.newest_first().reverse()

    def search(self, text):
        return search(self, text)


class PublishableModel(PartialDatesModel):
    """A record that editors keep as a draft until it is published.

    Records whose `requires_source` is true may only be published once they cite a source, and
    each fact named in `fact_sources` once it cites the sources of its own that say it.
    """

    publication_status = models.CharField(
        _("publication"),
        max_length=10,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        db_index=True,
    )

    requires_source = False
    # Facts that need sources of their own once known: {field: its many-to-many field of
    # sources}. A fact is known when it is neither None nor empty ("no" is known).
    fact_sources = {}

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_published(self):
        return self.publication_status == PublicationStatus.PUBLISHED

    @classmethod
    def missing_citations(cls, value_of, cites):
        """{field of sources: why} for each citation publishing a record needs and it lacks: a
        source (`requires_source`), and the sources of each known fact (`fact_sources`).
        `value_of(name)` reads a fact and `cites(name)` says whether a field of sources lists
        any, so that the saved record (publish()) and a form's data (the admin's RecordForm)
        are judged by the one rule."""
        missing = {}
        if cls.requires_source and not cites("sources"):
            missing["sources"] = _("Add at least one source before publishing.")
        for fact, sources in cls.fact_sources.items():
            if value_of(fact) not in (None, "") and not cites(sources):
                label = cls._meta.get_field(fact).verbose_name
                missing[sources] = _("Cite a source for “%(fact)s” before publishing.") % {
                    "fact": label
                }
        return missing

    def publish(self):
        """Publish this record, refusing it while it lacks a citation publishing needs."""
        missing = self.missing_citations(
            lambda name: getattr(self, name), lambda name: getattr(self, name).exists()
        )
        if missing:
            raise ValidationError(missing, code="no_source")
        self.publication_status = PublicationStatus.PUBLISHED
        self.save(update_fields=["publication_status", "updated_at"])

    def unpublish(self):
        self.publication_status = PublicationStatus.DRAFT
        self.save(update_fields=["publication_status", "updated_at"])


class SourceQuerySet(RecordQuerySet):
    def published(self):
        """Sources are public as the sources of a public record (cited())."""
        return self.cited()

    def strongest_first(self):
        """Official KP documents first, then government or observer statements, news reports and
        secondary sources (Source.Kind's order), those of unknown kind last; by title in each."""
        kinds = list(Source.Kind)
        rank = models.Case(
            *(models.When(kind=kind, then=index) for index, kind in enumerate(kinds)),
            default=len(kinds),
        )
        return self.alias(strength=rank).order_by("strength", "title", "pk")

    def cited(self):
        """The sources some public page cites: those of a published meeting, decision,
        statement, participant or chairmanship, of a position as published() reads it, of a
        published participant's status period, or of a working body (each is public)."""
        from plenaries.models import StatusPeriod  # models/participants.py imports this module

        cited = models.Q()
        for relation in self.model._meta.related_objects:
            if not relation.many_to_many:
                continue
            model = relation.related_model
            if model is StatusPeriod:
                shown = model.objects.filter(
                    participant__publication_status=PublicationStatus.PUBLISHED
                )
            elif hasattr(model.objects, "published"):
                shown = model.objects.published()
            else:
                shown = model.objects.all()
            cited |= models.Exists(shown.filter(**{relation.field.name: models.OuterRef("pk")}))
        return self.filter(cited)


class Source(PartialDatesModel):
    """A public document that a fact in the record comes from."""

    class Kind(models.TextChoices):
        """How close a source stands to what it reports, strongest first: pages list them so."""

        KP_DOCUMENT = "kp_document", _("Official KP document")
        GOVERNMENT = "government", _("Government or observer statement")
        NEWS = "news", _("News report")
        SECONDARY = "secondary", _("Secondary (blog, mirror, republication)")

    url = models.URLField(_("address"), max_length=500, blank=True)
    archived_url = models.URLField(
        _("archived copy"),
        max_length=500,
        blank=True,
        help_text=_("The address of a saved copy, in the Internet Archive for instance."),
    )
    kind = models.CharField(
        max_length=20,
        choices=Kind.choices,
        blank=True,
        help_text=_("Empty while unknown."),
    )
    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=200, blank=True)
    published_on = models.DateField(
        _("date"), null=True, blank=True, help_text=_("When it was published, where it says.")
    )
    published_on_precision = precision_field()
    note = models.TextField(blank=True, help_text=_("What this source says, or where to find it."))

    partial_dates = ("published_on",)

    objects = SourceQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ("title",)
        constraints = [
            models.UniqueConstraint(
                fields=["url"],
                condition=~Q(url=""),
                name="source_url_unique",
                violation_error_message=_("Another source has this address."),
            ),
        ]

    def __str__(self):
        """Its title, publisher and date, so that two sources of one title can be told apart."""
        details = ", ".join(str(part) for part in (self.publisher, self.date) if part)
        return f"{self.title} ({details})" if details else self.title

    @property
    def date(self):
        return self.partial_date("published_on")


class SearchWord(models.Model):
    """A word of the public record, for "did you mean" suggestions (plenaries.search)."""

    word = models.CharField(max_length=100, primary_key=True)
    documents = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("word",)

    def __str__(self):
        return self.word
