"""Reads of the coalitions app, one module per concern."""
