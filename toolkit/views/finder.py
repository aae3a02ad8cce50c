"""Placeholder until the helper writes it."""

from django.http import Http404


def finder(request, **kwargs):
    raise Http404


def plan(request, **kwargs):
    raise Http404
