"""The public pages, one module per concept."""

from .decisions import DecisionDetailView, decision_list
from .meetings import BlockedListView, ChairListView, MeetingDetailView, MeetingListView
from .participants import ParticipantDetailView, participant_list
from .site import HomeView, RobotsView, search
from .statements import StatementDetailView, statement_list
from .working_bodies import WorkingBodyDetailView, WorkingBodyListView

__all__ = [
    "BlockedListView",
    "ChairListView",
    "DecisionDetailView",
    "HomeView",
    "MeetingDetailView",
    "MeetingListView",
    "ParticipantDetailView",
    "RobotsView",
    "decision_list",
    "participant_list",
    "search",
    "statement_list",
    "StatementDetailView",
    "WorkingBodyDetailView",
    "WorkingBodyListView",
]
