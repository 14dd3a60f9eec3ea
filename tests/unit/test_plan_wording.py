"""The plans' own wording of Tidplan and Uppföljning read as codes (models.plan_wording), with
the plans' examples and the wording that names no single day or channel."""

from datetime import date

import pytest

from models.enums import FollowUp, Schedule
from models.plan_wording import MAX_LENGTH, WordingError, parse_follow_up, parse_schedule
from seed.plans import real_plans


@pytest.mark.parametrize(
    ("wording", "deadline"),
    [
        ("Senast 31 dec 2026", date(2026, 12, 31)),  # Östermalm 2021/2023's own form
        ("T.o.m. 2022-12-31", date(2022, 12, 31)),  # Skarpnäck 2021
        ("t.o.m. 2021-12-31", date(2021, 12, 31)),
        ("2026-10-31", date(2026, 10, 31)),
        ("december 2026", date(2026, 12, 31)),  # a month: its last day
        ("Senast februari 2028", date(2028, 2, 29)),  # leap year
        ("jan", date(2026, 1, 31)),  # no year: the plan's year
        ("juni", date(2026, 6, 30)),
        ("Senast 15 sept", date(2026, 9, 15)),
        ("Tertialrapport 1", date(2026, 4, 30)),  # T1's last day
        ("T1", date(2026, 4, 30)),
        ("T2 2027", date(2027, 8, 31)),
        ("VB 2021", date(2021, 12, 31)),
        ("2020", date(2020, 12, 31)),  # Bromma 2020: a year is its 31 December
    ],
)
def test_schedule_wording_with_a_day(wording: str, deadline: date) -> None:
    read = parse_schedule(wording, 2026)
    assert (read.schedule, read.deadline, read.text) == (Schedule.DEADLINE, deadline, wording)


@pytest.mark.parametrize(
    "wording",
    [
        "Löpande",
        "Löpande under året",
        "Löpande.",
        "Sker löpande på veckovisa avstämningar",  # Östermalm 2023
        "LÖPANDE",
        "continuous",
    ],
)
def test_continuous_wording(wording: str) -> None:
    read = parse_schedule(wording, 2026)
    assert (read.schedule, read.deadline) == (Schedule.CONTINUOUS, None)


@pytest.mark.parametrize(
    ("wording", "message"),
    [
        ("Hösten 2026", "går inte att tolka"),  # a season names no day
        ("Vår och höst, återrapporteras 31 dec 2021", "går inte att tolka"),
        ("Uppföljning sker årligen under hösten", "går inte att tolka"),
        ("31 feb 2026", "datum som inte finns"),
        ("2026-13-01", "datum som inte finns"),
        ("Senast 31 dec 1999", "orimligt år"),
        ("", "måste fyllas i"),
        ("x" * (MAX_LENGTH + 1), f"högst {MAX_LENGTH} tecken"),
    ],
)
def test_schedule_wording_that_names_no_single_day_is_refused(wording: str, message: str) -> None:
    with pytest.raises(WordingError, match=message) as refused:
        parse_schedule(wording, 2026)
    assert "Tidplan" in str(refused.value)


@pytest.mark.parametrize(
    ("wording", "channel"),
    [
        ("I ordinarie verksamhetsuppföljning", FollowUp.ORDINARY),  # Skarpnäck 2021
        ("I ordinarie verksamhet", FollowUp.ORDINARY),  # Skarpnäck 2021, one activity
        ("I ordinarie verksamhetsuppföljning.", FollowUp.ORDINARY),  # Bromma 2020
        ("I ordinarie verksamhetsuppföljning i VB.", FollowUp.VB),  # Bromma 2020: names the VB
        ("Löpande", FollowUp.ORDINARY),  # Bromma 2020's BRÅ activity
        ("VB", FollowUp.VB),
        ("VB 2021", FollowUp.VB),
        ("VB, följer upp hur många avhoppare inom VBE man hjälpt under året.", FollowUp.VB),
        ("Tertialrapport 1", FollowUp.T1),
        ("T1", FollowUp.T1),
        ("tertialrapport 2", FollowUp.T2),
        ("Vid uppdatering av handlingsplanen", FollowUp.PLAN_UPDATE),
        ("Uppdatering handlingsplan mot VBE", FollowUp.PLAN_UPDATE),  # Östermalm 2021/2023
        ("Ordinarie verksamhetsuppföljning", FollowUp.ORDINARY),  # the label
        ("plan_update", FollowUp.PLAN_UPDATE),  # the code
    ],
)
def test_follow_up_wording(wording: str, channel: FollowUp) -> None:
    assert parse_follow_up(wording) is channel


@pytest.mark.parametrize(
    "wording",
    ["Bedöms vid bidragsgivningen samt vid uppföljning av bidrag.", "Hösten", "T3", ""],
)
def test_follow_up_wording_that_names_no_channel_is_refused(wording: str) -> None:
    with pytest.raises(WordingError, match="Uppföljning"):
        parse_follow_up(wording)


def test_long_input_is_refused_quickly() -> None:
    with pytest.raises(WordingError, match="högst"):
        parse_schedule("löpande " * 10_000, 2026)
    with pytest.raises(WordingError, match="högst"):
        parse_follow_up("vb" + " " * 10_000)


def test_every_real_activity_whose_wording_reads_agrees_with_its_transcribed_codes() -> None:
    """The seed reads the same wording by the same rule (seed.demo._check_wording); here the
    count of plan wordings the rule reads, so a change in the rule shows."""
    read_schedules = read_follow_ups = 0
    for plan in real_plans():
        for activity in plan["activities"]:
            try:
                read = parse_schedule(activity["schedule_text"], plan["year"])
            except WordingError:
                pass
            else:
                read_schedules += 1
                assert read.schedule.value == activity["schedule"]
                assert read.deadline == activity["deadline"]
            try:
                channel = parse_follow_up(activity["follow_up_text"])
            except WordingError:
                pass
            else:
                read_follow_ups += 1
                assert channel.value == activity["follow_up"]
    # 49 activities; refused: 5 schedules ("Vår och höst, återrapporteras 31 dec 2021", "Vid
    # handläggning av ansökan …", "I samband med ansökan …", twice "Uppföljning sker årligen under
    # hösten …") and 2 follow-ups ("Bedöms vid bidragsgivningen …", "Genom utbildningsportalen
    # och i ordinarie verksamhetsuppföljning i VB.").
    assert sum(len(p["activities"]) for p in real_plans()) == 49
    assert (read_schedules, read_follow_ups) == (44, 47)
