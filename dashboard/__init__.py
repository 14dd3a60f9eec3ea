"""Lägesbild: follow-up of Stockholm's local action plans against violent extremism.

The package imports nothing on its own, so `dashboard.url_filters` or `dashboard.figures` can be
imported by layouts without pulling in the app (and with it every page)."""
