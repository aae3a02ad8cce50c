"""Form inputs the browser understands on a phone: its own date and date-time pickers, fed and
read in ISO format whatever the page's language."""

from datetime import datetime

from django import forms


class _RealOnly:
    """A picker holds only a real date: what was typed in a hand-made address ("2025-02-30") is
    refused by the field and shown empty, as the browser would show it, rather than put in the
    page as an invalid value."""

    def format_value(self, value):
        if isinstance(value, str):
            try:
                datetime.fromisoformat(value)
            except ValueError:
                return None
        return super().format_value(value)


class DateInput(_RealOnly, forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeInput(_RealOnly, forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")
