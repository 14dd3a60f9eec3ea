"""The guard refuses identity numbers, e-mail addresses and phone numbers, and nothing else."""

import random
from datetime import date, timedelta

import pytest

from dashboard.personal_data import find_personal_data, luhn_valid, personal_data_message
from seed.plans import real_plans


def _check_digit(nine: str) -> str:
    for d in "0123456789":
        if luhn_valid(nine + d):
            return d
    raise AssertionError


def generated_numbers(n: int, coordination: bool = False) -> list[str]:
    """Valid numbers made on the spot: random birth date and serial, correct Luhn digit."""
    rng = random.Random(4711 + coordination)
    numbers = []
    for _ in range(n):
        born = date(1930, 1, 1) + timedelta(days=rng.randint(0, 33_000))
        day = born.day + (60 if coordination else 0)
        nine = f"{born:%y%m}{day:02d}{rng.randint(0, 999):03d}"
        ten = nine + _check_digit(nine)
        style = rng.choice(["plain", "dash", "twelve", "twelve_dash"])
        if style == "plain":
            numbers.append(ten)
        elif style == "dash":
            numbers.append(f"{ten[:6]}-{ten[6:]}")
        elif style == "twelve":
            numbers.append(f"{born.year // 100}{ten}")
        else:
            numbers.append(f"{born.year // 100}{ten[:6]}-{ten[6:]}")
    return numbers


@pytest.mark.parametrize("number", generated_numbers(40))
def test_personal_identity_numbers_are_refused(number: str) -> None:
    message = personal_data_message(f"Eleven med nummer {number} uttryckte oro.")
    assert message and "avidentifierad" in message


@pytest.mark.parametrize("number", generated_numbers(20, coordination=True))
def test_coordination_numbers_are_refused(number: str) -> None:
    assert find_personal_data(f"Samordningsnummer {number}.")


def test_numbers_with_a_wrong_check_digit_pass() -> None:
    number = generated_numbers(1)[0].replace("-", "")
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
    assert not [f for f in find_personal_data(wrong) if f.kind.startswith("personnummer")]


@pytest.mark.parametrize(
    "text",
    [
        "Kontakta anna.svensson@stockholm.se om detta.",
        "Ring 070-123 45 67 efter lunch.",
        "Telefon 08-508 123 45.",
        "Nås på +46 70 123 45 67.",
        "Nummer 0701234567.",
    ],
)
def test_email_and_phone_are_refused(text: str) -> None:
    assert personal_data_message(text)


@pytest.mark.parametrize(
    "text",
    [
        "T.o.m. 2022-12-31, uppföljning i VB.",
        "Dnr OST 2022/949 och Dnr 155-943/2015.",
        "Åren 2019–2026 visar 12,5 % fler anmälningar.",
        "Minst 10 medarbetare ska ha genomgått utbildningen senast 31 dec 2021.",
        "Tre blanketter och 26 enhetschefer, 65 % svarsfrekvens.",
        "Ärende 20221231-1200 i diariet",
    ],
)
def test_ordinary_figures_pass(text: str) -> None:
    assert find_personal_data(text) == []


def test_the_real_plans_raise_no_false_alarm() -> None:
    for plan in real_plans():
        texts = [plan["lagesbild"], plan["sources"], plan["analysis"]]
        for activity in plan["activities"]:
            texts += [activity["description"], activity["responsible"]]
            texts += [activity.get("schedule_text", ""), activity.get("follow_up_text", "")]
        for text in texts:
            assert find_personal_data(text) == [], (plan["council"], plan["year"], text[:80])
