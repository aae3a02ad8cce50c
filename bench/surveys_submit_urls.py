"""The portal's URLs plus a bare view: the fastest answer Django gives through the same server and
middleware, the baseline of the submissions benchmark. Bench-only."""

from django.http import HttpResponse
from django.urls import path

from ivanovo_portal.urls import handler500  # noqa: F401
from ivanovo_portal.urls import urlpatterns as portal_urlpatterns


def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("__bench__/bare/", bare), *portal_urlpatterns]


def run():
    """Not a benchmark of its own (the harness runs every module): no figures."""
    return {}
