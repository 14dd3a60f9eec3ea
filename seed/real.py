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
OST_2021_SISAB = "Högerextremt klotter på skolbyggnad, upptäckt av SISAB i slutet av 2021."
SKA_2020_NAZI = "Nazistiskt klotter registrerat i stadsdelen (Trafikkontorets sammanställning)."

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
    # Östermalm Nov 2021 – Nov 2022 (plan 2023): "Under slutet av 2021 upptäcktes högerextremt
    # klotter vid tre tillfällen på skolbyggnader av Sisab. Inga incidenter finns noterade
    # därefter under 2022." Nothing from Trafikkontoret or IA.
    RealIncident("OST", _m(2021, 11), Src.SISAB, Cat.GRAFFITI, Mil.WHITE_POWER, OST_2021_SISAB),
    RealIncident("OST", _m(2021, 12), Src.SISAB, Cat.GRAFFITI, Mil.WHITE_POWER, OST_2021_SISAB),
    RealIncident("OST", _m(2021, 12), Src.SISAB, Cat.GRAFFITI, Mil.WHITE_POWER, OST_2021_SISAB),
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
    # Skarpnäck 2020 (plan 2021): no IA reports. The graffiti is Trafikkontoret's: "Därtill har
    # trafikkontoret bidragit med en sammanställning av förekomsten av klotter som kopplas till
    # våldsbejakande extremism."
    *(
        RealIncident(
            "SKA", _m(2020, month), Src.TRAFFIC_OFFICE, Cat.GRAFFITI, Mil.WHITE_POWER, SKA_2020_NAZI
        )
        for month in (1, 3, 5, 6, 9, 11)
    ),
    *(
        RealIncident(
            "SKA",
            _m(2020, month),
            Src.TRAFFIC_OFFICE,
            Cat.GRAFFITI,
            Mil.UNCLEAR,
            "Rasistiskt klotter (Trafikkontorets sammanställning).",
        )
        for month in (4, 10)
    ),
    *(
        RealIncident(
            "SKA",
            _m(2020, month),
            Src.TRAFFIC_OFFICE,
            Cat.GRAFFITI,
            Mil.AUTONOMOUS,
            "Vänsterautonomt klotter (Trafikkontorets sammanställning).",
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
# Stretches within a year the documents cover completely: no synthetic incident may fall there,
# since the plan lists everything it saw. Östermalm's plan 2023 reports everything noted "sedan
# förra lägesbildens revidering i november 2021": three SISAB incidents at the end of 2021 and
# nothing from Trafikkontoret, IA or the social services.
REAL_INCIDENT_PERIODS: tuple[tuple[str, date, date], ...] = (
    ("OST", date(2021, 11, 1), date(2022, 12, 31)),
)


def covered_by_documents(council: str, day: date) -> bool:
    """Whether the documents report everything for the council on that day (no synthetic)."""
    return (council, day.year) in REAL_INCIDENT_YEARS or any(
        code == council and first <= day <= last for code, first, last in REAL_INCIDENT_PERIODS
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
            # "ingen av de svarande enhetscheferna har noterat någon händelse i verksamheten
            # kopplad till våldsbejakande extremism det senaste året"
            Ind.OBSERVED_INCIDENT: 0.0,
            # "bedömer också att deras och deras medarbetares kunskapsnivå är låg": words, not a
            # number; 3 of 17 (18 %) is the demo's choice, explained in a data note.
            Ind.KNOWLEDGE_ADEQUATE: 18.0,
        },
    ),
)


@dataclass(frozen=True)
class RealDataNote:
    """Shown beside the figures of that council and year ("Om siffrorna")."""

    council: str
    year: int
    text: str


DATA_NOTES: tuple[RealDataNote, ...] = (
    RealDataNote(
        "OST",
        2020,
        "IA-anmälningarna räknas inte en gång till. Handlingsplanen 2021: ”I "
        "incidentrapporteringssystemet IA finns två anmälningar, vilka utgörs av incidenterna "
        "som nämns ovan.” De två incidenterna står därför bara under Trafikkontoret och SISAB.",
    ),
    RealDataNote(
        "OST",
        2021,
        "Från november 2021 finns bara planens egna uppgifter, inga påhittade händelser. "
        "Handlingsplanen 2023: ”Under slutet av 2021 upptäcktes högerextremt klotter vid tre "
        "tillfällen på skolbyggnader av Sisab.” Månaderna (en i november, två i december) är "
        "demodatans val; planen anger inte datum. Januari–oktober 2021 är påhittade (demodata).",
    ),
    RealDataNote(
        "OST",
        2022,
        "Handlingsplanen 2023: ”Inga incidenter finns noterade därefter under 2022. "
        "Trafikkontoret har under 2022, till och med den 10 oktober, inte noterat "
        "klotter/skadegörelse i stadsdelen kopplat till extremism.” Enkäten: planen anger "
        "kunskapsnivån i ord, inte i procent (”De svarande cheferna bedömer också att deras och "
        "deras medarbetares kunskapsnivå är låg”); demodatan sätter andelen som bedömer "
        "kunskapen som tillräcklig till 18 % (3 av 17 svarande), ett påhittat värde. Cheferna "
        "tror att bara 29–35 procent av medarbetarna känner till stödmaterialet på intranätet; "
        "enkätens indikator gäller chefernas egen kännedom (omkring 65 procent).",
    ),
    RealDataNote(
        "SKA",
        2020,
        "Handlingsplanen 2021: ”Rasistiskt klotter och vänsterautonomt klotter har "
        "uppmärksammats vid två tillfällen.” Demodatan läser det som två tillfällen vardera. "
        "Planen anger inte månader; de är demodatans val.",
    ),
    RealDataNote(
        "BRO",
        2019,
        "Handlingsplanen 2020 beskriver mönstret men anger inga antal: klottret (främst i "
        "Blackeberg) och IA-anmälningarna utan VBE-koppling är påhittade (demodata) för att "
        "visa det mönstret.",
    ),
    RealDataNote(
        "OST",
        2023,
        "Handlingsplanen 2023 knyter inte revideringen till tertialrapport 1: ”Handlingsplanerna "
        "lägesbild revideras årligen, i samband med verksamhetsplanering.” och ”Lägesbilden "
        "revideras under november 2022”. Nästa revidering är därför satt till 30 november "
        "2023, där planen inte anger någon dag.",
    ),
)
