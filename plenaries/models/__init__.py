"""The Kimberley Process record, one module per concept."""

from .base import PublicationStatus, SearchWord, Source
from .decisions import Decision
from .downloads import Download, DownloadFile
from .meetings import Meeting, Topic, WorkingBody
from .participants import Chairmanship, Participant, ParticipantName, StatusPeriod
from .positions import Position
from .statements import Quotation, ReportedFigure, Statement
from .version import RecordVersion

__all__ = [
    "Chairmanship",
    "Decision",
    "Download",
    "DownloadFile",
    "Meeting",
    "Participant",
    "ParticipantName",
    "Position",
    "PublicationStatus",
    "Quotation",
    "RecordVersion",
    "ReportedFigure",
    "SearchWord",
    "Source",
    "Statement",
    "StatusPeriod",
    "Topic",
    "WorkingBody",
]
