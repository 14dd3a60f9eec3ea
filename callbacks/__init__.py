"""Callbacks: thin wiring between layouts and the query/service functions."""

import dash

from callbacks import (
    activities,
    audit_log,
    import_page,
    incident_form,
    overview,
    plan_editor,
    routing,
    survey_form,
    todo,
)


def register_callbacks(app: dash.Dash) -> None:
    routing.register(app)
    overview.register(app)
    activities.register(app)
    todo.register(app)
    incident_form.register(app)
    survey_form.register(app)
    plan_editor.register(app)
    import_page.register(app)
    audit_log.register(app)
