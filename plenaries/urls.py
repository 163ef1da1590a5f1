from django.urls import path

from . import feeds, views

app_name = "plenaries"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("meetings/", views.MeetingListView.as_view(), name="meeting-list"),
    path("meetings/<slug:slug>/", views.MeetingDetailView.as_view(), name="meeting-detail"),
    path("decisions/", views.decision_list, name="decision-list"),
    path("decisions/<slug:slug>/", views.DecisionDetailView.as_view(), name="decision-detail"),
    path("participants/", views.participant_list, name="participant-list"),
    path(
        "participants/<slug:slug>/",
        views.ParticipantDetailView.as_view(),
        name="participant-detail",
    ),
    path("statements/", views.statement_list, name="statement-list"),
    path("statements/<slug:slug>/", views.StatementDetailView.as_view(), name="statement-detail"),
    path("working-bodies/", views.WorkingBodyListView.as_view(), name="working-body-list"),
    path(
        "working-bodies/<slug:slug>/",
        views.WorkingBodyDetailView.as_view(),
        name="working-body-detail",
    ),
    path("chairs/", views.ChairListView.as_view(), name="chair-list"),
    path("blocked/", views.BlockedListView.as_view(), name="blocked-list"),
    path("search/", views.search, name="search"),
    path("feeds/decisions/", feeds.DecisionFeed(), name="decision-feed"),
    path("feeds/statements/", feeds.StatementFeed(), name="statement-feed"),
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
]
