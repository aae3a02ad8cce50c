"""Placeholder until the helper writes it."""

from django.http import Http404


def manage(request, **kwargs):
    raise Http404


def method_new(request, **kwargs):
    raise Http404


def method_edit(request, **kwargs):
    raise Http404


def versions(request, **kwargs):
    raise Http404


def version(request, **kwargs):
    raise Http404


def edition_new(request, **kwargs):
    raise Http404


def edition_manage(request, **kwargs):
    raise Http404
