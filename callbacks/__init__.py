"""Callbacks: thin wiring between layouts and the query/service functions."""

import dash

from callbacks import (
    activities,
    audit_log,
    chart_tables,
    council,
    effect_indicators,
    import_page,
    incident_form,
    overview,
    plan_editor,
    plan_quality,
    routing,
    survey_form,
    survey_results,
    todo,
)


def register_callbacks(app: dash.Dash) -> None:
    routing.register(app)
    chart_tables.register(app)
    overview.register(app)
    council.register(app)
    activities.register(app)
    todo.register(app)
    incident_form.register(app)
    survey_form.register(app)
    plan_editor.register(app)
    plan_quality.register(app)
    survey_results.register(app)
    effect_indicators.register(app)
    import_page.register(app)
    audit_log.register(app)
