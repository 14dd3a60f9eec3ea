"""The lägesbild figures of the source documents, as incidents and survey results.

Exact dates are rarely given, so rows are dated to the month (`DatePrecision.MONTH`) and spread
over the year the document reports on. Where a document says two sources report the same
incidents (Östermalm 2020: IA holds the two incidents also handled by Trafikkontoret/SISAB),
they are stored once so totals are not doubled.
"""

from dataclasses import dataclass
from datetime import date

from models.enums import IncidentCategory as Cat
from models.enums import IncidentSource as Src
from models.enums import Milieu as Mil
from models.enums import SurveyIndicator as Ind


@dataclass(frozen=True)
class RealIncident:
    council: str
    month: date
    source: Src
    category: Cat
    milieu: Mil
    description: str
    count: int = 1
    sub_area: str | None = None
    is_synthetic: bool = False  # the document states the pattern but gives no figures


def _m(year: int, month: int) -> date:
    return date(year, month, 1)


OST_2020_GRAFFITI = "Nazistiskt klotter hanterat av Trafikkontoret (även anmält i IA)."
OST_2020_LEFT = "Vänsterautonomt klotter hanterat av Trafikkontoret."
OST_2020_SISAB = (
    "Klotter med rasistiskt, kränkande eller sexistiskt innehåll på skolbyggnad, hanterat av SISAB "
    "(även anmält i IA)."
)
OST_2020_FORM = (
    "Avidentifierad blankett från skola: incident bland elever med nazistisk utgångspunkt. "
    "Skolan har agerat."
)
OST_2022_SISAB = "Högerextremt klotter på skolbyggnad, hanterat av SISAB."
SKA_2020_NAZI = "Nazistiskt klotter registrerat i stadsdelen."

REAL_INCIDENTS: tuple[RealIncident, ...] = (
    # Östermalm 2020 (plan 2021).
    RealIncident(
        "OST", _m(2020, 3), Src.TRAFFIC_OFFICE, Cat.GRAFFITI, Mil.WHITE_POWER, OST_2020_GRAFFITI
    ),
    RealIncident(
        "OST", _m(2020, 9), Src.TRAFFIC_OFFICE, Cat.GRAFFITI, Mil.WHITE_POWER, OST_2020_GRAFFITI
    ),
    RealIncident(
        "OST", _m(2020, 5), Src.TRAFFIC_OFFICE, Cat.GRAFFITI, Mil.AUTONOMOUS, OST_2020_LEFT
    ),
    RealIncident(
        "OST", _m(2020, 10), Src.TRAFFIC_OFFICE, Cat.GRAFFITI, Mil.AUTONOMOUS, OST_2020_LEFT
    ),
    RealIncident("OST", _m(2020, 4), Src.SISAB, Cat.GRAFFITI, Mil.UNCLEAR, OST_2020_SISAB),
    RealIncident("OST", _m(2020, 11), Src.SISAB, Cat.GRAFFITI, Mil.UNCLEAR, OST_2020_SISAB),
    RealIncident("OST", _m(2020, 2), Src.FORM, Cat.SCHOOL_INCIDENT, Mil.WHITE_POWER, OST_2020_FORM),
    RealIncident(
        "OST", _m(2020, 10), Src.FORM, Cat.SCHOOL_INCIDENT, Mil.WHITE_POWER, OST_2020_FORM
    ),
    RealIncident(
        "OST", _m(2020, 12), Src.FORM, Cat.SCHOOL_INCIDENT, Mil.WHITE_POWER, OST_2020_FORM
    ),
    # Östermalm Nov 2021 – Nov 2022 (plan 2023): nothing from Trafikkontoret or IA.
    RealIncident("OST", _m(2021, 11), Src.SISAB, Cat.GRAFFITI, Mil.WHITE_POWER, OST_2022_SISAB),
    RealIncident("OST", _m(2022, 3), Src.SISAB, Cat.GRAFFITI, Mil.WHITE_POWER, OST_2022_SISAB),
    RealIncident("OST", _m(2022, 9), Src.SISAB, Cat.GRAFFITI, Mil.WHITE_POWER, OST_2022_SISAB),
    RealIncident(
        "OST",
        _m(2022, 5),
        Src.FORM,
        Cat.CONCERN,
        Mil.UNCLEAR,
        "Avidentifierad blankett från skola: oro kring skolskjutning.",
    ),
    RealIncident(
        "OST",
        _m(2022, 10),
        Src.FORM,
        Cat.SCHOOL_INCIDENT,
        Mil.WHITE_POWER,
        "Avidentifierad blankett från skola: händelse kopplad till högerextremism.",
    ),
    # Skarpnäck 2020 (plan 2021): no IA reports.
    *(
        RealIncident(
            "SKA", _m(2020, month), Src.OTHER, Cat.GRAFFITI, Mil.WHITE_POWER, SKA_2020_NAZI
        )
        for month in (1, 3, 5, 6, 9, 11)
    ),
    *(
        RealIncident(
            "SKA", _m(2020, month), Src.OTHER, Cat.GRAFFITI, Mil.UNCLEAR, "Rasistiskt klotter."
        )
        for month in (4, 10)
    ),
    *(
        RealIncident(
            "SKA",
            _m(2020, month),
            Src.OTHER,
            Cat.GRAFFITI,
            Mil.AUTONOMOUS,
            "Vänsterautonomt klotter.",
        )
        for month in (2, 8)
    ),
    RealIncident(
        "SKA",
        _m(2020, 6),
        Src.SURVEY,
        Cat.OTHER,
        Mil.WHITE_POWER,
        "Incident beskriven av medarbetare i enkäten, kopplad till vit makt-miljön.",
    ),
    RealIncident(
        "SKA",
        _m(2020, 6),
        Src.SURVEY,
        Cat.OTHER,
        Mil.ISLAMIST,
        "Incident beskriven av medarbetare i enkäten, kopplad till islamistisk extremism.",
    ),
    RealIncident(
        "SKA",
        _m(2020, 4),
        Src.SOCIAL_SERVICES,
        Cat.CONCERN,
        Mil.WHITE_POWER,
        "Socialtjänsten kontaktade samordnaren om oro för radikalisering (vit makt-miljön).",
    ),
    RealIncident(
        "SKA",
        _m(2020, 10),
        Src.SOCIAL_SERVICES,
        Cat.CONCERN,
        Mil.ISLAMIST,
        "Socialtjänsten kontaktade samordnaren om oro för islamistisk radikalisering.",
    ),
)

