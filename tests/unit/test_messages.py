"""What a user reads when a save is refused: the Swedish labels of the choices, never the codes
the database stores ("Välj källa", not "ogiltigt värde None. Tillåtna värden: ia, …")."""

import pytest

from callbacks.import_page import preview_rows
from dashboard.services.errors import PermissionDenied
from dashboard.services.imports import ImportBatch, PreviewRow
from dashboard.services.permissions import require_write
from dashboard.services.validation import Errors, enum_value
from models import User
from models.enums import ActivityStatus, ImportKind, IncidentSource, Milieu, Role


@pytest.mark.parametrize("nothing", [None, "", "   "])
def test_nothing_chosen_asks_for_a_choice(nothing: object) -> None:
    errors = Errors()
    assert enum_value(errors, "source", nothing, IncidentSource, "Källa") is None
    assert errors.by_field == {"source": "Välj källa."}


def test_an_unknown_value_lists_the_labels_not_the_codes() -> None:
    errors = Errors()
    assert enum_value(errors, "milieu", "nazi", Milieu, "Miljö") is None
    assert errors.by_field["milieu"] == (
        "Miljö: 'nazi' finns inte. Välj något av: Vit makt-miljön, Autonoma miljön, "
        "Islamistiska miljön, Oklar, Ej VBE-koppling."
    )
    errors = Errors()
    enum_value(errors, "source", "trafik", IncidentSource, "Källa")
    message = errors.by_field["source"]
    assert "Trafikkontoret" in message and "Blankett för avidentifierad information" in message
    for code in ("traffic_office", "social_services", "ia,"):
        assert code not in message


def test_a_long_wrong_value_is_cut_in_the_message() -> None:
    errors = Errors()
    enum_value(errors, "status", "x" * 500, ActivityStatus, "Status")
    assert errors.by_field["status"].startswith("Status: '" + "x" * 40 + "' finns inte.")


def test_a_valid_code_passes_without_a_message() -> None:
    errors = Errors()
    assert enum_value(errors, "status", "done", ActivityStatus, "Status") is ActivityStatus.DONE
    assert errors.by_field == {}


@pytest.mark.parametrize(
    ("role", "shown"),
    [(Role.READER, "Din roll (Läsare)"), (Role.POLICE, "Din roll (Polis)")],
)
def test_a_read_only_role_is_named_by_its_label(role: Role, shown: str) -> None:
    with pytest.raises(PermissionDenied) as refused:
        require_write(User(username="someone", role=role), council_id=1)
    assert refused.value.message == f"{shown} får bara läsa uppgifter i Lägesbild."
    assert role.value not in refused.value.message


def test_an_import_row_names_each_column_once() -> None:
    errors = Errors()
    enum_value(errors, "milieu", "Höger", Milieu, "Miljö")
    enum_value(errors, "source", "", IncidentSource, "Källa")
    row = PreviewRow(
        number=3,
        data={"milieu": "Höger"},
        errors=[("Miljö", errors.by_field["milieu"]), ("Källa", errors.by_field["source"])],
    )
    batch = ImportBatch("t", 1, ImportKind.INCIDENTS, "klotter.csv", [row])
    shown = preview_rows(batch)[0]["errors"]
    assert shown.startswith("Miljö: 'Höger' finns inte. Välj något av: Vit makt-miljön,")
    assert shown.endswith("; Källa: Välj källa.")
    assert "Miljö: Miljö" not in shown
