"""Samverkan: the agenda of a meeting with the police for a council or a local police area,
since the last meeting, in the meeting's order (dashboard/services/samverkan.py SECTIONS), and
the meeting log with its forms.

The filters live in the address (`?council=SKA` or `?area=9`, `since=2026-09-15`). A
presentation mode for the meeting room (`visning=1` or the button; layouts/assets/samverkan.js)
shows one section per screen in large type; printing leaves out the forms
(layouts/assets/samverkan.css).
"""

from datetime import date
from typing import Any
from urllib.parse import urlencode

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.formatting import fmt_count, fmt_day, fmt_int
from dashboard.services.samverkan import ACTIVITY_HEADERS, SECTIONS, Agenda, activity_cells
from dashboard.url_filters import UrlFilter, council_filter, record_filter
from layouts.components import app_link, aria, kpi_card, loading
from layouts.forms import grouped, labelled, required_legend
from models import CooperationMeeting, MeetingFollowUp
from models.queries.samverkan import Count


def _since(raw: str, _today: date) -> str | None:
    """A day as the address gave it; the service says in Swedish what is wrong with a bad one."""
    text = raw.strip()
    return text or None


COUNCIL = council_filter("samverkan-council")
AREA = record_filter("area", "samverkan-area")
SINCE = UrlFilter("since", "samverkan-since", _since, lambda _today: None)
FILTERS = (COUNCIL, AREA, SINCE)

AUTO = "samverkan-since-default"  # the since chosen by default, while no one has chosen
REFRESH = "samverkan-refresh"  # bumped after a save: the sections read again
# Common participant roles; more can be written one a line.
ROLES = (
    "Samordnare VBE",
    "Kommunpolis",
    "Områdespolis",
    "Säkerhetssamordnare",
    "Enhetschef socialtjänst",
    "Fältassistent",
    "Rektor",
    "Fritidsgårdschef",
)
FORUMS = ("Samverkansmöte", "Lokal BRÅ", "SSP")


def section_id(key: str) -> str:
    return f"samverkan-section-{key}"


def section(number: int, key: str, title: str, body: Component) -> html.Section:
    """One agenda item: a screen of its own in presentation mode, a heading on paper."""
    heading_id = f"{section_id(key)}-title"
    return html.Section(
        [html.H2(f"{number}. {title}", className="h4", id=heading_id, tabIndex="-1"), body],
        id=section_id(key),
        className="lb-samverkan-section mb-4",
        **aria("labelledby", heading_id),
    )


def _select(text: str, control_id: str, value: str | None, xs: int = 12) -> dbc.Col:
    return dbc.Col(
        [
            dbc.Label(text, html_for=control_id, className="mb-1"),
            dbc.Select(id=control_id, value=value or ""),
        ],
        xs=xs,
        md=4,
        lg=3,
        className="mb-2",
    )


def filters(params: dict[str, str | None]) -> html.Section:
    return html.Section(
        dbc.Row(
            [
                _select("Nämnd", COUNCIL.control_id, params.get("council")),
                _select("Lokalpolisområde", AREA.control_id, params.get("area")),
                dbc.Col(
                    [
                        dbc.Label("Förra mötet", html_for=SINCE.control_id, className="mb-1"),
                        dbc.Input(
                            id=SINCE.control_id,
                            type="date",
                            value=params.get("since") or "",
                            debounce=True,
                        ),
                    ],
                    xs=12,
                    md=4,
                    lg=2,
                    className="mb-2",
                ),
                dbc.Col(
                    html.Div(
                        [
                            html.Button(
                                "Visningsläge",
                                id="samverkan-present",
                                type="button",
                                className="btn btn-primary me-2 mb-2",
                                title="Ett avsnitt per skärm: piltangenterna byter, Esc avslutar",
                            ),
                            html.A(
                                "Dagordning (Word)",
                                id="samverkan-docx",
                                href="/export/samverkan.docx",
                                className="btn btn-outline-primary mb-2",
                            ),
                        ],
                        className="mt-md-4 pt-md-1",
                    ),
                    xs=12,
                    md=12,
                    lg=4,
                ),
            ]
        ),
        className="lb-samverkan-filters",
        **aria("label", "Filter"),
    )


def presentation_bar() -> html.Div:
    """Shown only in presentation mode: where you are, and buttons for those without keys."""
    return html.Div(
        [
            html.Button(
                "← Föregående", id="samverkan-prev", type="button", className="btn btn-light"
            ),
            html.Span(id="samverkan-counter", className="lb-counter", **aria("live", "polite")),
            html.Button("Nästa →", id="samverkan-next", type="button", className="btn btn-light"),
            html.Button(
                "Avsluta visning (Esc)",
                id="samverkan-leave",
                type="button",
                className="btn btn-outline-light ms-3",
            ),
        ],
        className="lb-presentation-bar",
        **aria("label", "Visningsläge"),
        role="group",
    )


