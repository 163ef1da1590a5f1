"""The public pages, one module per concept."""

from .about import AboutView
from .data import download_file, open_data
from .decisions import DecisionDetailView, decision_list
from .meetings import BlockedListView, ChairListView, MeetingDetailView, MeetingListView
from .participants import ParticipantDetailView, participant_list
from .site import HomeView, RobotsView, search
from .statements import StatementDetailView, statement_list
from .topics import TopicDetailView, TopicListView
from .working_bodies import WorkingBodyDetailView, WorkingBodyListView

__all__ = [
    "AboutView",
    "BlockedListView",
    "ChairListView",
    "DecisionDetailView",
    "HomeView",
    "MeetingDetailView",
    "MeetingListView",
    "ParticipantDetailView",
    "RobotsView",
    "decision_list",
    "download_file",
    "open_data",
    "participant_list",
    "search",
    "statement_list",
    "StatementDetailView",
    "TopicDetailView",
    "TopicListView",
    "WorkingBodyDetailView",
    "WorkingBodyListView",
]
