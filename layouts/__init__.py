"""Layouts: functions that build Dash components. No database access, no callbacks."""
