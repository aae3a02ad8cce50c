"""Reads of the monitoring area, one module per concern."""
