"""Where each participant, or others a source leaves unnamed, stood on a decision, and the
statements and sources that say so."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .base import PublicationStatus, RecordQuerySet, TimeStampedModel
from .decisions import Decision


class PositionQuerySet(RecordQuerySet):
    def published(self):
        """Positions on published decisions, by published participants or by unnamed others,
        citing only the statements that are published."""
        return (
            self.filter(decision__publication_status=PublicationStatus.PUBLISHED)
            .filter(
                Q(participant__isnull=True)
                | Q(participant__publication_status=PublicationStatus.PUBLISHED)
            )
            .with_published("statements")
        )

    def in_stance_order(self):
        """Proposers first, then supporters, objectors and abstainers; in each, the named by name,
        then those inferred from a group, then the unnamed others."""
        stances = list(Position.Stance)
        rank = models.Case(
            *(models.When(stance=stance, then=index) for index, stance in enumerate(stances)),
            default=len(stances),
        )
        return self.alias(stance_rank=rank).order_by(
            "stance_rank",
            F("participant").asc(nulls_last=True),
            "attribution",
            "participant__name",
            "others",
        )


class Position(TimeStampedModel):
    """Where one participant, or others a source leaves unnamed, stood on one decision, with the
    statements and sources that say so."""

    class Stance(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        SUPPORTED = "supported", _("Supported")
        OBJECTED = "objected", _("Objected")
        ABSTAINED = "abstained", _("Abstained")

    class Attribution(models.TextChoices):
        NAMED = "named", _("Named in the source")
        INFERRED = "inferred", _("Inferred from a group the source names")

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="positions")
    participant = models.ForeignKey(
        "Participant",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
        help_text=_("Empty for others the source does not name: describe them instead."),
    )
    others = models.CharField(
        _("unnamed others"),
        max_length=200,
        blank=True,
        help_text=_(
            'Others the source does not name, in its words: "a few other participants", '
            '"several countries". Leave the participant empty.'
        ),
    )
    attribution = models.CharField(
        max_length=10,
        choices=Attribution.choices,
        default=Attribution.NAMED,
        help_text=_(
            "Named: the source names this participant. Inferred: the source names a group "
            '("industry and civil society") and the participant is taken to be in it; the '
            "public pages show it as a weaker attribution."
        ),
    )
    stance = models.CharField(max_length=20, choices=Stance.choices)
    note = models.TextField(
        blank=True,
        help_text=_(
            "In your words: a paraphrase of what the sources say about this stance. The public "
            "pages never put it in quotation marks; a passage quoted word for word belongs in "
            "the statement's quotations."
        ),
    )
    statements = models.ManyToManyField(
        "Statement",
        blank=True,
        related_name="positions",
        help_text=_("The statements that state this stance: one or more."),
    )
    sources = models.ManyToManyField(
        "Source",
        blank=True,
        related_name="positions",
        help_text=_("Other sources that state it: a report, the meeting's communiqué..."),
    )

    objects = PositionQuerySet.as_manager()

    history = HistoricalRecords(m2m_fields=[statements, sources])

    class Meta:
        ordering = ("decision", "stance", F("participant__name").asc(nulls_last=True), "others")
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "participant"],
                condition=Q(participant__isnull=False),
                name="position_one_per_participant_and_decision",
                violation_error_message=_(
                    "This participant already has a position on this decision: edit that one."
                ),
            ),
            models.UniqueConstraint(
                fields=["decision", "stance"],
                condition=Q(participant__isnull=True),
                name="position_one_unnamed_per_stance",
                violation_error_message=_(
                    "Unnamed others already have this stance on this decision: edit that row."
                ),
            ),
            models.CheckConstraint(
                condition=(Q(participant__isnull=False) & Q(others=""))
                | (Q(participant__isnull=True) & ~Q(others="")),
                name="position_participant_or_unnamed_others",
                violation_error_message=_(
                    "Pick the participant, or describe the unnamed others: one of the two."
                ),
            ),
            models.CheckConstraint(
                condition=Q(participant__isnull=False) | Q(attribution="named"),
                name="position_only_participants_inferred",
                violation_error_message=_(
                    "Only a participant's stance is inferred from a group; unnamed others are "
                    "as the source words them."
                ),
            ),
        ]

    def __str__(self):
        who = self.participant or self.others
        return f"{who} {self.get_stance_display().lower()} {self.decision.title}"

    @property
    def inferred(self):
        return self.attribution == self.Attribution.INFERRED

    def clean(self):
        if bool(self.participant_id) == bool(self.others.strip()):
            raise ValidationError(
                {
                    "others": _(
                        "Pick the participant, or describe the unnamed others: one of the two."
                    )
                }
            )
        if not self.participant_id and self.inferred:
            raise ValidationError(
                {"attribution": _("Only a participant's stance is inferred from a group.")}
            )
