"""Excel refuses a workbook whose sheet names are too long, hold []:*?/\\, repeat or begin or end
with an apostrophe: the export's council sheets never do."""

from dashboard.exports.follow_up_xlsx import sheet_name


def test_sheet_names_are_valid_and_unique() -> None:
    taken = {"Sammanfattning", "Per avsnitt"}
    names = [
        sheet_name(name, taken)
        for name in (
            "Hägersten-Älvsjö",
            "Stadsdelsnämnd med ett mycket långt namn som inte får plats",
            "Stadsdelsnämnd med ett mycket långt namn som inte får plats heller",
            "Nämnd [gammal]: a/b\\c*?",
            "'Citerad'",
            "history",
            "sammanfattning",
            "",
        )
    ]
    assert names[0] == "Hägersten-Älvsjö"
    assert names[1] == "Stadsdelsnämnd med ett mycket l" and len(names[1]) == 31
    assert names[2] == "Stadsdelsnämnd med ett myck (2)" and len(names[2]) == 31
    assert names[3] == "Nämnd -gammal-- a-b-c--"
    assert names[4] == "Citerad"
    assert names[5] == "History (nämnd)"
    assert names[6] == "sammanfattning (2)"
    assert names[7] == "Nämnd"
    assert len({n.lower() for n in taken}) == len(taken) == 10
