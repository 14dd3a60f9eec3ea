"""A generated corpus for the personal-data guard (issue 12, finding 5): personal data in many
spellings must all be refused, and the figures a Swedish municipal action plan holds must all
pass. Seeded, so a failure is reproducible; the shares are printed with their counts."""

import random
from collections.abc import Callable
from datetime import date, timedelta

import phonenumbers
import pytest
from stdnum import luhn

from dashboard.personal_data import find_personal_data

SEED = 20261126
DASHES = ["-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212", "\ufe63", "\uff0d"]
INVISIBLE = ["\u200b", "\u00ad", "\u200c", "\u200d", "\u2060", "\ufeff"]
COMBINING = ["\u034f", "\ufe0f", "\ufe00", "\u0301", "\u0308", "\u20e3"]  # Mn, and Me (keycap)
MONTHS = ["jan", "feb", "mars", "apr", "maj", "juni", "juli", "aug", "sep", "okt", "nov", "dec"]

PERSONAL_SENTENCES = [
    "Eleven med personnummer {} uttryckte oro.",
    "{} har anmälts till socialtjänsten.",
    "Kontakt: {}",
    "Samtal med vårdnadshavare ({}) hölls i mars.",
    "Uppgiften gäller {}, som flyttat till stadsdelen.",
    "Anmälan inkom från {} den 3 maj.",
    "Ansvarig: rektor, {}.",
    "{}",
]
CLEAN_SENTENCES = [
    "Insatsen följs upp {}.",
    "Enligt lägesbilden {} i stadsdelsområdet.",
    "{}",
    "Stadsdelsförvaltningen redovisar {} i verksamhetsberättelsen.",
    "Åtgärden ({}) samordnas med polisen.",
]


def _valid_ten(rng: random.Random, coordination: bool) -> tuple[date, str]:
    born = date(1920, 1, 1) + timedelta(days=rng.randint(0, 37_000))
    day = born.day + (60 if coordination else 0)
    nine = f"{born:%y%m}{day:02d}{rng.randint(0, 999):03d}"
    return born, nine + luhn.calc_check_digit(nine)


def _sprinkle(rng: random.Random, digits: str, marks: list[str] = INVISIBLE) -> str:
    """A zero-width character, soft hyphen or combining mark somewhere inside the digits."""
    at = rng.randint(1, len(digits) - 1)
    return digits[:at] + rng.choice(marks) + digits[at:]


def identity_number(rng: random.Random) -> str:
    born, ten = _valid_ten(rng, coordination=rng.random() < 0.3)
    date_part, tail = ten[:6], ten[6:]
    if rng.random() < 0.5:
        date_part = f"{born.year // 100}{date_part}"
    style = rng.choice(
        [
            "sep", "sep", "none", "iso", "spaced", "invisible", "fullwidth", "edge",
            "combining", "one_by_one",
        ]
    )  # fmt: skip
    if style == "sep":
        number = date_part + rng.choice([*DASHES, "+", "/", ".", ":", "_", " ", "\u00a0"]) + tail
    elif style == "none":
        number = date_part + tail
    elif style == "iso":  # YYYY-MM-DD-XXXX
        year = f"{born.year // 100}{date_part[-6:-4]}"
        dash = rng.choice(DASHES)
        number = dash.join([year, date_part[-4:-2], date_part[-2:], tail])
    elif style == "spaced":
        number = f"{date_part} {rng.choice(DASHES)} {tail}"
    elif style == "invisible":
        number = _sprinkle(rng, date_part) + rng.choice(["-", ""]) + _sprinkle(rng, tail)
    elif style == "combining":
        number = _sprinkle(rng, date_part, COMBINING) + rng.choice(["-", ""])
        number += _sprinkle(rng, tail, COMBINING)
    elif style == "one_by_one":  # 8 0 0 5 1 7 - 1 2 3 9
        number = " ".join(date_part) + rng.choice([" - ", " ", " + "]) + " ".join(tail)
    elif style == "fullwidth":
        number = "".join(chr(0xFF10 + int(d)) for d in date_part) + "\uff0d"
        number += "".join(chr(0xFF10 + int(d)) for d in tail)
    else:  # a hyphen right before or after
        before, after = rng.choice([("-", ""), ("", "-"), ("\u2013", "\u2013"), ("-", "-")])
        number = f"{before}{date_part}-{tail}{after}"
    return number


