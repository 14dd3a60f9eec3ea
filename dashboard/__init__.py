"""Lägesbild: follow-up of Stockholm's local action plans against violent extremism."""

from dashboard.app import create_app

__all__ = ["create_app"]
