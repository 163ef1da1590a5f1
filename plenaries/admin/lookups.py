"""A list's filters, as its address gives them, checked against the fields they name."""

from django.contrib.admin.utils import NotRelationField, get_fields_from_path
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models.constants import LOOKUP_SEP


def can_hold(field, text):
    """Whether `field` can hold `text`, as an address gives it: not a word where a number goes, a
    NUL character, a number past what the database holds (its validators know the range).
    Looked up as it is, such a value fails in the database, after Django has built the query."""
    try:
        field.run_validators(field.to_python(text))
    except ValidationError:
        return False
    return True


class CheckedLookups:
    """A list filtered by a value its field cannot hold (`?decision=` a number past 64 bits,
    `?ip_address=abc`), or by a search's index, is a 400, as Django answers a filter it does not
    allow: the database would fail on it, after Django had built the query."""

    def lookup_allowed(self, lookup, value, request=None):
        if not super().lookup_allowed(lookup, value, request):
            return False
        try:
            field = get_fields_from_path(self.model, lookup.removesuffix(f"{LOOKUP_SEP}exact"))[-1]
        except (FieldDoesNotExist, NotRelationField):
            return True  # a lookup other than equality (`__in`, `__year`), checked as it is built
        if isinstance(field, SearchVectorField):
            return False
        return can_hold(field.target_field if field.is_relation else field, value)