def layout(params: dict[str, str | None]) -> html.Div:
    bodies: dict[str, Component] = {
        "incidents": loading(html.Div(id="samverkan-incidents")),
        "forms": html.Div(id="samverkan-forms"),
        # Filled by its own callback (callbacks/samverkan.py): the trend alerts of the scope.
        "alerts": html.Div(id="samverkan-alerts"),
        "activities": html.Div(id="samverkan-activities"),
        "follow-ups": html.Div(
            [html.Div(id="samverkan-follow-ups"), html.Div(id="samverkan-done-result")]
        ),
        "log": html.Div([html.Div(id="samverkan-log"), meeting_forms()]),
    }
    return html.Div(
        [
            html.H1("Samverkan", className="h3"),
            html.P(
                "Underlag för samverkansmötet med polisen (lokal BRÅ, SSP, samverkansmöte): "
                "vad som hänt sedan förra mötet i nämnden eller lokalpolisområdet, i mötets "
                "ordning.",
                className="text-body-secondary",
            ),
            dcc.Store(id=AUTO),
            dcc.Store(id=REFRESH, data=0),
            filters(params),
            html.Div(id="samverkan-scope", className="mb-3", role="status"),
            *[
                section(i, key, title, bodies[key])
                for i, (key, title) in enumerate(SECTIONS, start=1)
            ],
            presentation_bar(),
        ],
        id="samverkan-page",
    )


# --- the sections ------------------------------------------------------------------------------


def _table(caption: str, headers: list[str], rows: list[list[Any]], table_id: str) -> html.Div:
    """A plain table (it prints whole); on a narrow screen it scrolls sideways in a region the
    keyboard can reach."""
    table = dbc.Table(
        [
            html.Caption(caption, className="lb-caption"),
            html.Thead(html.Tr([html.Th(h, scope="col") for h in headers])),
            html.Tbody([html.Tr([html.Td(c) for c in row]) for row in rows]),
        ],
        id=table_id,
        bordered=False,
        striped=True,
        size="sm",
        className="lb-samverkan-table mb-0",
    )
    return html.Div(
        table,
        className="table-responsive mb-3",
        tabIndex="0",
        role="region",
        **aria("label", caption),
    )


def _counts(caption: str, heading: str, counts: list[Count], table_id: str) -> dbc.Col:
    rows = [[c.label, fmt_int(c.count)] for c in counts] or [["Inga", "0"]]
    return dbc.Col(_table(caption, [heading, "Antal"], rows, table_id), xs=12, md=6, xl=3)


def scope_note(agenda: Agenda) -> list[Component]:
    """What the figures cover: the period, and for a police area which councils (and that a
    shared one counts in both areas)."""
    scope = agenda.scope
    since = (
        f"förra mötet {fmt_day(agenda.first)} ({agenda.last_meeting.forum})"
        if agenda.last_meeting
        else fmt_day(agenda.first)
    )
    parts: list[Component] = [
        html.P(
            [
                html.Strong(scope.title[:1].upper() + scope.title[1:]),
                f": från {since} till ",
                fmt_day(agenda.last),
                ".",
            ],
            className="mb-1 lb-samverkan-period",
        )
    ]
    if scope.is_area:
        councils = list(dict.fromkeys(c.name for c in agenda.councils))
        if councils:
            parts.append(
                html.P(
                    "Summerat över nämnderna i området, som de hörde dit varje dag: "
                    + ", ".join(councils)
                    + ".",
                    className="mb-1",
                )
            )
        for shared in agenda.shared:
            parts.append(html.P(shared.text + ".", className="mb-1 lb-shared-council"))
    elif len(agenda.council_areas) > 1:
        parts.append(
            html.P(
                f"{scope.name} samverkar med lokalpolisområdena "
                + " och ".join(agenda.council_areas)
                + "; nämndens händelser räknas i båda områdena.",
                className="mb-1 lb-shared-council",
            )
        )
    elif agenda.council_areas:
        parts.append(html.P(f"Lokalpolisområde: {agenda.council_areas[0]}.", className="mb-1"))
    return parts


