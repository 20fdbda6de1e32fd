"""Widgets of cmis-tui: hex view, field tree, line plot, status line."""
