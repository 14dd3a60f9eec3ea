"""The password policy (dashboard/passwords.py): each rule, the length before anything else,
and characters counted as the user sees them (Unicode NFC)."""

import unicodedata
from types import SimpleNamespace

import pytest

from dashboard import passwords
from dashboard.passwords import (
    BAD_CHARACTER,
    CONTAINS_USERNAME,
    GUESSABLE,
    MAX_LENGTH,
    MIN_LENGTH,
    TOO_LONG,
    TOO_SHORT,
    problem,
)

STRONG = "gurka tåg moln sjunger"  # four unrelated words, all lower case, no digits


def test_a_long_phrase_of_unrelated_words_is_accepted_without_digits_or_capitals() -> None:
    assert problem(STRONG, "admin") is None
    assert problem("korrekt häst batteri häftklammer", "bromma") is None


def test_twelve_characters_is_the_least() -> None:
    assert problem("Xq7#mV2!pL9z", "admin") is None  # 12
    assert problem("Xq7#mV2!pL9", "admin") == TOO_SHORT  # 11
    assert problem("", "admin") == TOO_SHORT


def test_128_characters_is_the_most() -> None:
    words = "blå gurka dansar tyst över frusen älv medan ugglor räknar stjärnor i norr "
    longest = (words * 2)[:MAX_LENGTH]
    assert len(longest) == MAX_LENGTH
    assert problem(longest, "admin") is None
    assert problem(longest + "x", "admin") == TOO_LONG


def test_characters_are_counted_after_nfc() -> None:
    # 11 letters as the user sees them, 14 code points when the accents are typed separately.
    decomposed = unicodedata.normalize("NFD", "räksmörgås!")
    assert len(decomposed) > MIN_LENGTH
    assert problem(decomposed, "admin") == TOO_SHORT
    # 128 letters as the user sees them pass, though they are more code points.
    seen = ("åäö väg öken " * 20)[:MAX_LENGTH]
    assert len(unicodedata.normalize("NFD", seen)) > MAX_LENGTH
    assert problem(unicodedata.normalize("NFD", seen), "admin") != TOO_LONG


def test_a_megabyte_is_refused_by_its_length_before_it_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Neither normalised nor scanned nor scored: refused on its length alone."""
    touched: list[str] = []

    def spy(name: str):  # type: ignore[no-untyped-def]
        def refuse(*_args: object, **_kwargs: object) -> object:
            touched.append(name)
            raise AssertionError(f"{name} was called on a megabyte")

        return refuse

    unread = SimpleNamespace(normalize=spy("normalize"), category=spy("category"))
    monkeypatch.setattr(passwords, "unicodedata", unread)
    monkeypatch.setattr(passwords, "zxcvbn", spy("zxcvbn"))
    for megabyte in ("a" * 1_000_000, "\u0301" * 1_000_000, "\n" * 1_000_000):
        assert problem(megabyte, "admin") == TOO_LONG
    assert touched == []


def test_control_characters_and_lone_surrogates_are_refused() -> None:
    assert problem("gurka tåg\nmoln sjunger", "admin") == BAD_CHARACTER
    assert problem("gurka tåg\x00moln sjunger", "admin") == BAD_CHARACTER
    assert problem("gurka tåg \ud800 moln sjunger", "admin") == BAD_CHARACTER


@pytest.mark.parametrize(
    ("password", "username"),
    [
        ("bromma gurka tåg moln", "bromma"),
        ("BROMMA gurka tåg moln", "bromma"),
        ("gurka tåg moln Bromma", " Bromma "),
        # The name typed with a combining ring, the password with the ready-made letter.
        ("Hässelby-Vällingby gurka tåg", unicodedata.normalize("NFD", "hässelby")),
        ("xx norrainnerstaden xx", "norrainnerstaden"),
    ],
)
def test_the_username_may_not_be_in_it(password: str, username: str) -> None:
    assert problem(password, username) == CONTAINS_USERNAME


def test_a_name_shorter_than_four_characters_is_not_searched_for() -> None:
    """`ks` is inside too many ordinary words to refuse them all."""
    assert problem("tacksam gurka dansar i regnet", "ks") is None


@pytest.mark.parametrize(
    "password",
    [
        "password1234",
        "qwertyuiop12",
        "Lösenord2024",
        "lagesbild2026",
        "Stockholm2024",
        "Stockholm123!",
        "aaaaaaaaaaaaaaaaaaaa",
        "123456789012",
        "abcdefghijklmnop",
    ],
)
def test_common_and_guessable_passwords_are_refused(password: str) -> None:
    assert problem(password, "admin") == GUESSABLE


def test_the_estimator_knows_the_username_and_the_service(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A name too short for the name rule (`ks`) still counts as a word an attacker tries."""
    given: list[object] = []
    real = passwords.zxcvbn

    def recorded(password: str, user_inputs: list[str], **kwargs: object) -> object:
        given.extend(user_inputs)
        return real(password, user_inputs=user_inputs, **kwargs)

    monkeypatch.setattr(passwords, "zxcvbn", recorded)
    problem(STRONG, "KS")
    assert {"ks", "lagesbild", "stockholm"} <= set(given)


def test_the_estimator_never_sees_more_than_its_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    real = passwords.zxcvbn

    def measured(password: str, **kwargs: object) -> object:
        seen.append(len(password))
        return real(password, **kwargs)

    monkeypatch.setattr(passwords, "zxcvbn", measured)
    problem("4@8(3|1!0$5+7%2" * 8 + "abcdefgh", "admin")
    assert seen == [passwords.SCORED_LENGTH]


@pytest.mark.parametrize(
    "message", [TOO_SHORT, TOO_LONG, BAD_CHARACTER, CONTAINS_USERNAME, GUESSABLE]
)
def test_each_refusal_is_a_swedish_sentence_saying_what_to_do(message: str) -> None:
    assert message.startswith("Lösenordet") and message.endswith(".")
    assert "Välj" in message
