"""Settings for the benchmarks' gunicorn (``bench/_server.py``): the portal's own, with a URLconf
that adds a bare view as the baseline. Never used by the product."""

from ivanovo_portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench._server_urls"
# Served as in production, without the debug query log. The rest stays as the harness set it up
# with DJANGO_DEBUG=1 (plain static files storage, no HTTPS redirect, the development key).
DEBUG = False
