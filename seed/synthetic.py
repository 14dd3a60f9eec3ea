"""Plausible synthetic data for the councils and years the documents do not cover.

Every row made here has `is_synthetic=True`. A fixed random seed keeps it deterministic for a
given reference date (statuses depend on which deadlines have passed).
"""

import math
import random
import zlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from models.enums import ActivityStatus as St
from models.enums import FollowUp as Fu
from models.enums import IncidentCategory as Cat
from models.enums import IncidentSource as Src
from models.enums import Milieu as Mil
from models.enums import Schedule
from models.enums import Section as Sec
from models.enums import SurveyIndicator as Ind

SEED = 20260
FIRST_YEAR = 2019

SUB_AREAS: dict[str, tuple[str, ...]] = {
    "BRO": ("Blackeberg", "Abrahamsberg", "Alvik", "Bromma kyrka", "Ulvsunda", "Åkeshov"),
    "SKA": ("Bagarmossen", "Björkhagen", "Kärrtorp", "Skarpnäcks gård", "Hammarbyhöjden"),
    "OST": ("Gärdet", "Hjorthagen", "Ladugårdsgärdet", "Lärkstaden", "Östermalm city"),
    "SOD": ("Hammarby sjöstad", "Högalid", "Katarina", "Maria", "Sofia"),
    "JAR": ("Akalla", "Husby", "Kista", "Rinkeby", "Tensta", "Hjulsta"),
    "FAR": ("Farsta centrum", "Hökarängen", "Sköndal", "Fagersjö"),
}

MILIEU_WEIGHTS = {
    Mil.WHITE_POWER: 0.44,
    Mil.AUTONOMOUS: 0.18,
    Mil.ISLAMIST: 0.09,
    Mil.UNCLEAR: 0.17,
    Mil.NOT_VBE: 0.12,
}
# (source, category, weight, max count per row)
INCIDENT_KINDS: tuple[tuple[Src, Cat, float, int], ...] = (
    (Src.TRAFFIC_OFFICE, Cat.GRAFFITI, 0.26, 4),
    (Src.SISAB, Cat.GRAFFITI, 0.14, 3),
    (Src.IA, Cat.STICKERS, 0.12, 5),
    (Src.IA, Cat.THREAT_VIOLENCE, 0.04, 1),
    (Src.FORM, Cat.SCHOOL_INCIDENT, 0.10, 1),
    (Src.FORM, Cat.CONCERN, 0.08, 1),
    (Src.SOCIAL_SERVICES, Cat.CONCERN, 0.08, 1),
    (Src.POLICE, Cat.DEMONSTRATION, 0.04, 1),
    (Src.POLICE, Cat.PROPAGANDA, 0.06, 1),
    (Src.SCHOOL, Cat.SCHOOL_INCIDENT, 0.05, 1),
    (Src.OTHER, Cat.OTHER, 0.03, 1),
)
DESCRIPTIONS: dict[Cat, str] = {
    Cat.GRAFFITI: "Klotter med extremistiska symboler sanerat.",
    Cat.STICKERS: "Klistermärken med extremistiskt budskap uppsatta och borttagna.",
    Cat.THREAT_VIOLENCE: "Hot med ideologisk koppling mot verksamhet, polisanmält.",
    Cat.SCHOOL_INCIDENT: "Avidentifierad händelse bland elever; skolan har agerat.",
    Cat.CONCERN: "Oro för individ; ärendet hanterat enligt stadens rutin vid oro/händelse.",
    Cat.DEMONSTRATION: "Manifestation med koppling till extremistisk miljö.",
    Cat.PROPAGANDA: "Spridning av propaganda/värvningsmaterial uppmärksammad.",
    Cat.OTHER: "Övrig iakttagelse rapporterad till samordnaren.",
}

