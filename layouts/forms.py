"""Form building blocks: labelled fields with a place for the field's Swedish error message."""

from enum import StrEnum

import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component

from models.enums import label


def enum_options(enum: type[StrEnum]) -> list[dict[str, str]]:
    return [{"label": label(member), "value": member.value} for member in enum]


def labelled(text: str, control: Component, control_id: str, help_text: str = "") -> html.Div:
    children: list[Component] = [dbc.Label(text, html_for=control_id), control]
    if help_text:
        children.append(dbc.FormText(help_text, id=f"{control_id}-help"))
    children.append(dbc.FormFeedback(id=f"{control_id}-feedback", type="invalid"))
    return html.Div(children, className="mb-3")


def grouped(
    legend: str,
    control: Component,
    control_id: str = "",
    class_name: str = "mb-3",
    legend_class: str = "form-label fs-6 mb-1",
) -> html.Fieldset:
    """Radio buttons and checkboxes as a group: a fieldset's legend names it for screen
    readers, which a `<label for>` pointing at the group's wrapper does not."""
    children: list[Component] = [html.Legend(legend, className=legend_class), control]
    if control_id:
        children.append(dbc.FormFeedback(id=f"{control_id}-feedback", type="invalid"))
    return html.Fieldset(children, className=class_name)
