"""The kinds of document the portal renders. Apps register theirs in ``AppConfig.ready()``::

    kinds.register(LETTER_KIND, DocumentKind(label=_("Registry letter"), renderer=render_letter))

so the documents app renders every file without importing the apps that own them."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from django.core.files.base import ContentFile, File

from ivanovo_portal.project import Activity
from ivanovo_portal.registry import Registry

PDF = "application/pdf"
VIEW_PERMISSION = "documents.view_generateddocument"


@dataclass(frozen=True)
class Rendered:
    """What a renderer makes of its source: a file name (the download is named after the
    document's title, with this name's extension), the file's media type and its bytes, or for a
    large file, a binary file rewound (a temporary file written row by row, which the pipeline
    stores without reading it into memory)."""

    name: str
    content_type: str
    content: bytes | IO[bytes]

    @property
    def is_pdf(self):
        return self.content_type == PDF

    def as_file(self) -> File:
        if isinstance(self.content, bytes):
            return ContentFile(self.content, name=self.name)
        return File(self.content, name=self.name)


def as_pdf(render) -> Callable[[Any], Rendered]:
    """A kind's renderer from a pure PDF renderer ``render_x_pdf(source) -> bytes``."""
    return lambda source: Rendered("document.pdf", PDF, render(source))


@dataclass(frozen=True)
class DocumentKind:
    """``renderer(source) -> Rendered``; ``format`` names what it makes (shown while the first
    file is prepared); ``is_public`` is a bool or ``(source) -> bool``; a kind with
    ``publication`` set lists its public documents on the publications page, under the activity
    given (or under none, for the kernel's own), dated by ``published_on(source)`` (a date or
    date-time; the file's own date when not given), its page linking ``source_page(source)``, the
    source's public address (its ``get_absolute_url()`` when not given; None for no page);
    ``permission`` lets a user see its documents while they are not public (the staff's, unless
    the kind asks for a narrower one)."""

    label: str
    renderer: Callable[[Any], Rendered]
    format: str = "PDF"
    is_public: bool | Callable[[Any], bool] = False
    publication: bool = False
    activity: Activity | None = None
    published_on: Callable[[Any], Any] | None = None
    source_page: Callable[[Any], str | None] | None = None
    permission: str = VIEW_PERMISSION

    def public_for(self, source) -> bool:
        """Whether anyone may download this kind of document rendered from ``source``."""
        if callable(self.is_public):
            return bool(self.is_public(source))
        return bool(self.is_public)


kinds = Registry(
    "document kinds",
    hint="Register it with ivanovo_portal.documents.registry.kinds.register(KIND, "
    "DocumentKind(...)) in the owning app's AppConfig.ready().",
)
