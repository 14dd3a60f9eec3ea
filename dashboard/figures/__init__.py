"""Plotly figure builders, one module per page; `common` holds the shared style."""
