"""Roster import internals: reading files, recognizing columns, parsing values, building households.

The public entry points are in ``famdesk.services.imports``.
"""