# A pool of activities typical of the plans, used for councils without a transcribed plan.
ACTIVITY_POOL: tuple[tuple[Sec, str, str, Schedule, Fu], ...] = (
    (
        Sec.PREVENTIVE,
        "Fältassistenter bedriver uppsökande arbete bland unga.",
        "Enhetschef fältgruppen",
        Schedule.CONTINUOUS,
        Fu.VB,
    ),
    (
        Sec.PREVENTIVE,
        "Demokratiworkshops för unga på fritidsgårdarna.",
        "Enhetschef fritid",
        Schedule.DEADLINE,
        Fu.T2,
    ),
    (
        Sec.PREVENTIVE,
        "Föräldrastödsträffar om nätets påverkan och radikalisering.",
        "Enhetschef föräldrastöd",
        Schedule.DEADLINE,
        Fu.VB,
    ),
    (
        Sec.PREVENTIVE,
        "Trygghetsvandringar med polis och bostadsbolag.",
        "Trygghets- och säkerhetssamordnare tillsammans med kommunpolisen",
        Schedule.DEADLINE,
        Fu.T1,
    ),
    (
        Sec.PREVENTIVE,
        "Snabb sanering av extremistiskt klotter i samverkan med Trafikkontoret.",
        "Trygghets- och säkerhetssamordnare",
        Schedule.CONTINUOUS,
        Fu.ORDINARY,
    ),
    (
        Sec.PREVENTING,
        "Samverkan med polisen kring individer i riskzon enligt stadens rutin.",
        "Avdelningschef individ- och familjeomsorg och lokalpolisområdet",
        Schedule.CONTINUOUS,
        Fu.VB,
    ),
    (
        Sec.PREVENTING,
        "SSP-samverkan med skola och polis kring oro för radikalisering.",
        "Enhetschef ungdomsenheten",
        Schedule.CONTINUOUS,
        Fu.T2,
    ),
    (
        Sec.PREVENTING,
        "Rutin för stöd till avhoppare och anhöriga är känd i socialtjänsten.",
        "Avdelningschef individ- och familjeomsorg",
        Schedule.DEADLINE,
        Fu.VB,
    ),
    (
        Sec.GRANTS_PREMISES,
        "Kontroll av demokrativillkor vid handläggning av föreningsbidrag.",
        "Kultursekreterare",
        Schedule.CONTINUOUS,
        Fu.VB,
    ),
    (
        Sec.GRANTS_PREMISES,
        "Genomgång av rutin för upplåtelse av lokaler till föreningar.",
        "Avdelningschef kultur och fritid",
        Schedule.DEADLINE,
        Fu.T1,
    ),
    (
        Sec.COMPETENCE,
        "Minst 10 medarbetare genomgår stadens webbutbildning om VBE.",
        "Lokal samordnare",
        Schedule.DEADLINE,
        Fu.VB,
    ),
    (
        Sec.COMPETENCE,
        "Information om blanketten för avidentifierad information på APT.",
        "Lokal samordnare",
        Schedule.DEADLINE,
        Fu.T1,
    ),
    (
        Sec.COMPETENCE,
        "Enkät till enhetschefer om kunskap och iakttagelser.",
        "Lokal samordnare",
        Schedule.DEADLINE,
        Fu.PLAN_UPDATE,
    ),
    (
        Sec.COMPETENCE,
        "Chefer deltar i stadens utbildning om VBE.",
        "Förvaltningsledningen",
        Schedule.DEADLINE,
        Fu.VB,
    ),
)
FORUMS = ("Lokal samverkansgrupp", "BRÅ-möte", "SSP-möte", "Medborgarlöfte – uppföljning")
AUDIENCES = ("Enhetschefer",)


@dataclass
class IncidentRow:
    council: str
    day: date
    source: Src
    category: Cat
    milieu: Mil
    count: int
    description: str
    sub_area: str | None


def poisson(rng: random.Random, lam: float) -> int:
    """Knuth's method: fine for the small rates used here."""
    threshold, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= threshold:
            return k
        k += 1


def month_end(year: int, month: int) -> date:
    first_next = date(year + month // 12, month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def incidents(
    rng: random.Random,
    council: str,
    population: int | None,
    months: list[tuple[int, int]],
    today: date,
) -> list[IncidentRow]:
    """Monthly Poisson counts scaled by population, with white-power activity rising slowly."""
    base = (population or 25_000) / 10_000 * 0.11
    milieus, weights = list(MILIEU_WEIGHTS), list(MILIEU_WEIGHTS.values())
    kinds = INCIDENT_KINDS
    rows: list[IncidentRow] = []
    for year, month in months:
        trend = 1 + 0.06 * (year - FIRST_YEAR)
        for _ in range(poisson(rng, base * trend)):
            last_day = month_end(year, month).day
            day = date(year, month, rng.randint(1, last_day))
            if day > today:
                continue
            src, cat, _w, max_count = rng.choices(kinds, weights=[k[2] for k in kinds])[0]
            areas = SUB_AREAS.get(council)
            rows.append(
                IncidentRow(
                    council=council,
                    day=day,
                    source=src,
                    category=cat,
                    milieu=rng.choices(milieus, weights=weights)[0],
                    count=rng.randint(1, max_count),
                    description=DESCRIPTIONS[cat],
                    sub_area=rng.choice(areas) if areas and rng.random() < 0.6 else None,
                )
            )
    return rows


@dataclass
class ActivityState:
    status: St
    completed_on: date | None
    last_update: date | None
    history: list[tuple[date, St | None, St]]