def incidents_view(agenda: Agenda) -> list[Component]:
    s = agenda.incidents
    forms = agenda.forms
    cards = dbc.Row(
        [
            kpi_card(
                "Händelse" if s.total == 1 else "Händelser",
                fmt_int(s.total),
                f"i {fmt_count(s.reports, 'rapport', 'rapporter')}",
                "samverkan-total",
                href=agenda.register_href(),
            ),
            kpi_card("Blanketter och oro", fmt_int(forms.total), "", "samverkan-forms-total"),
        ]
    )
    tables = dbc.Row(
        [
            _counts("Per kategori", "Kategori", s.by_category, "samverkan-by-category"),
            _counts("Per miljö", "Miljö", s.by_milieu, "samverkan-by-milieu"),
            _counts("Per källa", "Källa", s.by_source, "samverkan-by-source"),
            _counts("Per delområde", "Delområde", s.by_sub_area, "samverkan-by-sub-area"),
        ]
    )
    children: list[Component] = [cards, tables]
    if agenda.scope.is_area:
        children.append(
            dbc.Row(
                _counts("Per nämnd", "Nämnd", s.by_council, "samverkan-by-council"),
            )
        )
    children.append(
        html.P(
            app_link(
                "Se händelserna i registret",
                agenda.register_href(),
                id="samverkan-register-link",
            )
        )
    )
    return children


def forms_view(agenda: Agenda) -> list[Component]:
    f = agenda.forms
    summary = html.P(
        f"Blanketter för avidentifierad information: {fmt_int(f.forms)}. "
        f"Oro för individ: {fmt_int(f.concerns)}. Sammanlagt {fmt_int(f.total)} "
        "(en rapport som är båda räknas en gång).",
        id="samverkan-forms-summary",
    )
    if not f.rows:
        return [summary, html.P("Inga blanketter eller orosanmälningar under perioden.")]
    rows = [
        [r["date"], r["council"], r["source"], r["category"], r["milieu"], r["description"]]
        for r in f.rows
    ]
    table = _table(
        "Blanketter och oro, nyast först",
        ["Datum", "Nämnd", "Källa", "Kategori", "Miljö", "Beskrivning (avidentifierad)"],
        rows,
        "samverkan-forms-table",
    )
    more = [] if f.listed_all else [html.P(f"Visar de {len(f.rows)} senaste.", className="small")]
    return [summary, table, *more]


def no_alerts() -> html.P:
    return html.P("Inga trendlarm.", id="samverkan-no-alerts")


def activities_view(agenda: Agenda) -> list[Component]:
    a = agenda.activities
    intro = html.P(
        "Öppna aktiviteter i nämndernas handlingsplaner där Ansvarig eller Uppföljning nämner "
        f"polisen: förfallna och de som förfaller till och med {fmt_day(a.due_until)}.",
        className="small text-body-secondary",
    )
    children: list[Component] = [intro]
    for title, rows, table_id in (
        ("Förfallna", a.overdue, "samverkan-overdue"),
        ("Förfaller snart", a.due, "samverkan-due"),
    ):
        children.append(html.H3(f"{title} ({len(rows)})", className="h6"))
        if rows:
            children.append(_table(title, list(ACTIVITY_HEADERS), activity_cells(rows), table_id))
        else:
            children.append(html.P("Inga.", id=f"{table_id}-none"))
    return children


def _follow_up_item(
    f: MeetingFollowUp, refusal: str | None, today: date, with_meeting: bool
) -> html.Li:
    late = f.done_on is None and f.due_on is not None and f.due_on < today
    meeting = f.meeting
    detail = f" – {f.owner_role or 'ingen roll angiven'}, " + (
        f"klart senast {f.due_on.isoformat()}" if f.due_on else "inget slutdatum"
    )
    if f.done_on:
        detail += f"; klart {f.done_on.isoformat()}"
    elif late:
        detail += " (försenat)"
    if with_meeting:
        detail += f"; möte {meeting.held_on.isoformat()} ({meeting.council.name})"
    button: list[Component] = []
    if f.done_on is None and refusal is None:
        button = [
            html.Button(
                "Klar",
                id={"type": "samverkan-done", "fid": f.id, "v": f.version},
                type="button",
                className="btn btn-sm btn-outline-success ms-2 lb-no-present",
                **aria("label", f"Markera som klart: {f.what}"),
            )
        ]
    return html.Li(
        [
            html.Span(f.what, className="fw-semibold"),
            html.Span(detail, className="text-body-secondary"),
            *button,
        ],
        className="list-group-item"
        + (" lb-late" if late else "")
        + (" lb-done" if f.done_on else ""),
    )


OLDER_LISTED = 10


