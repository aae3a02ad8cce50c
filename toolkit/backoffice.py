"""What the staff's screens of the toolkit read: the methods with their versions and whether the
last edition prints them as they are, the editions with their documents, a version beside the
method as it is now."""

from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch

from ivanovo_portal.documents.models import GeneratedDocument

from .models import Edition, Method
from .services.editions import changed_since
from .versions import differences, readable, snapshot


@dataclass(frozen=True)
class Dashboard:
    methods: list  # each with .version (latest number), .changed_at, .is_changed
    editions: list  # each with .method_count and .documents prefetched
    changed: int  # methods changed or added since the last edition

    @property
    def last_edition(self):
        return self.editions[0] if self.editions else None


def dashboard():
    """The methods, newest version and last change, marked when the last edition does not print
    them as they are; the editions, newest first, with their documents: five queries."""
    editions = list(
        Edition.objects.select_related("presented_at", "published_by")
        .annotate(method_count=Count("versions"))
        .prefetch_related(Prefetch("documents", GeneratedDocument.objects.order_by("kind")))
    )
    changed = changed_since(editions[0] if editions else None)
    methods = list(
        Method.objects.select_related("updated_by").annotate(
            version=Max("versions__number"), changed_at=Max("versions__saved_at")
        )
    )
    for method in methods:
        method.is_changed = method.pk in changed
    return Dashboard(methods=methods, editions=editions, changed=len(changed))


def versions_of(method):
    """The method's versions, newest first, with who saved each and the editions printing it."""
    return list(
        method.versions.select_related("saved_by").prefetch_related(
            Prefetch("editions", Edition.objects.order_by("number"))
        )
    )


@dataclass(frozen=True)
class VersionPage:
    version: object
    parts: list  # (name, label, text) of the version
    differences: list  # (name, label, in this version, now) where they differ
    is_current: bool


def version_page(version):
    """A version readable part by part, and how the method as it is now differs from it."""
    current = snapshot(version.method)
    changes = differences(version.content, current)
    return VersionPage(
        version=version,
        parts=readable(version.content),
        differences=changes,
        is_current=not changes,
    )


def edition_page(edition):
    """An edition with its documents and the methods it prints, by name."""
    return {
        "edition": edition,
        "documents": list(edition.documents.order_by("kind")),
        "versions": list(
            edition.versions.select_related("method").order_by("method__position", "method__name")
        ),
    }