# Bromma 2019 (plan 2020) gives a pattern without figures: white-power graffiti mainly in
# Blackeberg, relatively many IA reports flagged as VBE of which none was VBE on review, and no
# de-identified form. The counts below are invented to show that pattern and marked synthetic.
BRO_2019_GRAFFITI = "Klotter kopplat till vit makt-miljön (antal påhittat, mönster enligt planen)."
BRO_2019_IA = (
    "IA-rapport angiven som VBE; vid genomgång utan koppling till VBE men till våld i andra "
    "former (antal påhittat)."
)
REAL_INCIDENTS += (
    *(
        RealIncident(
            "BRO",
            _m(2019, month),
            Src.TRAFFIC_OFFICE,
            Cat.GRAFFITI,
            Mil.WHITE_POWER,
            BRO_2019_GRAFFITI,
            count=count,
            sub_area=area,
            is_synthetic=True,
        )
        for month, count, area in (
            (2, 2, "Blackeberg"),
            (4, 1, "Blackeberg"),
            (5, 3, "Blackeberg"),
            (8, 1, "Blackeberg"),
            (9, 2, "Blackeberg"),
            (10, 1, "Åkeshov"),
            (11, 2, "Blackeberg"),
        )
    ),
    *(
        RealIncident(
            "BRO",
            _m(2019, month),
            Src.IA,
            Cat.THREAT_VIOLENCE,
            Mil.NOT_VBE,
            BRO_2019_IA,
            is_synthetic=True,
        )
        for month in (1, 3, 3, 6, 9, 10, 12)
    ),
)

# (council, year) pairs whose incidents come from the documents; synthetic incidents skip them.
REAL_INCIDENT_YEARS: frozenset[tuple[str, int]] = frozenset(
    {("OST", 2020), ("OST", 2022), ("SKA", 2020), ("BRO", 2019)}
)


@dataclass(frozen=True)
class RealSurvey:
    council: str
    year: int
    audience: str
    sent: int
    answered: int
    results: dict[Ind, float]


# Östermalm's survey in autumn 2022 (plan 2023): 26 unit heads, 65 % answered (17 of 26).
REAL_SURVEYS: tuple[RealSurvey, ...] = (
    RealSurvey(
        "OST",
        2022,
        "Enhetschefer",
        26,
        17,
        {
            Ind.KNOWS_PLAN: 82.0,
            Ind.BELIEVES_STAFF_KNOW_PLAN: 29.0,
            Ind.KNOWS_COORDINATOR: 65.0,
            Ind.KNOWS_FORM: 30.0,
            Ind.KNOWS_SUPPORT_MATERIAL: 65.0,
        },
    ),
)
