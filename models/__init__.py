"""The relational model of Lägesbild (SQLAlchemy 2, typed ORM)."""

from models.alert import TrendAlertReview
from models.base import Base
from models.cooperation import CooperationMeeting, MeetingFollowUp
from models.council import (
    Council,
    CouncilPopulation,
    CouncilSuccession,
    PoliceArea,
    council_police_areas,
)
from models.incident import Incident, IncidentWithdrawal, tertial_of
from models.plan import ActionPlan, Activity, ActivityUpdate
from models.revision import DataNote, Revision
from models.session import UserSession
from models.survey import SurveyResult, SurveyRound
from models.user import AppMeta, AuditEntry, User

__all__ = [
    "ActionPlan",
    "Activity",
    "ActivityUpdate",
    "AppMeta",
    "AuditEntry",
    "Base",
    "CooperationMeeting",
    "Council",
    "CouncilPopulation",
    "CouncilSuccession",
    "DataNote",
    "Incident",
    "IncidentWithdrawal",
    "MeetingFollowUp",
    "PoliceArea",
    "Revision",
    "SurveyResult",
    "SurveyRound",
    "TrendAlertReview",
    "User",
    "UserSession",
    "council_police_areas",
    "tertial_of",
]
