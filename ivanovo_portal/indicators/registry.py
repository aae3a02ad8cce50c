"""Live figures for the project's indicators, contributed by the apps that hold the data.

The kernel never imports an activity app: each app registers its figures in ``AppConfig.ready()``::

    from ivanovo_portal.indicators.registry import figure

    @figure("survey_respondents")
    def respondents():
        return Response.objects.count()

A figure is a function without arguments that returns a number. A key nobody provides counts as 0.
"""

_figures = {}


def register(key, fn):
    """Make ``fn`` the figure for ``key``; registering the key again replaces it."""
    _figures[key] = fn


def figure(key):
    """Decorator form of :func:`register`."""

    def decorator(fn):
        register(key, fn)
        return fn

    return decorator


def value(key):
    """The live figure for ``key``, or 0 when no app provides it yet."""
    fn = _figures.get(key)
    return fn() if fn else 0


def is_registered(key):
    return key in _figures
