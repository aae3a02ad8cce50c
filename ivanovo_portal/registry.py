"""The one shape of the kernel's registries (document kinds, indicator figures, demo content,
personal data, recommendation sources, publications…).

The kernel never imports an activity app. Where it needs something from one, the app registers
it in its ``AppConfig.ready()``::

    from ivanovo_portal.indicators.registry import figures

    def ready(self):
        figures.register("survey_respondents", respondents)

A registry keeps its entries in the order they were registered; registering a key again replaces
its entry, because Django may run ``ready()`` more than once. Tests swap entries with
:meth:`Registry.override` rather than touching a registry's insides.
"""

from contextlib import contextmanager

from ivanovo_portal.pagecache.keys import code_changed


class Registry:
    """Entries by key, in registration order."""

    def __init__(self, name, *, hint=""):
        self.name = name
        self.hint = hint
        self._entries = {}

    def register(self, key, entry):
        """Make ``entry`` the one for ``key`` and return it."""
        self._entries[key] = entry
        return entry

    def get(self, key):
        """The entry for ``key``; ``LookupError`` naming the known keys when there is none."""
        try:
            return self._entries[key]
        except KeyError:
            known = ", ".join(map(str, self._entries)) or "none"
            raise LookupError(
                f"Nothing is registered as {key!r} in the {self.name} (known: {known}). {self.hint}"
            ) from None

    def __contains__(self, key):
        return key in self._entries

    def keys(self):
        return list(self._entries)

    def items(self):
        """``(key, entry)`` pairs in registration order."""
        return list(self._entries.items())

    def values(self):
        return list(self._entries.values())

    @contextmanager
    def override(self, entries=None, *, only=False):
        """For tests: register ``entries`` (a mapping of key to entry) for the duration of the
        block, or with ``only`` let them be the registry's only entries; whatever was there
        before comes back afterwards."""
        saved = dict(self._entries)
        if only:
            self._entries.clear()
        self._entries.update(entries or {})
        code_changed()  # the pages made from the entries before are not served
        try:
            yield self
        finally:
            self._entries.clear()
            self._entries.update(saved)
            code_changed()
