"""Placeholder until the helper writes it."""

from django.http import Http404


def edition(request, **kwargs):
    raise Http404


def template_docx(request, **kwargs):
    raise Http404