def follow_ups_view(
    agenda: Agenda, closable: dict[int, str | None], today: date
) -> list[Component]:
    """The last meeting's follow-ups (done ones too), then the older ones still open. "Klar"
    for those the user may close (`closable[id]` is None); why not is said once, above."""
    latest = agenda.meetings[0] if agenda.meetings else None
    children: list[Component] = []
    reasons = {r for r in closable.values() if r}
    if len(reasons) == 1:
        children.append(html.P(next(iter(reasons)), className="small"))
    if latest is None:
        children.append(html.P("Inget möte registrerat.", id="samverkan-no-follow-ups"))
    else:
        children.append(
            html.H3(
                f"Från mötet {fmt_day(latest.held_on)} ({latest.forum}, {latest.council.name})",
                className="h6",
            )
        )
        own = latest.follow_ups
        children.append(
            html.Ul(
                [_follow_up_item(f, closable.get(f.id), today, False) for f in own],
                className="list-group mb-3",
                id="samverkan-last-follow-ups",
            )
            if own
            else html.P("Mötet kom inte överens om några åtaganden.")
        )
    older = [f for f in agenda.open_follow_ups if latest is None or f.meeting_id != latest.id]
    if older:
        children.append(html.H3(f"Äldre öppna åtaganden ({len(older)})", className="h6"))
        children.append(
            html.Ul(
                [_follow_up_item(f, closable.get(f.id), today, True) for f in older[:OLDER_LISTED]],
                className="list-group mb-2",
                id="samverkan-older-follow-ups",
            )
        )
        if len(older) > OLDER_LISTED:
            children.append(
                html.P(f"… och {len(older) - OLDER_LISTED} till, äldst först.", className="small")
            )
    return children


def meeting_docx_href(agenda: Agenda, meeting: CooperationMeeting) -> str:
    return "/export/samverkan.docx?" + urlencode({**agenda.scope.query, "meeting": meeting.id})


def _notes_and_decisions(meeting: CooperationMeeting) -> list[Component]:
    parts: list[Component] = []
    if meeting.notes:
        parts.append(html.Div(meeting.notes))
    if meeting.decisions:
        parts.append(html.Div([html.Strong("Beslut: "), meeting.decisions]))
    return parts


def meetings_view(agenda: Agenda) -> list[Component]:
    if not agenda.meetings:
        return [html.P("Inga möten registrerade.", id="samverkan-no-meetings")]
    rows = []
    for m in agenda.meetings[:20]:
        done = sum(1 for f in m.follow_ups if f.done_on)
        rows.append(
            [
                m.held_on.isoformat(),
                m.forum,
                m.council.name + (f" / {m.police_area.name}" if m.police_area else ""),
                "Ja" if m.vbe_on_agenda else "Nej",
                ", ".join(r for r in m.participants.split("\n") if r),
                _notes_and_decisions(m),
                f"{done} av {len(m.follow_ups)} klara",
                html.A(
                    "Protokoll (Word)",
                    href=meeting_docx_href(agenda, m),
                    **aria("label", f"Protokoll för mötet {m.held_on.isoformat()} (Word)"),
                ),
            ]
        )
    more = len(agenda.meetings) - len(rows)
    return [
        _table(
            "Registrerade möten, senaste först",
            [
                "Datum",
                "Forum",
                "Nämnd / område",
                "VBE",
                "Deltagare",
                "Anteckningar och beslut",
                "Åtaganden",
                "",
            ],
            rows,
            "samverkan-meetings",
        ),
        *([html.P(f"… och {more} äldre möten.", className="small")] if more > 0 else []),
    ]


# --- forms ----------------------------------------------------------------------------------------


def meeting_form_id(name: str) -> str:
    return f"meeting-{name.replace('_', '-')}"


MEETING_FIELDS = (
    "council",
    "police_area",
    "held_on",
    "forum",
    "vbe_on_agenda",
    "participants",
    "notes",
    "decisions",
    "follow_ups.0.what",
    "follow_ups.0.owner_role",
    "follow_ups.0.due_on",
)


def field_id(name: str) -> str:
    """A service field name as a control id: follow_ups.0.what → meeting-fu-what."""
    return meeting_form_id(name.replace("follow_ups.0.", "fu_"))


