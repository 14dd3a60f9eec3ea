"""One label table per enum, and the parser that accepts codes and Swedish labels."""

from enum import StrEnum

import pytest

from models import enums
from models.enums import (
    LABELS,
    AuditAction,
    AuditEntity,
    ImportKind,
    IncidentCategory,
    IncidentSource,
    Milieu,
    Role,
    from_label_or_code,
    label,
)

ENUMS = [
    obj
    for obj in vars(enums).values()
    if isinstance(obj, type) and issubclass(obj, StrEnum) and obj is not StrEnum
]


def test_equal_codes_of_different_enums_keep_their_own_labels() -> None:
    assert Role.POLICE == IncidentSource.POLICE  # same code "police"
    assert label(IncidentSource.POLICE) == "Polisen"
    assert label(Role.POLICE) == "Polis"
    assert label(IncidentSource.OTHER) == "Annan källa"
    assert label(IncidentCategory.OTHER) == "Annat"


def test_every_member_of_every_enum_has_a_label() -> None:
    assert set(LABELS) == set(ENUMS)
    for enum in ENUMS:
        assert set(LABELS[enum]) == set(enum), enum
        # No code or label names two members of one enum (the parser would be ambiguous).
        owners: dict[str, StrEnum] = {}
        for member in enum:
            for text in {member.value.casefold(), label(member).casefold()}:
                assert owners.setdefault(text, member) is member, (enum, text)


@pytest.mark.parametrize(
    ("enum", "text", "member"),
    [
        (IncidentSource, "Polisen", IncidentSource.POLICE),
        (IncidentSource, "POLICE", IncidentSource.POLICE),
        (IncidentSource, "  annan källa ", IncidentSource.OTHER),
        (IncidentCategory, "Annat", IncidentCategory.OTHER),
        (IncidentCategory, "other", IncidentCategory.OTHER),
        (Milieu, "vit makt-miljön", Milieu.WHITE_POWER),
        (Milieu, "VIT MAKT-MILJÖN", Milieu.WHITE_POWER),
        (Milieu, "white_power", Milieu.WHITE_POWER),
        (Role, "Polis", Role.POLICE),
        (AuditAction, "Ändrad", AuditAction.UPDATE),
        (AuditEntity, "action_plan", AuditEntity.ACTION_PLAN),
        (ImportKind, "Händelser", ImportKind.INCIDENTS),
    ],
)
def test_codes_and_labels_parse(enum: type[StrEnum], text: str, member: StrEnum) -> None:
    assert from_label_or_code(enum, text) is member


@pytest.mark.parametrize(
    "junk", [None, "", "   ", "Polis", "%", "police" + " " * 200, 7, "Polisen" * 30]
)
def test_anything_else_is_none(junk: object) -> None:
    assert from_label_or_code(IncidentSource, junk) is None


def test_every_code_and_label_round_trips() -> None:
    for enum in ENUMS:
        for member in enum:
            assert from_label_or_code(enum, member.value) is member
            assert from_label_or_code(enum, label(member)) is member
            assert from_label_or_code(enum, label(member).upper()) is member
