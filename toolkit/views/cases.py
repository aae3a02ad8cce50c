"""Placeholder until the helper writes it."""

from django.http import Http404


def cases(request, **kwargs):
    raise Http404


def case(request, **kwargs):
    raise Http404