def meeting_forms() -> html.Div:
    """Log a meeting (with one follow-up) and add a follow-up to a logged meeting. The server
    decides who may save; the forms say so in Swedish beforehand."""
    log_form = html.Div(
        [
            html.H3("Registrera möte", className="h5", id="meeting-form-title"),
            html.Div(id="meeting-access", role="status"),
            required_legend(),
            dbc.Row(
                [
                    dbc.Col(
                        labelled(
                            "Nämnd",
                            dbc.Select(id=field_id("council")),
                            field_id("council"),
                            required=True,
                        ),
                        md=6,
                    ),
                    dbc.Col(
                        labelled(
                            "Lokalpolisområde",
                            dbc.Select(id=field_id("police_area")),
                            field_id("police_area"),
                        ),
                        md=6,
                    ),
                    dbc.Col(
                        labelled(
                            "Mötesdatum",
                            dbc.Input(id=field_id("held_on"), type="date"),
                            field_id("held_on"),
                            required=True,
                        ),
                        md=4,
                    ),
                    dbc.Col(
                        labelled(
                            "Forum",
                            dbc.Input(id=field_id("forum"), list="meeting-forums", maxLength=200),
                            field_id("forum"),
                            "T.ex. Samverkansmöte, Lokal BRÅ, SSP",
                            required=True,
                        ),
                        md=5,
                    ),
                    dbc.Col(
                        html.Div(
                            dbc.Checkbox(
                                id=field_id("vbe_on_agenda"),
                                label="VBE på dagordningen",
                                value=True,
                            ),
                            className="mt-md-4 pt-md-2 mb-3",
                        ),
                        md=3,
                    ),
                ]
            ),
            html.Datalist([html.Option(value=f) for f in FORUMS], id="meeting-forums"),
            grouped(
                "Deltagare (roller, aldrig namn)",
                dbc.Checklist(
                    id="meeting-roles",
                    options=[{"label": r, "value": r} for r in ROLES],
                    value=[],
                    inline=True,
                ),
                field_id("participants"),
            ),
            labelled(
                "Fler roller, en per rad",
                dbc.Textarea(id="meeting-more-roles", rows=2),
                "meeting-more-roles",
            ),
            labelled(
                "Anteckningar (avidentifierade)",
                dbc.Textarea(id=field_id("notes"), rows=3),
                field_id("notes"),
                "Inga namn, personnummer, e-postadresser eller telefonnummer.",
            ),
            labelled(
                "Beslut",
                dbc.Textarea(id=field_id("decisions"), rows=2),
                field_id("decisions"),
            ),
            html.Fieldset(
                [
                    html.Legend("Åtagande (valfritt)", className="form-label fs-6 mb-1"),
                    dbc.Row(
                        [
                            dbc.Col(
                                labelled(
                                    "Vad",
                                    dbc.Input(id=field_id("follow_ups.0.what")),
                                    field_id("follow_ups.0.what"),
                                ),
                                md=6,
                            ),
                            dbc.Col(
                                labelled(
                                    "Ansvarig roll",
                                    dbc.Input(id=field_id("follow_ups.0.owner_role")),
                                    field_id("follow_ups.0.owner_role"),
                                ),
                                md=3,
                            ),
                            dbc.Col(
                                labelled(
                                    "Klart senast",
                                    dbc.Input(id=field_id("follow_ups.0.due_on"), type="date"),
                                    field_id("follow_ups.0.due_on"),
                                ),
                                md=3,
                            ),
                        ]
                    ),
                ],
                className="mb-2",
            ),
            html.Button(
                "Spara mötet", id="meeting-save", type="button", className="btn btn-primary"
            ),
            html.Div(id="meeting-result", className="mt-2", role="status"),
        ],
        className="lb-samverkan-form lb-no-present mb-4",
        id="meeting-form",
    )
    add_form = html.Div(
        [
            html.H3("Lägg till åtagande", className="h5"),
            html.Div(id="follow-up-access", role="status"),
            dbc.Row(
                [
                    dbc.Col(
                        labelled("Möte", dbc.Select(id="follow-up-meeting"), "follow-up-meeting"),
                        md=4,
                    ),
                    dbc.Col(
                        labelled("Vad", dbc.Input(id="follow-up-what"), "follow-up-what"),
                        md=4,
                    ),
                    dbc.Col(
                        labelled(
                            "Ansvarig roll", dbc.Input(id="follow-up-owner"), "follow-up-owner"
                        ),
                        md=2,
                    ),
                    dbc.Col(
                        labelled(
                            "Klart senast",
                            dbc.Input(id="follow-up-due", type="date"),
                            "follow-up-due",
                        ),
                        md=2,
                    ),
                ]
            ),
            html.Button(
                "Lägg till åtagandet",
                id="follow-up-save",
                type="button",
                className="btn btn-outline-primary",
            ),
            html.Div(id="follow-up-result", className="mt-2", role="status"),
        ],
        className="lb-samverkan-form lb-no-present",
        id="follow-up-form",
    )
    return html.Div([log_form, add_form])


def refusal(message: str) -> dbc.Alert:
    return dbc.Alert(message, color="warning", id="samverkan-refusal")