def email(rng: random.Random) -> str:
    first = rng.choice(["anna", "erik", "åsa", "mohammed", "li", "sara-maria", "jonas"])
    last = rng.choice(["svensson", "ali", "berg", "öberg", "nguyen"])
    local = rng.choice([first, f"{first}.{last}", f"{first}_{last}1", f"{first}+{last}"])
    domain = rng.choice(
        ["exempel.se", "stockholm.se", "edu.stockholm.se", "gmail.com", "polisen.se"]
    )
    at = rng.choice(
        [
            "@", " @ ", "\uff20", "%40", " [at] ", "(at)", " (AT) ", "[at]", " [snabel-a] ",
            "{at}", " at ", " AT ",
        ]
    )  # fmt: skip
    if rng.random() < 0.2:
        domain = domain.replace(".", rng.choice(["[.]", "(.)", " [.] ", " [dot] "]))
    address = f"{local}{at}{domain}"
    return address.upper() if rng.random() < 0.1 else address


def _phone_digits(rng: random.Random) -> str:
    """National significant digits of a number Sweden's numbering plan accepts."""
    while True:
        kind = rng.choice(["mobile", "mobile", "stockholm", "goteborg", "uppsala", "vaxjo"])
        if kind == "mobile":
            digits = rng.choice(["70", "72", "73", "76", "79"]) + f"{rng.randint(0, 9_999_999):07d}"
        elif kind == "stockholm":
            digits = "8" + f"{rng.randint(1_000_000, 99_999_999)}"
        elif kind == "goteborg":
            digits = "31" + f"{rng.randint(100_000, 9_999_999)}"
        elif kind == "uppsala":
            digits = "18" + f"{rng.randint(100_000, 999_999)}"
        else:
            digits = "470" + f"{rng.randint(10_000, 999_999)}"
        if phonenumbers.is_valid_number(phonenumbers.parse("+46" + digits)):
            return digits


def phone(rng: random.Random) -> str:
    digits = _phone_digits(rng)
    area_len = {"7": 2, "8": 1, "3": 2, "1": 2, "4": 3}[digits[0]]
    area, rest = digits[:area_len], digits[area_len:]
    grouped = f"{rest[:-4]} {rest[-4:-2]} {rest[-2:]}"
    nbsp = grouped.replace(" ", "\u00a0")
    dash = rng.choice(DASHES)
    return rng.choice(
        [
            f"0{area}{dash}{grouped}",
            f"0{area} {grouped}",
            f"0{area}{rest}",
            f"0{area} {dash} {grouped}",
            f"(0{area}) {grouped}",
            f"+46 {area} {grouped}",
            f"+46 (0){area} {grouped}",
            f"+46{digits}",
            f"0046 {area} {grouped}",
            f"0046{digits}",
            f"+46{dash}{area}{dash}{rest}",
            f"0{area}\u00a0{nbsp}",
            f"0{area}/{grouped}",
            f"0{area}/{rest}",
            f"0{area} / {grouped}",
            f"0{area}.{grouped.replace(' ', '.')}",
            f"0{area}.{rest}",
            f"O{area}-{grouped}".replace("0", "O"),  # the letter O for every zero
            f"O{area}{dash}{grouped}",
        ]
    )


def _orgnr(rng: random.Random) -> str:
    nine = (
        f"{rng.choice('2589')}{rng.randint(0, 9)}{rng.randint(2, 9)}{rng.randint(0, 999_999):06d}"
    )
    ten = nine + luhn.calc_check_digit(nine)
    return rng.choice([f"{ten[:6]}-{ten[6:]}", ten, f"16{ten[:6]}-{ten[6:]}"])


def _day(rng: random.Random) -> date:
    return date(2015, 1, 1) + timedelta(days=rng.randint(0, 4000))


