"""Placeholder until the helper writes it."""

from django.http import Http404


def index(request, **kwargs):
    raise Http404


def methods(request, **kwargs):
    raise Http404


def method(request, **kwargs):
    raise Http404


def matrix(request, **kwargs):
    raise Http404
