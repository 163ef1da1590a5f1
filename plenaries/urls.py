from django.urls import path
from django.views.generic import RedirectView

from . import csv_export, feeds, views

app_name = "plenaries"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("meetings/", views.MeetingListView.as_view(), name="meeting-list"),
    path("meetings/feed/", feeds.MeetingListFeed(), name="meeting-list-feed"),
    path("meetings/csv/", csv_export.MeetingListCSV(), name="meeting-csv"),
    path("meetings/<slug:slug>/", views.MeetingDetailView.as_view(), name="meeting-detail"),
    path("decisions/", views.decision_list, name="decision-list"),
    path("decisions/feed/", feeds.DecisionListFeed(), name="decision-feed"),
    path("decisions/csv/", csv_export.DecisionListCSV(), name="decision-csv"),
    path("decisions/<slug:slug>/", views.DecisionDetailView.as_view(), name="decision-detail"),
    path("participants/", views.participant_list, name="participant-list"),
    path("participants/feed/", feeds.ParticipantListFeed(), name="participant-list-feed"),
    path("participants/csv/", csv_export.ParticipantListCSV(), name="participant-csv"),
    path(
        "participants/<slug:slug>/",
        views.ParticipantDetailView.as_view(),
        name="participant-detail",
    ),
    path("statements/", views.statement_list, name="statement-list"),
    path("statements/feed/", feeds.StatementListFeed(), name="statement-feed"),
    path("statements/csv/", csv_export.StatementListCSV(), name="statement-csv"),
    path("statements/<slug:slug>/", views.StatementDetailView.as_view(), name="statement-detail"),
    path("working-bodies/", views.WorkingBodyListView.as_view(), name="working-body-list"),
    path("working-bodies/feed/", feeds.WorkingBodyListFeed(), name="working-body-list-feed"),
    path(
        "working-bodies/<slug:slug>/",
        views.WorkingBodyDetailView.as_view(),
        name="working-body-detail",
    ),
    path("chairs/", views.ChairListView.as_view(), name="chair-list"),
    path("chairs/feed/", feeds.ChairListFeed(), name="chair-list-feed"),
    path("blocked/", views.BlockedListView.as_view(), name="blocked-list"),
    path("blocked/feed/", feeds.BlockedListFeed(), name="blocked-list-feed"),
    path("topics/", views.TopicListView.as_view(), name="topic-list"),
    path("topics/feed/", feeds.TopicListFeed(), name="topic-list-feed"),
    path("topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic-detail"),
    path("search/", views.search, name="search"),
    path("search/feed/", feeds.SearchFeed(), name="search-feed"),
    path("about/", views.AboutView.as_view(), name="about"),
    path("data/", views.open_data, name="data"),
    # The feeds' first addresses, kept for the readers that follow them: each list's feed is
    # now at <list>/feed/, narrowed by the list's query.
    path(
        "feeds/decisions/",
        RedirectView.as_view(
            pattern_name="plenaries:decision-feed", permanent=True, query_string=True
        ),
    ),
    path(
        "feeds/statements/",
        RedirectView.as_view(
            pattern_name="plenaries:statement-feed", permanent=True, query_string=True
        ),
    ),
    path(
        "participants/<slug:slug>/feeds/decisions/",
        feeds.ParticipantDecisionFeed(),
        name="participant-decision-feed",
    ),
    path(
        "participants/<slug:slug>/feeds/statements/",
        feeds.ParticipantStatementFeed(),
        name="participant-statement-feed",
    ),
    path(
        "topics/<slug:slug>/feeds/decisions/", feeds.TopicDecisionFeed(), name="topic-decision-feed"
    ),
    path(
        "topics/<slug:slug>/feeds/statements/",
        feeds.TopicStatementFeed(),
        name="topic-statement-feed",
    ),
    path(
        "working-bodies/<slug:slug>/feeds/decisions/",
        feeds.WorkingBodyDecisionFeed(),
        name="working-body-decision-feed",
    ),
    path(
        "working-bodies/<slug:slug>/feeds/statements/",
        feeds.WorkingBodyStatementFeed(),
        name="working-body-statement-feed",
    ),
]
