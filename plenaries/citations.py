"""What a record must go on citing: deleting a source or a statement may not leave a fact without
the evidence it needs. Source and Statement links are many-to-many, so the database cannot
protect them as it protects a foreign key; the admin asks left_uncited() before any delete."""

from .models import Decision, Meeting, Position, Statement

# Records that must cite something, and what: (which of them, the link fields of which at least
# one must keep a record). Publishing needs sources (PublishableModel.requires_source and
# fact_sources), and a position needs its evidence whether or not it is published.
CITATIONS = (
    (lambda: Position.objects.all(), ("statements", "sources")),
    (lambda: Decision.objects.published(), ("sources",)),
    (lambda: Statement.objects.published(), ("sources",)),
    (lambda: Meeting.objects.published().exclude(communique_issued=None), ("communique_sources",)),
)


def left_uncited(records):
    """The records that deleting `records` (sources, statements...) would leave citing nothing
    that they must cite."""
    deleted = {(type(record), record.pk) for record in records}
    kinds = {model for model, _ in deleted}
    for candidates, fields in CITATIONS:
        queryset = candidates()
        linked = [
            name for name in fields if queryset.model._meta.get_field(name).related_model in kinds
        ]
        if not linked:
            continue
        citing = queryset.none()
        for name in linked:
            target = queryset.model._meta.get_field(name).related_model
            ids = [pk for model, pk in deleted if model is target]
            citing |= queryset.filter(**{f"{name}__in": ids})
        for record in citing.distinct().prefetch_related(*fields):
            kept = [
                cited
                for name in fields
                for cited in getattr(record, name).all()
                if (type(cited), cited.pk) not in deleted
            ]
            if not kept:
                yield record
