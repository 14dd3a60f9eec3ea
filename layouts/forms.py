"""Form building blocks: labelled fields with a place for the field's Swedish error message."""

from enum import StrEnum

import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component

from layouts.components import aria
from models.enums import label


def enum_options(enum: type[StrEnum]) -> list[dict[str, str]]:
    return [{"label": label(member), "value": member.value} for member in enum]


def required_mark() -> html.Span:
    """The visible mark of a required field; screen readers learn it from the control's
    `required` (aria-required) instead, so the mark itself is hidden from them."""
    return html.Span(" *", className="lb-required", **aria("hidden", "true"))


def required_legend() -> html.P:
    """The key to the mark, once per form, above its fields."""
    return html.P(
        [html.Span("*", className="lb-required"), " obligatoriskt"],
        className="small text-body-secondary mb-2 lb-required-legend",
    )


def labelled(
    text: str, control: Component, control_id: str, help_text: str = "", required: bool = False
) -> html.Div:
    """A label, the control and a place for its error message. A required field is marked
    before anyone saves: the visible * and the control's `required` attribute."""
    children: list[Component] = [dbc.Label(text, html_for=control_id)]
    if required:
        # Beside the label, not in it: the field's accessible name stays its label.
        children.append(required_mark())
        control.required = True  # type: ignore[attr-defined]  # Input, Select and Textarea
    children.append(control)
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
    required: bool = False,
) -> html.Fieldset:
    """Radio buttons and checkboxes as a group: a fieldset's legend names it for screen
    readers, which a `<label for>` pointing at the group's wrapper does not."""
    text: list[Component | str] = [legend, required_mark()] if required else [legend]
    children: list[Component] = [html.Legend(text, className=legend_class), control]
    if control_id:
        children.append(dbc.FormFeedback(id=f"{control_id}-feedback", type="invalid"))
    return html.Fieldset(children, className=class_name)
