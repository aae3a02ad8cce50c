"""The kinds of document the portal renders. Apps register theirs in ``AppConfig.ready()``, so the
documents app renders every PDF without importing the apps that own them."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


class UnknownDocumentKind(LookupError):
    """No app registered a document kind by this name."""


@dataclass(frozen=True)
class DocumentKind:
    kind: str
    label: str
    renderer: Callable[[Any], bytes]
    is_public: bool | Callable[[Any], bool] = False

    def public_for(self, source) -> bool:
        """Whether anyone may download this kind of document rendered from ``source``."""
        if callable(self.is_public):
            return bool(self.is_public(source))
        return bool(self.is_public)


_kinds: dict[str, DocumentKind] = {}


def register(kind: str, *, label, renderer, is_public=False) -> DocumentKind:
    """Register a document kind: ``renderer(source) -> bytes`` renders a source object to PDF bytes;
    ``is_public`` is a bool or ``(source) -> bool``. Registering a kind again replaces it, because
    Django may run ``ready()`` more than once (for example when tests change INSTALLED_APPS)."""
    entry = DocumentKind(kind=kind, label=label, renderer=renderer, is_public=is_public)
    _kinds[kind] = entry
    return entry


def unregister(kind: str) -> None:
    """Forget a kind (tests that register their own clean up with this)."""
    _kinds.pop(kind, None)


def get(kind: str) -> DocumentKind:
    """The registered entry for ``kind``; ``UnknownDocumentKind`` when no app registered it."""
    try:
        return _kinds[kind]
    except KeyError:
        known = ", ".join(sorted(_kinds)) or "none"
        raise UnknownDocumentKind(
            f"No document kind {kind!r} is registered (known kinds: {known}). Register it with "
            "ivanovo_portal.documents.registry.register() in the owning app's AppConfig.ready()."
        ) from None
