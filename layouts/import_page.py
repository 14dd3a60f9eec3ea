"""Import: upload a CSV or XLSX file, read the preview, confirm, follow the write."""

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.services.imports import COLUMNS
from layouts.components import GRID_COLUMN_DEFAULTS, WRAP, aria, grid_locale, loading
from layouts.forms import enum_options, grouped, required_legend, required_mark
from models.enums import ImportKind, label

SHEET_COLUMN = {"field": "sheet", "headerName": "Blad", "width": 150, **WRAP}
PREVIEW_COLUMNS = [
    {"field": "row", "headerName": "Rad", "width": 80},
    {"field": "state", "headerName": "Resultat", "width": 190, **WRAP},
    {"field": "errors", "headerName": "Fel eller krock", "flex": 2, "minWidth": 220, **WRAP},
    {"field": "content", "headerName": "Innehåll", "flex": 3, "minWidth": 260, **WRAP},
]


def preview_columns(several_sheets: bool) -> list[dict[str, object]]:
    """The preview's columns; Blad first when rows come from several Excel sheets."""
    return [SHEET_COLUMN, *PREVIEW_COLUMNS] if several_sheets else PREVIEW_COLUMNS


def _expected_columns(kind: ImportKind) -> html.Li:
    names = [c.title + ("" if c.required else " (valfri)") for c in COLUMNS[kind]]
    return html.Li([html.Strong(label(kind) + ": "), ", ".join(names) + "."])


def layout(params: dict[str, str]) -> html.Div:
    return html.Div(
        [
            html.H1("Import", className="h3"),
            html.P(
                "Läs in händelser (t.ex. trafikkontorets klotterlista) eller aktiviteter från en "
                "CSV- eller Excelfil. Du ser först varje rad och dess eventuella fel; ingenting "
                "sparas förrän du bekräftar. Rader som redan finns läggs inte till igen.",
                className="text-body-secondary",
            ),
            html.P(
                "Filens rubrikrad (en av de tio första raderna) ska innehålla kolumnnamnen:",
                className="mb-1",
            ),
            html.Ul([_expected_columns(kind) for kind in ImportKind], className="small"),
            html.P(
                "Källa, kategori, miljö, avsnitt och uppföljning anges med namnen i Lägesbild "
                "(t.ex. Trafikkontoret, Klotter, Vit makt-miljön). Tidplan och uppföljning får "
                "stå med planens egna ord: ”Senast 31 dec 2026”, ”T.o.m. 2026-12-31”, "
                "”december 2026”, ”T1”, ”VB 2026” eller ”Löpande under året”; ”I ordinarie "
                "verksamhetsuppföljning”, ”VB” eller ”Vid uppdatering av handlingsplanen”. "
                "Orden sparas som de står. Är bara månaden känd: skriv ÅÅÅÅ-MM, eller döp "
                "datumkolumnen till Månad. Nämnd kan utelämnas för din egen nämnd. Andra "
                "kolumner läses inte in; förhandsvisningen säger vilka.",
                className="small text-body-secondary",
            ),
            html.P(
                "Uppföljningens Excelfil (Uppföljning → Excel) kan läsas in igen som aktiviteter: "
                "varje nämnds blad läses. Rader med Id jämförs med hur aktiviteten stod när filen "
                "exporterades; bara det du ändrat sparas (status, utfall, kommentar och "
                "genomförd-datum som en ny uppföljning, övrigt som en ändring i planen). En rad "
                "vars aktivitet har ändrats i Lägesbild sedan exporten visas som krock och sparas "
                "inte. Rader utan Id läggs till som nya aktiviteter.",
                className="small text-body-secondary",
            ),
            html.P(
                "En bekräftad import sparas i sin helhet eller inte alls. Medan en stor fil "
                "sparas håller den databasens skrivlås: andra som sparar något i Lägesbild under "
                "tiden kan få vänta tills importen är klar. Importera gärna stora filer när få "
                "andra arbetar i Lägesbild.",
                className="small text-body-secondary",
            ),
            required_legend(),
            grouped(
                "Filen innehåller",
                dbc.RadioItems(
                    id="import-kind",
                    options=enum_options(ImportKind),
                    value=ImportKind.INCIDENTS.value,
                    inline=True,
                ),
                required=True,
            ),
            # The label wraps the upload so its file input has an accessible name.
            html.Label(
                [
                    html.Span(
                        ["Fil att importera (CSV eller XLSX)", required_mark()],
                        className="form-label d-block",
                    ),
                    dcc.Upload(
                        id="import-upload",
                        children=html.Div(
                            [
                                "Dra hit en fil eller ",
                                html.Span("välj fil", className="btn btn-primary"),
                            ]
                        ),
                        accept=".csv,.txt,.xlsx",
                        max_size=20 * 1024 * 1024,
                        className="border border-2 border-secondary rounded p-4 text-center",
                    ),
                ],
                className="d-block mb-3",
            ),
            loading(html.Div(id="import-summary", role="status", **aria("live", "polite"))),
            dcc.Store(id="import-state"),
            # Only shows how far a confirmed import has come; the server writes it on its own.
            dcc.Interval(id="import-tick", interval=500, disabled=True),
            dbc.Button("Importera", id="import-confirm", color="success", disabled=True),
            # The confirmation writes the whole file in one transaction on the server.
            html.Div(id="import-result", role="status", className="my-3", **aria("live", "polite")),
            dag.AgGrid(
                id="import-preview",
                columnDefs=PREVIEW_COLUMNS,
                rowData=[],
                defaultColDef=GRID_COLUMN_DEFAULTS | {"filter": True},
                dashGridOptions={
                    "pagination": True,
                    "paginationPageSize": 50,
                    "localeText": grid_locale("Ingen fil inläst"),
                },
                style={"height": "520px"},
                className="ag-theme-quartz mt-3",
            ),
        ]
    )