def clean_figure(rng: random.Random) -> str:
    d, e = _day(rng), _day(rng)
    dash = rng.choice(DASHES)
    year = rng.randint(2010, 2030)
    makers: list[Callable[[], str]] = [
        lambda: f"{rng.randint(1, 999)} {rng.randint(0, 999):03d} {rng.randint(0, 999):03d} kr",
        lambda: f"{rng.randint(1, 99)} {rng.randint(0, 999):03d} kr",
        lambda: (
            f"{rng.randint(1, 999)} {rng.randint(0, 999):03d} {rng.randint(0, 999):03d} "
            f"{rng.randint(0, 999):03d} kronor"
        ),
        lambda: f"{d.isoformat()}",
        lambda: f"{d:%d/%m/%Y}",
        lambda: f"{d.isoformat()} {dash} {e.isoformat()}",
        lambda: f"{d.isoformat()}{dash}{e.isoformat()}",
        lambda: f"{d.day} {MONTHS[d.month - 1]} {d.year}",
        lambda: f"{year}{dash}{year + rng.randint(1, 7)}",
        lambda: f"T{rng.randint(1, 3)} {year}",
        lambda: f"{rng.choice(MONTHS)}{dash}{rng.choice(MONTHS)} {year}",
        lambda: f"{rng.choice(['OST', 'KS', 'BRO', 'SKA', 'NIN'])} {year}/{rng.randint(1, 9999)}",
        lambda: (
            f"Dnr {rng.randint(1, 9)}.{rng.randint(1, 9)}.{rng.randint(1, 9)}-"
            f"{rng.randint(1, 999)}/{year}"
        ),
        lambda: f"Dnr {rng.randint(100, 999)}-{rng.randint(100, 9999)}/{year}",
        lambda: f"{rng.randint(1000, 9999)}-K{rng.randint(1, 999_999):06d}-{year % 100:02d}",
        lambda: f"SFS {year}:{rng.randint(1, 1500)}",
        lambda: f"organisationsnummer {_orgnr(rng)}",
        lambda: f"{rng.randint(1, 500)} anmälningar",
        lambda: f"{rng.randint(0, 100)},{rng.randint(0, 9)} %",
        lambda: f"{rng.randint(1, 100)} %",
        lambda: f"kl. {rng.randint(8, 17):02d}.00{dash}{rng.randint(18, 22):02d}.00",
        lambda: f"kl {rng.randint(0, 23):02d}:{rng.choice(['00', '15', '30'])}",
        lambda: f"{rng.randint(100, 199)} {rng.randint(10, 99)} Stockholm",
        lambda: f"vecka {rng.randint(1, 52)}, {year}",
        lambda: f"{rng.randint(2, 40)} av {rng.randint(41, 300)} skolor",
        lambda: f"{rng.randint(1, 28)}{dash}{rng.randint(1, 28)} {MONTHS[d.month - 1]}",
        lambda: f"år {year}: {rng.randint(1, 9)} {rng.randint(0, 999):03d} ärenden",
        lambda: f"Ärende {d:%Y%m%d}",
        lambda: (
            f"{rng.randint(1, 12)}.{rng.randint(1, 9)} Mål {rng.randint(1, 9)}.{rng.randint(1, 9)}"
        ),
        lambda: "Kostnad 01 234 567 kr",
        lambda: f"{d:%d.%m.%Y}",
        lambda: f"{d:%d.%m.%y}",
        lambda: f"{d:%Y.%m.%d}",
        lambda: f"{d:%m/%d}",
        lambda: f"{d:%d/%m}{dash}{e:%d/%m}",
        lambda: f"{d:%d.%m}{dash}{e:%d.%m}",
        lambda: f"{d:%d.%m.%Y}{dash}{e:%d.%m.%Y}",
        lambda: f"kl. {rng.randint(0, 23):02d}.{rng.choice(['00', '15', '30', '45'])}",
        lambda: (
            f"{rng.randint(6, 11):02d}.00{dash}{rng.randint(11, 13):02d}.00 "
            f"{rng.randint(12, 14):02d}.00{dash}{rng.randint(15, 20):02d}.00"
        ),
        lambda: f"{rng.randint(1, 999)}.{rng.randint(0, 999):03d}.{rng.randint(0, 999):03d} kr",
        lambda: f"{rng.randint(1, 99)}.{rng.randint(0, 999):03d} kr",
        lambda: f"{rng.randint(0, 9)},{rng.randint(0, 99):02d} mnkr",
        lambda: f"steg {' '.join(str(rng.randint(1, 9)) for _ in range(rng.randint(3, 12)))}",
        lambda: f"look at {rng.choice(['this', 'the data', 'page 4'])}",
        lambda: f"CO2 och O{rng.randint(1, 99)}",
    ]
    return rng.choice(makers)()


def _corpus(
    make: Callable[[random.Random], str], sentences: list[str], n: int, seed: int
) -> list[str]:
    rng = random.Random(seed)
    return [rng.choice(sentences).format(make(rng)) for _ in range(n)]


PERSONAL = (
    _corpus(identity_number, PERSONAL_SENTENCES, 600, SEED)
    + _corpus(email, PERSONAL_SENTENCES, 300, SEED + 1)
    + _corpus(phone, PERSONAL_SENTENCES, 400, SEED + 2)
)
CLEAN = _corpus(clean_figure, CLEAN_SENTENCES, 1500, SEED + 3)


def test_the_generated_corpus_refuses_all_personal_data_and_no_clean_text(
    capsys: pytest.CaptureFixture[str],
) -> None:
    missed = [text for text in PERSONAL if not find_personal_data(text)]
    false_alarms = [text for text in CLEAN if find_personal_data(text)]
    refused = len(PERSONAL) - len(missed)
    with capsys.disabled():
        print(
            f"\npersonal-data corpus: personal data refused {refused}/{len(PERSONAL)} "
            f"({100 * refused / len(PERSONAL):.1f} %); clean text refused "
            f"{len(false_alarms)}/{len(CLEAN)} ({100 * len(false_alarms) / len(CLEAN):.1f} %)"
        )
    assert missed == []
    assert false_alarms == []
