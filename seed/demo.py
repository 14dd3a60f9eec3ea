"""Load the demo data set: real organisation, real plans and figures, marked synthetic rest.

Idempotent: the whole load runs in one transaction that also writes the `demo_data` marker,
so it is either fully there or not at all, and a second run changes nothing.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import (
    ActionPlan,
    Activity,
    ActivityUpdate,
    AppMeta,
    CooperationMeeting,
    Council,
    CouncilPopulation,
    CouncilSuccession,
    DataNote,
    Incident,
    MeetingFollowUp,
    PoliceArea,
    SurveyResult,
    SurveyRound,
    User,
    data_version,
    plan_wording,
    rules,
)
from models.base import stockholm_midnight
from models.enums import (
    ActivityStatus,
    CouncilKind,
    DatePrecision,
    FollowUp,
    PlanStatus,
    Role,
    Schedule,
    Section,
)
from models.queries.police_areas import area_ids_of_council, memberships
from seed import synthetic
from seed.councils import COUNCILS, POLICE_AREAS, POPULATION_2021, POPULATION_SOURCE, population
from seed.plans import real_plans
from seed.real import (
    DATA_NOTES,
    REAL_INCIDENT_YEARS,
    REAL_INCIDENTS,
    REAL_SURVEYS,
    covered_by_documents,
)

DEMO_PASSWORD = "demo"
MEETING_NOTES = "Demodata: genomgång av lägesbild och aktuella händelser."
MEETING_DECISIONS = "Demodata: lägesbilden delas med områdets skolor och fritidsgårdar."
MEETING_PARTICIPANTS = ("Samordnare VBE", "Kommunpolis", "Områdespolis", "Säkerhetssamordnare")
# (what, owner role): synthetic follow-ups a meeting agrees on.
MEETING_FOLLOW_UPS: tuple[tuple[str, str], ...] = (
    ("Demodata: följa upp klottersaneringen i centrum.", "Samordnare VBE"),
    ("Demodata: informera skolornas rektorer om lägesbilden.", "Samordnare VBE"),
    ("Demodata: återkoppla polisens bild av demonstrationen.", "Kommunpolis"),
    ("Demodata: gemensam trygghetsvandring i området.", "Områdespolis"),
)
DEMO_USERS: tuple[tuple[str, Role, str | None], ...] = (
    ("admin", Role.ADMIN, None),
    ("ks", Role.READER, None),
    ("polis", Role.POLICE, None),
    ("ostermalm", Role.COORDINATOR, "OST"),
    ("bromma", Role.COORDINATOR, "BRO"),
    ("skarpnack", Role.COORDINATOR, "SKA"),
    ("norrainnerstaden", Role.COORDINATOR, "NIN"),
)
# The demo police user works in Skärholmen's local police area (Skärholmen and Hägersten-Älvsjö).
DEMO_POLICE_AREAS = {"polis": "Skärholmen"}


@dataclass(frozen=True)
class SeedResult:
    loaded: bool
    message: str


def database_is_empty(session: Session) -> bool:
    return not session.scalar(select(func.count(Council.id))) and not session.scalar(
        select(func.count(User.id))
    )


def seed_demo(session: Session, today: date | None = None) -> SeedResult:
    if session.get(AppMeta, "demo_data") is not None:
        return SeedResult(False, "Demodata finns redan; inget ändrades.")
    today = today or date.today()
    rng = random.Random(synthetic.SEED)
    councils = _councils(session)
    _users(session, councils)
    _real_plans(session, councils, rng, today)
    _synthetic_plans(session, councils, rng, today)
    _carry_over(session, councils, today)
    _successor_follow_ups(session)
    _incidents(session, councils, rng, today)
    _surveys(session, councils, rng, today)
    _meetings(session, councils, rng, today)
    _data_notes(session, councils)
    session.add(AppMeta(key="demo_data", value=today.isoformat()))
    data_version.renew(session)
    session.flush()
    return SeedResult(True, "Demodata inläst.")


def _councils(session: Session) -> dict[str, Council]:
    areas = {a.name: a for a in session.scalars(select(PoliceArea))}
    for name, region_area, valid_from, valid_to in POLICE_AREAS:
        if name not in areas:
            areas[name] = PoliceArea(
                name=name, region_area=region_area, valid_from=valid_from, valid_to=valid_to
            )
            session.add(areas[name])
    councils = {c.code: c for c in session.scalars(select(Council))}
    for spec in COUNCILS:
        if spec.code in councils:
            continue
        council = Council(
            code=spec.code,
            name=spec.name,
            kind=spec.kind,
            valid_from=spec.valid_from,
            valid_to=spec.valid_to,
            police_areas=[areas[a] for a in spec.police_areas],
        )
        councils[spec.code] = council
        session.add(council)
        session.flush()
        for pred in spec.predecessors:
            session.add(
                CouncilSuccession(
                    predecessor=councils[pred], successor=council, effective_on=spec.valid_from
                )
            )
        if spec.code in POPULATION_2021:
            first = max(spec.valid_from.year, synthetic.FIRST_YEAR)
            last = spec.valid_to.year if spec.valid_to else date.today().year
            session.add_all(
                CouncilPopulation(
                    council_id=council.id,
                    year=year,
                    population=population(spec.code, year),
                    source=POPULATION_SOURCE,
                )
                for year in range(first, last + 1)
            )
    session.flush()
    return councils


def _users(session: Session, councils: dict[str, Council]) -> None:
    existing = set(session.scalars(select(User.username)))
    areas = {a.name: a for a in session.scalars(select(PoliceArea))}
    for username, role, council_code in DEMO_USERS:
        if username in existing:
            continue
        area = DEMO_POLICE_AREAS.get(username)
        user = User(
            username=username,
            role=role,
            council=councils[council_code] if council_code else None,
            police_area=areas[area] if area else None,
        )
        user.set_password(DEMO_PASSWORD)
        session.add(user)


def _add_activity(
    session: Session,
    plan: ActionPlan,
    position: int,
    fields: dict[str, Any],
    rng: random.Random,
    today: date,
    synthetic_activity: bool,
) -> Activity:
    schedule = Schedule(fields["schedule"])
    deadline = fields.get("deadline")
    state = synthetic.activity_state(rng, schedule, deadline, plan.year, today)
    activity = Activity(
        plan=plan,
        position=position,
        section=Section(fields["section"]),
        description=fields["description"],
        responsible=fields["responsible"],
        schedule=schedule,
        deadline=deadline,
        schedule_text=fields.get("schedule_text", ""),
        follow_up=FollowUp(fields["follow_up"]),
        follow_up_text=fields.get("follow_up_text", ""),
        target=fields.get("target"),
        status=state.status,
        completed_on=state.completed_on,
        last_update_at=synthetic.as_datetime(state.last_update) if state.last_update else None,
        is_synthetic=synthetic_activity,
    )
    if state.status is ActivityStatus.DONE and activity.target:
        activity.outcome = "Målet uppnått (demodata)."
    # The history ends in the activity's own state, so a report as of any day (models.queries.
    # follow_up) agrees with the current one once the last entry is past.
    comment = "Demodata: påhittad uppföljning." if state.history else None
    activity.comment = comment
    activity.updates = [
        ActivityUpdate(
            at=synthetic.as_datetime(at),
            old_status=old,
            new_status=new,
            completed_on=state.completed_on if new is ActivityStatus.DONE else None,
            outcome=activity.outcome if new is state.status else None,
            comment=comment,
            is_synthetic=True,
        )
        for at, old, new in state.history
    ]
    session.add(activity)
    return activity


def _approval(plan: ActionPlan, rng: random.Random, today: date) -> None:
    """Decision days by a fixed rule (`synthetic.decision_days`): the nämnd before the plan year
    or early in it, KS after it, neither after `today`; a few plans lag behind (drafts, not yet
    at KS). The two random days of the earlier rule are still drawn so the random stream, and
    with it the rest of the demo data, stays as it was."""
    rng.randint(0, 50), rng.randint(0, 25)
    council_day, ks_day = synthetic.decision_days(plan.council.code, plan.year)
    if council_day > today or rng.random() < 0.06:
        plan.status = PlanStatus.DRAFT
        return
    plan.council_approved_on = council_day
    if ks_day > today or rng.random() < 0.08:
        plan.status = PlanStatus.COUNCIL_APPROVED
        return
    plan.status, plan.ks_approved_on = PlanStatus.KS_APPROVED, ks_day


def _check_wording(fields: dict[str, Any], year: int) -> None:
    """A real activity's Tidplan and Uppföljning as the plan words them must read (by the same
    rule as the import) as the codes transcribed beside them; wording the rule refuses ("Vår och
    höst, återrapporteras 31 dec 2021") keeps the transcribed codes."""
    where = f"{fields['description'][:60]}… ({year})"
    try:
        read = plan_wording.parse_schedule(fields.get("schedule_text", ""), year)
    except plan_wording.WordingError:
        pass
    else:
        if (read.schedule.value, read.deadline) != (fields["schedule"], fields.get("deadline")):
            raise ValueError(f"Tidplanens text och kod skiljer sig: {where}")
    try:
        channel = plan_wording.parse_follow_up(fields.get("follow_up_text", ""))
    except plan_wording.WordingError:
        pass
    else:
        if channel.value != fields["follow_up"]:
            raise ValueError(f"Uppföljningens text och kod skiljer sig: {where}")


def _real_plans(
    session: Session, councils: dict[str, Council], rng: random.Random, today: date
) -> None:
    for spec in real_plans():
        plan = ActionPlan(
            council=councils[spec["council"]],
            year=spec["year"],
            dnr=spec.get("dnr"),
            lagesbild=spec["lagesbild"],
            sources=spec["sources"],
            analysis=spec["analysis"],
            lagesbild_revised_on=spec.get("lagesbild_revised_on") or date(spec["year"] - 1, 12, 1),
            next_revision=spec.get("next_revision") or rules.next_revision(spec["year"]),
        )
        _approval(plan, rng, today)
        if spec.get("adopted_on"):
            plan.council_approved_on = spec["adopted_on"]
        session.add(plan)
        for position, fields in enumerate(spec["activities"]):
            _check_wording(fields, spec["year"])
            _add_activity(session, plan, position, fields, rng, today, synthetic_activity=False)
    session.flush()


def _valid_on(council: Council, day: date) -> bool:
    return council.valid_from <= day and (council.valid_to is None or council.valid_to >= day)


def _synthetic_plans(
    session: Session, councils: dict[str, Council], rng: random.Random, today: date
) -> None:
    existing = {(c, y) for c, y in session.execute(select(ActionPlan.council_id, ActionPlan.year))}
    for year in range(synthetic.FIRST_YEAR, today.year + 1):
        for council in councils.values():
            if not _valid_on(council, date(year, 1, 1)) or (council.id, year) in existing:
                continue
            plan = ActionPlan(
                council=council,
                year=year,
                dnr=f"{council.code} {year - 1}/{rng.randint(100, 999)}",
                lagesbild=(
                    f"Demodata: lokal lägesbild för {council.name} inför {year}, sammanställd "
                    "från IA, blanketter för avidentifierad information, Trafikkontorets och "
                    "SISAB:s klotterrapporter, polisens lägesbild och enkät till enhetschefer. "
                    "Beskrivningen av grupperna i vit makt-miljön, den autonoma miljön och den "
                    "islamistiska miljön är uppdaterad utifrån årets rapporter."
                ),
                sources="IA; blanketter; Trafikkontoret; SISAB; polisen; enkät till enhetschefer.",
                analysis="Demodata: aktiviteten bedöms vara låg men med ett visst mörkertal.",
                lagesbild_revised_on=date(year - 1, 11, rng.randint(1, 28)),
                next_revision=rules.next_revision(year),
                is_synthetic=True,
            )
            _approval(plan, rng, today)
            session.add(plan)
            n = rng.randint(7, 12) if council.kind is CouncilKind.DISTRICT else rng.randint(4, 7)
            for position, (section, text, responsible, schedule, follow_up) in enumerate(
                synthetic.sample_activities(rng, n)
            ):
                fields = {
                    "section": section,
                    "description": text,
                    "responsible": responsible,
                    "schedule": schedule,
                    "deadline": synthetic.activity_deadline(rng, year)
                    if schedule is Schedule.DEADLINE
                    else None,
                    "follow_up": follow_up,
                    "target": "minst 10 medarbetare" if text.startswith("Minst 10") else None,
                }
                _add_activity(session, plan, position, fields, rng, today, synthetic_activity=True)
    session.flush()


def _carry_over(session: Session, councils: dict[str, Council], today: date) -> None:
    """A council formed by a merger inherits its predecessors' open activities: its first plan
    carries them over (`carried_from_id`), as Plan → Ny plan does, so Norra innerstaden 2024
    follows up what Östermalm and Norrmalm left open in 2023. A separate random stream, so the
    rest of the demo data is the same with or without this step."""
    rng = random.Random(f"{synthetic.SEED}-carry-over")
    for successor in sorted(councils.values(), key=lambda c: c.code):
        predecessors = [s.predecessor for s in successor.predecessions]
        first = session.scalar(
            select(ActionPlan)
            .where(ActionPlan.council_id == successor.id)
            .order_by(ActionPlan.year)
            .limit(1)
        )
        if not predecessors or first is None:
            continue
        originals = session.scalars(
            select(Activity)
            .join(ActionPlan, Activity.plan_id == ActionPlan.id)
            .where(
                ActionPlan.council_id.in_([p.id for p in predecessors]),
                ActionPlan.year == first.year - 1,
                rules.may_carry_over(),
            )
            .order_by(ActionPlan.council_id, Activity.position)
        ).all()
        position = max((a.position for a in first.activities), default=-1) + 1
        for offset, old in enumerate(originals):
            deadline = old.deadline
            if deadline is not None and deadline < date(first.year, 1, 1):
                deadline = date(first.year, 12, 31)
            fields = {
                "section": old.section,
                "description": old.description,
                "responsible": old.responsible,
                "schedule": old.schedule,
                "deadline": deadline,
                "schedule_text": old.schedule_text,
                "follow_up": old.follow_up,
                "follow_up_text": old.follow_up_text,
                "target": old.target,
            }
            copy = _add_activity(
                session, first, position + offset, fields, rng, today, first.is_synthetic
            )
            copy.carried_from_id = old.id
    session.flush()


def _successor_follow_ups(session: Session) -> None:
    """After a merger the successor's coordinator follows up what its predecessors left open that
    year (models.rules): the demo's follow-ups of Östermalm's and Norrmalm's 2023 activities from
    1 July 2023 were made by Norra innerstaden's coordinator (`norrainnerstaden`) for them."""
    coordinators = {
        u.council_id: u.id
        for u in session.scalars(select(User).where(User.role == Role.COORDINATOR))
    }
    for edge in session.scalars(select(CouncilSuccession)):
        updates = session.scalars(
            select(ActivityUpdate)
            .join(Activity, ActivityUpdate.activity_id == Activity.id)
            .join(ActionPlan, Activity.plan_id == ActionPlan.id)
            .where(
                ActionPlan.council_id == edge.predecessor_id,
                ActionPlan.year == edge.effective_on.year,
                ActivityUpdate.at >= stockholm_midnight(edge.effective_on),
            )
        )
        for update in updates:
            update.acting_council_id = edge.successor_id
            update.user_id = coordinators.get(edge.successor_id)
    session.flush()


def _incident(council: Council, day: date, precision: DatePrecision, **fields: Any) -> Incident:
    incident = Incident(council=council, **fields)
    incident.set_date(day, precision)
    return incident


def _incidents(
    session: Session, councils: dict[str, Council], rng: random.Random, today: date
) -> None:
    for real in REAL_INCIDENTS:
        session.add(
            _incident(
                councils[real.council],
                real.month,
                DatePrecision.MONTH,
                source=real.source,
                category=real.category,
                milieu=real.milieu,
                count=real.count,
                description=real.description,
                sub_area=real.sub_area,
                is_synthetic=real.is_synthetic,
            )
        )
    for council in councils.values():
        for year in range(synthetic.FIRST_YEAR, today.year + 1):
            if (council.code, year) in REAL_INCIDENT_YEARS:
                continue
            months = [
                (year, m)
                for m in range(1, 13)
                if _valid_on(council, date(year, m, 15)) and date(year, m, 1) <= today
            ]
            pop = population(council.code, year) if council.code in POPULATION_2021 else None
            for row in synthetic.incidents(rng, council.code, pop, months, today):
                severity = rng.randint(1, 3)  # drawn first: the random stream stays the same
                if covered_by_documents(council.code, row.day):
                    continue  # the plan reports everything there: nothing invented
                session.add(
                    _incident(
                        council,
                        row.day,
                        DatePrecision.DAY,
                        source=row.source,
                        category=row.category,
                        milieu=row.milieu,
                        count=row.count,
                        description=row.description,
                        sub_area=row.sub_area,
                        severity=severity,
                        is_synthetic=True,
                    )
                )
    session.flush()


def _surveys(
    session: Session, councils: dict[str, Council], rng: random.Random, today: date
) -> None:
    real = {(s.council, s.year) for s in REAL_SURVEYS}
    for s in REAL_SURVEYS:
        session.add(
            SurveyRound(
                council=councils[s.council],
                year=s.year,
                audience=s.audience,
                sent=s.sent,
                answered=s.answered,
                conducted_on=date(s.year, 10, 1),
                results=[SurveyResult(indicator=i, percent=p) for i, p in s.results.items()],
            )
        )
    for year in range(synthetic.FIRST_YEAR, today.year + 1):
        conducted = date(year, 10, 15)
        if conducted > today:
            continue
        for council in councils.values():
            if council.kind is not CouncilKind.DISTRICT or (council.code, year) in real:
                continue
            if not _valid_on(council, conducted):
                continue
            sent, answered, results = synthetic.survey(rng, year)
            session.add(
                SurveyRound(
                    council=council,
                    year=year,
                    audience="Enhetschefer",
                    sent=sent,
                    answered=answered,
                    conducted_on=conducted,
                    is_synthetic=True,
                    results=[SurveyResult(indicator=i, percent=p) for i, p in results.items()],
                )
            )
    session.flush()


def _meetings(
    session: Session, councils: dict[str, Council], rng: random.Random, today: date
) -> None:
    """Four synthetic meetings a year per district with a police area, each agreeing on one or
    two follow-ups; those due more than two weeks ago are mostly done, those due over a year
    ago all."""
    links = memberships(session)
    for year in range(synthetic.FIRST_YEAR, today.year + 1):
        for council in councils.values():
            if council.kind is not CouncilKind.DISTRICT or not council.police_areas:
                continue
            for month in (2, 5, 9, 11):
                held = date(year, month, rng.randint(1, 28))
                covering = area_ids_of_council(links, council.id, held)
                areas = [a for a in council.police_areas if a.id in covering]
                if held > today or not _valid_on(council, held) or not areas:
                    continue
                meeting = CooperationMeeting(
                    council=council,
                    police_area=rng.choice(areas),
                    held_on=held,
                    forum=rng.choice(synthetic.FORUMS),
                    vbe_on_agenda=rng.random() < 0.8,
                    participants="\n".join(MEETING_PARTICIPANTS[: rng.randint(2, 4)]),
                    notes=MEETING_NOTES,
                    decisions=MEETING_DECISIONS,
                    is_synthetic=True,
                )
                for what, owner in rng.sample(MEETING_FOLLOW_UPS, rng.randint(1, 2)):
                    due = held + timedelta(days=rng.choice((30, 45, 60)))
                    # Most are done in time; the few left open are recent (an old one
                    # would have been closed or dropped at a later meeting).
                    done = due < today - timedelta(days=14) and (
                        due < today - timedelta(days=365) or rng.random() < 0.85
                    )
                    meeting.follow_ups.append(
                        MeetingFollowUp(
                            what=what,
                            owner_role=owner,
                            due_on=due,
                            done_on=due - timedelta(days=rng.randint(0, 20)) if done else None,
                            done_note="Demodata: genomfört." if done else "",
                            is_synthetic=True,
                        )
                    )
                session.add(meeting)
    session.flush()


def _data_notes(session: Session, councils: dict[str, Council]) -> None:
    """Where the demo knowingly differs from, or fills in, what a plan says; and, for each real
    plan, that its decision days are invented (the plans do not state them)."""
    session.add_all(
        DataNote(council=councils[n.council], year=n.year, text=n.text) for n in DATA_NOTES
    )
    for spec in real_plans():
        session.add(
            DataNote(
                council=councils[spec["council"]],
                year=spec["year"],
                text=(
                    f"Handlingsplanen {spec['year']} anger inte när nämnden och kommunstyrelsen "
                    "beslutade om den: beslutsdatumen är påhittade (demodata) enligt en fast "
                    "regel, nämnden före planåret eller tidigt under det och KS därefter."
                ),
            )
        )
    session.flush()
