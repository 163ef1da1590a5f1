from django.utils.functional import SimpleLazyObject

from .models import Decision, Meeting, Statement


def last_updated():
    """When the public record last changed: one query, run only by pages that show it."""
    dates = [
        model.objects.published().order_by().values_list("updated_at", flat=True)
        for model in (Decision, Meeting, Statement)
    ]
    changes = dates[0].union(*dates[1:], all=True).order_by("-updated_at")
    return changes.first()


def record(request):
    return {"record_last_updated": SimpleLazyObject(last_updated)}
