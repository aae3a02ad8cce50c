import redis
from django.conf import settings
from django.db import connection
from django.http import HttpResponseBadRequest, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template.loader import get_template
from django.views.decorators.cache import never_cache

from . import headlines, take_part
from .activities import ACTIVITIES
from .places.models import Settlement
from .project import PROJECT
from .recommendations.selectors import latest_public


def home(request):
    return render(
        request,
        "home.html",
        {
            "openings": take_part.open_now(),
            "headlines": headlines.latest(limit=3),
            "activities": ACTIVITIES,
            "settlements": Settlement.objects.all(),
            "recommendations": latest_public(limit=5),
        },
    )


@never_cache
def healthz(request):
    checks = {"database": _check_database(), "broker": _check_redis()}
    healthy = all(state in {"ok", "not configured"} for state in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503
    )


def _check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # any failure means the database is not usable
        return f"error: {error.__class__.__name__}"
    return "ok"


def _check_redis():
    if not settings.REDIS_URL:
        return "not configured"
    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1
        )
        client.ping()
    except redis.RedisError as error:
        return f"error: {error.__class__.__name__}"
    return "ok"


def bad_request(request, exception):
    """The 400 page, rendered without the request: what is wrong with it may be its host."""
    html = get_template("400.html").render({"PROJECT": PROJECT})
    return HttpResponseBadRequest(html)


def server_error(request):
    """The 500 page, rendered without context processors: the database may be what failed."""
    html = get_template("500.html").render({"PROJECT": PROJECT})
    return HttpResponseServerError(html)
