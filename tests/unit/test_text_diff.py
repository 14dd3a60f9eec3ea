"""The word-level difference shown in the history of a plan's texts and an activity's definition."""

from datetime import UTC, datetime

from dashboard.history import entry
from dashboard.text_diff import Segment, condense, word_diff
from models.queries.revisions import RevisionRow

# After Östermalm's plan 2023 (seeds/ostermalm-handlingsplan-2023-ocr.txt): 26 unit heads, 65 %.
OLD = "Enkäten skickades till 26 enhetschefer och svarsfrekvensen var 65 procent."
NEW = "Enkäten skickades till 26 enhetschefer och svarsfrekvensen blev 65 procent i november."


def test_a_changed_word_reads_as_deleted_then_inserted_and_the_rest_is_kept() -> None:
    assert word_diff(OLD, NEW) == [
        Segment("equal", "Enkäten skickades till 26 enhetschefer och svarsfrekvensen "),
        Segment("delete", "var "),
        Segment("insert", "blev "),
        Segment("equal", "65 "),
        Segment("delete", "procent. "),
        Segment("insert", "procent i november."),
    ]


def test_words_added_at_the_end_are_only_an_insertion() -> None:
    """The old last word gains a space after it; it is still the same word."""
    assert word_diff("Inga händelser", "Inga händelser rapporterades") == [
        Segment("equal", "Inga händelser "),
        Segment("insert", "rapporterades"),
    ]


def test_words_removed_at_the_end_stay_apart_from_the_kept_ones() -> None:
    """Skarpnäck 2021's parental support, once responsible for two units, then one."""
    old = "Enhetschef för familjeenheten resp. förskolans enhet"
    assert word_diff(old, "Enhetschef för familjeenheten") == [
        Segment("equal", "Enhetschef för familjeenheten "),
        Segment("delete", "resp. förskolans enhet"),
    ]


def test_new_and_removed_texts_and_line_breaks() -> None:
    assert word_diff(None, "Ny text") == [Segment("insert", "Ny text")]
    assert word_diff("Gammal text", "") == [Segment("delete", "Gammal text")]
    assert word_diff("Samma", "Samma") == [Segment("equal", "Samma")]
    # A paragraph break that stays is kept as it is written in the new text.
    assert word_diff("Stycke ett.\n\nStycke två.", "Stycke ett.\n\nStycke tre.") == [
        Segment("equal", "Stycke ett.\n\nStycke "),
        Segment("delete", "två. "),
        Segment("insert", "tre."),
    ]


def _row(field: str, old: str | None, new: str | None, reason: str | None = None) -> RevisionRow:
    # 06:30 UTC on 26 November is 07:30 in Stockholm (CET, UTC+1).
    at = datetime(2026, 11, 26, 6, 30, tzinfo=UTC)
    return RevisionRow(at, "bromma", field, old, new, reason, None)


def test_a_history_entry_names_the_field_in_swedish_at_stockholm_time() -> None:
    text = entry(_row("analysis", OLD, NEW))
    assert (text.field, text.when, text.who) == ("Analys", "2026-11-26 07:30", "bromma")
    assert text.diff == word_diff(OLD, NEW)


def test_codes_are_shown_by_their_labels_and_not_diffed() -> None:
    milieu = entry(_row("milieu", "white_power", "not_vbe", "Granskat: ingen VBE-koppling."))
    assert (milieu.field, milieu.old, milieu.new) == ("Miljö", "Vit makt-miljön", "Ej VBE-koppling")
    assert milieu.diff is None and milieu.reason == "Granskat: ingen VBE-koppling."
    dnr = entry(_row("dnr", None, "OST 2022/949"))
    assert (dnr.field, dnr.old, dnr.new) == ("Dnr", "(tomt)", "OST 2022/949")


def test_long_unchanged_stretches_are_cut_around_the_change() -> None:
    words = [f"ord{n}" for n in range(1, 41)]  # ord1 … ord40
    old = " ".join(words)
    new = " ".join([*words[:19], "NYTT", *words[20:]])  # ord20 becomes NYTT
    assert condense(word_diff(old, new), context=3) == [
        Segment("equal", "… ord17 ord18 ord19 "),
        Segment("delete", "ord20 "),
        Segment("insert", "NYTT "),
        Segment("equal", "ord21 ord22 ord23 …"),
    ]
    # Short texts and texts without a change stay whole.
    assert condense(word_diff("a b c", "a x c"), context=3) == word_diff("a b c", "a x c")
    assert condense(word_diff(old, old)) == [Segment("equal", old)]
