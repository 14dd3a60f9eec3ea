"""One action plan as a whole document: the plan, its council and its activities in the plan's
order (the current state, not as of a period: the Handlingsplan export writes the plan itself)."""

from dataclasses import dataclass

from sqlalchemy.orm import Session

from models import ActionPlan, Activity, Council
from models.queries.council_page import activities_in_plan_order, plan_of


@dataclass(frozen=True)
class PlanDocument:
    council: Council
    plan: ActionPlan
    activities: list[Activity]  # by section in the plan's order, then position


def plan_document(session: Session, council: Council, year: int) -> PlanDocument | None:
    """The council's own plan of `year` with its activities; None when it has none."""
    plan = plan_of(session, council.id, year)
    if plan is None:
        return None
    return PlanDocument(council, plan, activities_in_plan_order(session, plan.id))
