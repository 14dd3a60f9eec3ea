"""Stockholm's councils with their history, police areas and population (real organisation)."""

from dataclasses import dataclass
from datetime import date

from models.enums import CouncilKind

HISTORY_START = date(2007, 1, 1)  # the 14-district organisation dates from 2007
REFORM_2020 = date(2020, 7, 1)
REFORM_2023 = date(2023, 7, 1)


@dataclass(frozen=True)
class CouncilSpec:
    code: str
    name: str
    kind: CouncilKind
    valid_from: date
    valid_to: date | None = None
    predecessors: tuple[str, ...] = ()
    police_areas: tuple[str, ...] = ()


D, S = CouncilKind.DISTRICT, CouncilKind.SPECIALIST
UNTIL_2020 = date(2020, 6, 30)
UNTIL_2023 = date(2023, 6, 30)

COUNCILS: tuple[CouncilSpec, ...] = (
    CouncilSpec("RIK", "Rinkeby-Kista", D, HISTORY_START, UNTIL_2023, police_areas=("Järva",)),
    CouncilSpec("SPT", "Spånga-Tensta", D, HISTORY_START, UNTIL_2023, police_areas=("Järva",)),
    CouncilSpec("HAV", "Hässelby-Vällingby", D, HISTORY_START, police_areas=("Vällingby",)),
    CouncilSpec("BRO", "Bromma", D, HISTORY_START, police_areas=("Vällingby",)),
    CouncilSpec(
        "KUN", "Kungsholmen", D, HISTORY_START, police_areas=("Norrmalm", "Lidingö-Kungsholmen")
    ),
    CouncilSpec("NOR", "Norrmalm", D, HISTORY_START, UNTIL_2023, police_areas=("Norrmalm",)),
    CouncilSpec("OST", "Östermalm", D, HISTORY_START, UNTIL_2023, police_areas=("Norrmalm",)),
    CouncilSpec("SOD", "Södermalm", D, HISTORY_START, police_areas=("Södermalm",)),
    CouncilSpec(
        "EAV", "Enskede-Årsta-Vantör", D, HISTORY_START, police_areas=("Globen", "Farsta-Vantör")
    ),
    CouncilSpec("SKA", "Skarpnäck", D, HISTORY_START, police_areas=("Globen",)),
    CouncilSpec("FAR", "Farsta", D, HISTORY_START, police_areas=("Farsta-Vantör",)),
    CouncilSpec(
        "HAL",
        "Hägersten-Liljeholmen",
        D,
        HISTORY_START,
        UNTIL_2020,
        police_areas=("Skärholmen", "Globen"),
    ),
    CouncilSpec("ALV", "Älvsjö", D, HISTORY_START, UNTIL_2020, police_areas=("Skärholmen",)),
    CouncilSpec("SKH", "Skärholmen", D, HISTORY_START, police_areas=("Skärholmen",)),
    CouncilSpec(
        "HAE",
        "Hägersten-Älvsjö",
        D,
        REFORM_2020,
        predecessors=("HAL", "ALV"),
        police_areas=("Skärholmen", "Globen"),
    ),
    CouncilSpec(
        "JAR", "Järva", D, REFORM_2023, predecessors=("RIK", "SPT"), police_areas=("Järva",)
    ),
    CouncilSpec(
        "NIN",
        "Norra innerstaden",
        D,
        REFORM_2023,
        predecessors=("NOR", "OST"),
        police_areas=("Norrmalm", "Norra innerstaden"),
    ),
    CouncilSpec("SOC", "Socialnämnden", S, HISTORY_START),
    CouncilSpec("UTB", "Utbildningsnämnden", S, HISTORY_START),
    CouncilSpec("AMN", "Arbetsmarknadsnämnden", S, HISTORY_START),
    CouncilSpec("KUL", "Kulturnämnden", S, HISTORY_START),
    CouncilSpec("IDR", "Idrottsnämnden", S, HISTORY_START),
)

# Local police areas (lokalpolisområden) of police region Stockholm, with their police area.
# Norrmalm was split on 1 January 2025 into Norra innerstaden and Lidingö-Kungsholmen.
POLICE_AREAS: tuple[tuple[str, str, date | None, date | None], ...] = (
    ("Norrmalm", "City", None, date(2024, 12, 31)),
    ("Norra innerstaden", "City", date(2025, 1, 1), None),
    ("Lidingö-Kungsholmen", "City", date(2025, 1, 1), None),
    ("Södermalm", "City", None, None),
    ("Järva", "Nord", None, None),
    ("Vällingby", "Nord", None, None),
    ("Globen", "Syd", None, None),
    ("Farsta-Vantör", "Syd", None, None),
    ("Skärholmen", "Syd", None, None),
)

POPULATION_BASE_YEAR = 2021
POPULATION_GROWTH = 0.008
POPULATION_SOURCE = (
    "Ungefärlig folkmängd enligt stadens prognosunderlag kring 2021; övriga år framräknade med "
    "0,8 % årlig förändring (demoantagande). Stadens årliga befolkningsstatistik är "
    "auktoritativ källa."
)
# Approximate population around 2021. Järva (~92 000 in 2022) is split 54/46 between
# Rinkeby-Kista and Spånga-Tensta, Hägersten-Älvsjö 78/22 between Hägersten-Liljeholmen and
# Älvsjö, and Norrmalm is Norra innerstaden (>155 000 in 2023) less Östermalm (~71 800):
# stated assumptions, not statistics.
POPULATION_2021: dict[str, int] = {
    "RIK": 49_000,
    "SPT": 42_000,
    "HAV": 76_500,
    "BRO": 85_700,
    "KUN": 70_800,
    "NOR": 80_000,
    "OST": 71_800,
    "SOD": 129_300,
    "EAV": 104_700,
    "SKA": 47_600,
    "FAR": 59_900,
    "HAL": 101_500,
    "ALV": 28_600,
    "HAE": 130_100,
    "SKH": 37_600,
    "JAR": 91_000,
    "NIN": 151_800,
}


def population(code: str, year: int) -> int:
    return round(POPULATION_2021[code] * (1 + POPULATION_GROWTH) ** (year - POPULATION_BASE_YEAR))
