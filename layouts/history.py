"""A record's field-level history as a list. A word-level difference marks deleted words with
<del> and inserted words with <ins>: struck through and underlined (not colour alone), and each
announced as "borttaget:" / "tillagt:" to screen readers."""

from dash import html
from dash.development.base_component import Component

from dashboard.history import HistoryEntry
from dashboard.text_diff import Segment


def _hidden(text: str) -> html.Span:
    return html.Span(text, className="visually-hidden")


def diff_view(segments: list[Segment]) -> html.Div:
    parts: list[Component | str] = []
    for segment in segments:
        if segment.op == "delete":
            parts.append(
                html.Del(
                    [_hidden("[borttaget: "), segment.text, _hidden("]")], className="lb-diff-del"
                )
            )
        elif segment.op == "insert":
            parts.append(
                html.Ins(
                    [_hidden("[tillagt: "), segment.text, _hidden("]")], className="lb-diff-ins"
                )
            )
        else:
            parts.append(segment.text)
    return html.Div(parts, className="lb-diff")


def history_item(entry: HistoryEntry) -> html.Li:
    heading = html.Div(
        [html.Strong(entry.field), f" – {entry.when}, {entry.who}"], className="lb-history-head"
    )
    body: list[Component] = [heading]
    if entry.diff is not None:
        body.append(diff_view(entry.diff))
    else:
        body.append(
            html.Div(
                [
                    html.Del([_hidden("Före: "), entry.old], className="lb-diff-del"),
                    " → ",
                    html.Ins([_hidden("Efter: "), entry.new], className="lb-diff-ins"),
                ],
                className="lb-diff",
            )
        )
    if entry.reason:
        body.append(html.Div(f"Motivering: {entry.reason}", className="small"))
    return html.Li(body, className="lb-history-item")


def history_list(entries: list[HistoryEntry], empty: str, list_id: str) -> html.Ul:
    items = [history_item(e) for e in entries] or [html.Li(empty)]
    return html.Ul(items, className="lb-history", id=list_id)
