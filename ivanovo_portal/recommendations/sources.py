"""Which sources of recommendations the public may open. The register links a recommendation to
its source (an analysis report, a monitoring report…) through a generic relation; the activity
that owns the source's model says when that source is public, in ``AppConfig.ready()``::

    from ivanovo_portal.recommendations import sources

    sources.register(AnalysisReport, is_public=lambda report: report.status == "published")

A source may also refuse, for now, changes the public would see in its recommendations (a
published report whose PDF lists them): ``refuse_change(source)`` returns why, or "".

A source of a model nobody registered is never linked.
"""

_sources = {}


def register(model, *, is_public, refuse_change=None):
    """Link sources of ``model`` when ``is_public(source)`` holds, and ask ``refuse_change``
    (when given) before one of their recommendations changes in public; registering again
    replaces."""
    _sources[model._meta.label_lower] = (is_public, refuse_change)


def _hooks(source):
    """(is_public, refuse_change) registered for ``source``'s model, or Nones."""
    if source is None:
        return None, None
    return _sources.get(source._meta.label_lower, (None, None))


def public_url(source):
    """The public page of ``source``, or "" when there is none or it is not public."""
    is_public, _refuse = _hooks(source)
    if is_public is None or not is_public(source):
        return ""
    return source.get_absolute_url()


def change_refusal(source):
    """Why ``source`` refuses now a change the public would see in one of its recommendations
    (approving one, rewording an approved one), or ""."""
    _is_public, refuse = _hooks(source)
    return refuse(source) if refuse else ""
