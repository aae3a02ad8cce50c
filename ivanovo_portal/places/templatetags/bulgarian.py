"""Marking what the project writes in Bulgarian only (questionnaires, reports, recommendations), so
that on English pages screen readers read it with a Bulgarian voice."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def bulgarian(text):
    """``text`` in a span with lang="bg", for a Bulgarian title inside an English sentence:
    ``{% blocktranslate with title=report.title|bulgarian %}Results of “{{ title }}”…``."""
    return format_html('<span lang="bg">{}</span>', text)
