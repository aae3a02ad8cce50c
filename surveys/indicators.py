"""The surveys' figures for the project's indicators."""
