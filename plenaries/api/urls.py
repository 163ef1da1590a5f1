from django.urls import NoReverseMatch, include, path
from rest_framework.reverse import reverse
from rest_framework.routers import DefaultRouter

from . import views
from .base import DocsView, RootView, SchemaView

app_name = "api"


class Router(DefaultRouter):
    """Addresses ending in a slash, as the site's do; no `.json` twins of each address."""

    include_format_suffixes = False
    APIRootView = RootView


router = Router()
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("participants", views.ParticipantViewSet, basename="participant")
router.register("decisions", views.DecisionViewSet, basename="decision")
router.register("statements", views.StatementViewSet, basename="statement")
router.register("working-bodies", views.WorkingBodyViewSet, basename="working-body")
router.register("topics", views.TopicViewSet, basename="topic")
router.register("sources", views.SourceViewSet, basename="source")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(url_name="api:schema"), name="docs"),
]


def api_address(record):
    """The address of `record` in the API, or "" when the API has no endpoint for its model."""
    for _prefix, viewset, basename in router.registry:
        if viewset.model is type(record):
            value = getattr(record, viewset.lookup_field)
            try:
                return reverse(f"api:{basename}-detail", kwargs={viewset.lookup_field: value})
            except NoReverseMatch:  # a record not saved yet has no address
                return ""
    return ""
