"""Live figures for the project's indicators, contributed by the apps that hold the data.

The kernel never imports an activity app: each app registers its figures in ``AppConfig.ready()``::

    from ivanovo_portal.indicators.registry import figures

    def ready(self):
        figures.register("survey_respondents", survey_respondents)

A figure is a function without arguments that returns a number. A key nobody provides counts as 0.
"""

from ivanovo_portal.registry import Registry

figures = Registry(
    "indicator figures",
    hint="An app registers its figures in its AppConfig.ready(), under the keys of targets.py.",
)


def value(key):
    """The live figure for ``key``, or 0 when no app provides it yet."""
    return figures.get(key)() if key in figures else 0
