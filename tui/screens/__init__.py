"""Screens of cmis-tui, one per file."""
