"""The sources of recommendations: an analysis report, a monitoring report… The register links a
recommendation to its source through a generic relation; the activity that owns the source's
model registers it in ``AppConfig.ready()``, saying when a source is public and which activity
its recommendations belong to::

    from ivanovo_portal.recommendations import sources

    sources.register(AnalysisReport, is_public=is_public, activity=Activity.SURVEYS)

A source may also refuse, for now, changes the public would see in its recommendations (a
published report whose PDF lists them): ``refuse_change(source)`` returns why, or "". A report
that lists its recommendations in a published PDF passes ``refuse_change=while_published``.

A source of a model nobody registered is never linked. Its staff write its recommendations on the
pages of ``source_pages.py``, which the activity plugs into its URLs.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from ivanovo_portal.project import Activity
from ivanovo_portal.registry import Registry


@dataclass(frozen=True)
class Source:
    """``is_public(source) -> bool``; ``refuse_change(source) -> str`` (why not, or ""); the
    ``activity`` the recommendations written from such a source belong to."""

    is_public: Callable[[Any], bool]
    refuse_change: Callable[[Any], str] | None = None
    activity: Activity | str = ""


kinds = Registry(
    "recommendation sources",
    hint="Register the source's model with ivanovo_portal.recommendations.sources.register("
    "Model, is_public=...) in the owning app's AppConfig.ready().",
)


def key_of(model):
    """The key a source's model (or a source) is registered under: "surveys.analysisreport"."""
    return model._meta.label_lower


def register(model, *, is_public, refuse_change=None, activity=""):
    """Link sources of ``model`` when ``is_public(source)`` holds, ask ``refuse_change`` (when
    given) before one of their recommendations changes in public, and file the recommendations
    written from them under ``activity``; registering again replaces."""
    return kinds.register(key_of(model), Source(is_public, refuse_change, activity))


def while_published(report):
    """Why a change the public would see in a report's recommendations (approving one, rewording
    an approved one) is refused now, or "": a published report's page and PDF list them as they
    were when it was published."""
    if not report.is_public():
        return ""
    return _(
        "“%(title)s” is published, and its PDF lists its recommendations as they were then. "
        "To approve or change one, take the report back to a draft, approve or change the "
        "recommendation, then publish the report again: its PDF is made anew."
    ) % {"title": report.title}


def _entry(source):
    if source is None or key_of(source) not in kinds:
        return None
    return kinds.get(key_of(source))


def public_url(source):
    """The public page of ``source``, or "" when there is none or it is not public."""
    entry = _entry(source)
    if entry is None or not entry.is_public(source):
        return ""
    return source.get_absolute_url()


def change_refusal(source):
    """Why ``source`` refuses now a change the public would see in one of its recommendations
    (approving one, rewording an approved one), or ""."""
    entry = _entry(source)
    return entry.refuse_change(source) if entry and entry.refuse_change else ""


def activity_of(source):
    """The activity of the recommendations written from ``source``, or "" when none is known."""
    entry = _entry(source)
    return entry.activity if entry else ""
