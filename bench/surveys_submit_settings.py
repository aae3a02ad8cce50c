"""Settings for the submissions benchmark's gunicorn: the portal's own, with a URLconf that adds a
bare view as the baseline. Used by ``bench/surveys_submit.py`` only; never by the product."""

from ivanovo_portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.surveys_submit_urls"
# Served as in production, without the debug query log. The rest stays as the harness set it up
# with DJANGO_DEBUG=1 (plain static files storage, no HTTPS redirect, the development key).
DEBUG = False


def run():
    """Not a benchmark of its own (the harness runs every module): no figures."""
    return {}
