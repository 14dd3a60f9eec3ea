"""Hjälp has no callbacks: the page is text built from the registry (layouts/help.py)."""

from callbacks.common import Callbacks


def register(_app: Callbacks) -> None:
    """Nothing to wire."""