def activity_state(
    rng: random.Random, schedule: Schedule, deadline: date | None, year: int, today: date
) -> ActivityState:
    """A believable follow-up state as of `today`: past deadlines mostly met, some late."""
    start = date(year, 1, 15)
    if start > today:
        return ActivityState(St.NOT_STARTED, None, None, [])
    begun = min(today, start + timedelta(days=rng.randint(10, 90)))
    if schedule is Schedule.CONTINUOUS:
        # Most continuous activities were touched this period; some have gone stale.
        stale = rng.random() < 0.25
        last = today - timedelta(days=rng.randint(130, 220) if stale else rng.randint(3, 60))
        last = max(last, begun)
        if year < today.year:
            last = date(year, 12, rng.randint(1, 20))
        # Followed up about once a tertial from its start to its last update, so a report as of
        # a period's end (models.queries.follow_up) sees what the coordinator wrote then.
        follow_ups = [last - timedelta(days=120 * k) for k in range(3)]
        entries: list[tuple[date, St | None, St]] = [(begun, St.NOT_STARTED, St.ONGOING)]
        entries += [(day, St.ONGOING, St.ONGOING) for day in sorted(follow_ups) if day > begun]
        return ActivityState(St.ONGOING, None, last, entries)
    assert deadline is not None
    history: list[tuple[date, St | None, St]] = [(begun, St.NOT_STARTED, St.ONGOING)]
    if deadline < today:
        roll = rng.random()
        if roll < 0.72:
            late = rng.random() < 0.18
            done = (
                deadline + timedelta(days=rng.randint(5, 60))
                if late
                else deadline - timedelta(days=rng.randint(0, 60))
            )
            done = max(min(done, today), begun)
            history.append((done, St.ONGOING, St.DONE))
            return ActivityState(St.DONE, done, done, history)
        if roll < 0.80:
            at = max(begun, deadline - timedelta(days=rng.randint(0, 40)))
            history.append((at, St.ONGOING, St.CANCELLED))
            return ActivityState(St.CANCELLED, None, at, history)
        at = min(today, deadline + timedelta(days=rng.randint(1, 30)))
        history.append((at, St.ONGOING, St.DELAYED))
        return ActivityState(St.DELAYED, None, at, history)
    roll = rng.random()
    if roll < 0.15:
        done = max(begun, today - timedelta(days=rng.randint(1, 30)))
        history.append((done, St.ONGOING, St.DONE))
        return ActivityState(St.DONE, done, done, history)
    if roll < 0.65:
        return ActivityState(St.ONGOING, None, begun, history)
    return ActivityState(St.NOT_STARTED, None, None, [])


def decision_days(council: str, year: int) -> tuple[date, date]:
    """When the nämnd and KS decided on a plan, by a fixed rule (the plans do not say): the
    nämnd on a Thursday from 8 December the year before to February of the plan year, not in the
    Christmas weeks (which Thursday varies by council and year), KS on the first Wednesday of
    June, all plans together, as KS approved them in June 2017 (the KS memo is dated 15 June
    2017). KS is therefore always after the nämnd."""
    day, thursdays = date(year - 1, 12, 8), []
    day += timedelta(days=(3 - day.weekday()) % 7)
    while day < date(year, 3, 1):
        if not date(year - 1, 12, 22) <= day <= date(year, 1, 7):
            thursdays.append(day)
        day += timedelta(weeks=1)
    council_day = thursdays[zlib.crc32(f"{council}-{year}".encode()) % len(thursdays)]
    june = date(year, 6, 1)
    ks_day = june + timedelta(days=(2 - june.weekday()) % 7)
    return council_day, ks_day


def activity_deadline(rng: random.Random, year: int) -> date:
    return month_end(year, rng.choice((3, 4, 5, 6, 8, 9, 10, 11, 12, 12, 12)))


def sample_activities(rng: random.Random, n: int) -> list[tuple[Sec, str, str, Schedule, Fu]]:
    """Always one per section (a KS demand), the rest drawn from the pool."""
    by_section: dict[Sec, list[tuple[Sec, str, str, Schedule, Fu]]] = {}
    for item in ACTIVITY_POOL:
        by_section.setdefault(item[0], []).append(item)
    chosen = [rng.choice(items) for items in by_section.values()]
    rest = [a for a in ACTIVITY_POOL if a not in chosen]
    chosen += rng.sample(rest, k=min(len(rest), max(0, n - len(chosen))))
    order = list(Sec)
    return sorted(chosen, key=lambda a: order.index(a[0]))


def survey(rng: random.Random, year: int) -> tuple[int, int, dict[Ind, float]]:
    """Awareness improves slowly over the years; response rates vary, some are low."""
    sent = rng.randint(18, 45)
    answered = max(1, round(sent * rng.uniform(0.35, 0.9)))
    lift = 2.0 * (year - FIRST_YEAR)
    means = {
        Ind.KNOWS_PLAN: 62,
        Ind.BELIEVES_STAFF_KNOW_PLAN: 28,
        Ind.KNOWS_COORDINATOR: 55,
        Ind.KNOWS_FORM: 35,
        Ind.KNOWS_SUPPORT_MATERIAL: 45,
        Ind.KNOWLEDGE_ADEQUATE: 38,
        Ind.OBSERVED_INCIDENT: 12,
    }
    results = {
        ind: round(
            min(
                100.0, max(0.0, rng.gauss(mean + (lift if ind != Ind.OBSERVED_INCIDENT else 0), 9))
            ),
            1,
        )
        for ind, mean in means.items()
    }
    return sent, answered, results


def as_datetime(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, 0, tzinfo=UTC)
