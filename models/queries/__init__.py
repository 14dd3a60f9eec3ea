"""Read-side queries: plain functions over a Session, aggregating in SQL. No Dash imports."""
