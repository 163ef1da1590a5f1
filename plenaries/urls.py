from django.urls import path

from . import views

app_name = "plenaries"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("meetings/<slug:slug>/", views.MeetingDetailView.as_view(), name="meeting-detail"),
    path("decisions/<slug:slug>/", views.DecisionDetailView.as_view(), name="decision-detail"),
    path(
        "participants/<slug:slug>/",
        views.ParticipantDetailView.as_view(),
        name="participant-detail",
    ),
    path("statements/<slug:slug>/", views.StatementDetailView.as_view(), name="statement-detail"),
]
