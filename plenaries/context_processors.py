from django.db.models import Max
from django.utils.functional import SimpleLazyObject

from .models import Decision, Meeting, Statement


def last_updated():
    """When the public record last changed, run only by pages that show it. Each model's latest
    change is one step down its `updated_at` index."""
    dates = [
        model.objects.published().aggregate(latest=Max("updated_at"))["latest"]
        for model in (Decision, Meeting, Statement)
    ]
    return max((date for date in dates if date), default=None)


def record(request):
    return {"record_last_updated": SimpleLazyObject(last_updated)}
