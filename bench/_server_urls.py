"""The portal's URLs plus a bare view: the fastest answer Django gives through the same server and
middleware, the baseline the benchmarks served by gunicorn measure against. Bench-only."""

from django.http import HttpResponse
from django.urls import path

from ivanovo_portal.urls import handler500  # noqa: F401
from ivanovo_portal.urls import urlpatterns as portal_urlpatterns

BARE_PATH = "/__bench__/bare/"


def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path(BARE_PATH.strip("/") + "/", bare), *portal_urlpatterns]
