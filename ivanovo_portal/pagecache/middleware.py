"""Serve a kept page to an anonymous visitor, or render it, note what it read and keep it.

Placed after the session, locale and common middleware: the language is known, the address is
final, and the middleware below it (CSRF, authentication, messages, frame and content security
policies) run only when a page is rendered, their headers kept with it. Those above it add theirs
to every answer, kept or not.
"""

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_max_age
from django.utils.module_loading import import_string

from . import keys, tables

# Cache-Control directives with which a view asks that its answer be nobody's but the visitor's.
NOT_SHARED = ("private", "no-store", "no-cache")


class Page:
    """A kept answer: its status, headers and body, the version of every table it read, and what
    must still run each time it is served (``on_every_serving``)."""

    __slots__ = ("content", "headers", "servings", "status", "versions")

    def __init__(self, response, versions, servings):
        self.status = response.status_code
        self.headers = list(response.items())
        self.content = response.content
        self.versions = versions
        self.servings = servings

    def response(self):
        response = HttpResponse(self.content, status=self.status)
        for header, value in self.headers:
            response[header] = value
        return response


def on_every_serving(request, function, *arguments):
    """Run ``function(request, *arguments)`` now, and each time the page being rendered is served
    from the cache (counting a reading, say). ``function`` is a module-level function, the
    arguments plain values; a count it adds goes through ``counts.add``."""
    function(request, *arguments)
    path = f"{function.__module__}.{function.__qualname__}"
    request.page_cache_servings = [*getattr(request, "page_cache_servings", []), (path, arguments)]


def anonymous_read(request):
    """A GET or HEAD by a visitor who carries nothing that could make the page theirs."""
    if request.method not in ("GET", "HEAD") or "HX-Request" in request.headers:
        return False
    if "Authorization" in request.headers:
        return False
    harmless = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
    return set(request.COOKIES) <= harmless


def keepable(request, response, noted):
    """Whether the answer is the same for every anonymous visitor."""
    if response.status_code != 200 or response.streaming or response.cookies or noted.wrote:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.session.modified:
        return False
    control = response.get("Cache-Control", "")
    return not any(directive in control for directive in NOT_SHARED) and get_max_age(response) != 0


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not anonymous_read(request):
            return self.get_response(request)
        key = keys.page_key(request)
        kept = tables.pages().get(key)
        if kept is not None and tables.current(kept.versions):
            for path, arguments in kept.servings:
                import_string(path)(request, *arguments)
            return kept.response()
        if request.method != "GET":
            return self.get_response(request)
        before = tables.versions()
        with tables.recording() as noted:
            response = self.get_response(request)
        if keepable(request, response, noted):
            versions = tables.made_from(before, noted.read)
            if versions is not None:
                servings = getattr(request, "page_cache_servings", [])
                tables.pages().set(key, Page(response, versions, servings), timeout=seconds)
        return response
