"""The write side's rules, shared by the Dash forms and the JSON API. No Dash imports.

Every function takes the acting user and decides permissions itself: nothing the browser sends
(council id, role, record id) is trusted for a write.
"""
