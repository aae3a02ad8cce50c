from datetime import timedelta
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .registry import PDF, VIEW_PERMISSION, kinds

# How long past the hard time limit a job may sit queued or rendering without any change before it
# counts as stalled: nothing would ever move it again. Celery acknowledges the late-acked message of
# a render killed at the hard time limit, and a message the broker refused at enqueue never
# existed. The margin outlasts the longest retry back-off (5 minutes), which a requeued job waits.
STALL_MARGIN = timedelta(minutes=10)


def stalled_before():
    """The moment before which a queued or rendering job that has not changed counts as stalled."""
    return timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT) - STALL_MARGIN


class GeneratedDocumentQuerySet(models.QuerySet):
    def stalled(self):
        """Jobs queued or rendering that no worker will ever finish."""
        return self.filter(
            status__in=GeneratedDocument.IN_PROGRESS, updated_at__lt=stalled_before()
        )

    def retryable(self):
        """Jobs that staff may start again: failed ones and stalled ones."""
        return self.filter(status=GeneratedDocument.Status.FAILED) | self.stalled()


class GeneratedDocument(models.Model):
    """One file the portal renders (a PDF, a spreadsheet…): at most one per kind and source
    object. The row, not a Celery result backend, is the truth about the render job.

    Other models find their documents with
    ``GenericRelation("documents.GeneratedDocument", related_query_name=...)``."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RENDERING = "rendering", _("Rendering")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    IN_PROGRESS = (Status.QUEUED, Status.RENDERING)

    kind = models.CharField(_("kind"), max_length=100)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("source type")
    )
    object_id = models.PositiveBigIntegerField(_("source id"))
    source = GenericForeignKey("content_type", "object_id")
    title = models.CharField(_("title"), max_length=255)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    file = models.FileField(_("file"), upload_to="documents/", max_length=255, blank=True)
    media_type = models.CharField(_("media type"), max_length=100, default=PDF)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    error = models.TextField(_("error"), blank=True)
    # Downloads of a public document by anyone but staff, for the campaign's reach figures.
    downloads = models.PositiveIntegerField(_("downloads"), default=0, editable=False)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)
    worker = models.CharField(_("worker"), max_length=255, blank=True)
    # The running worker that claimed the render (documents.workers.instance()): while its
    # heartbeat lasts, the render is its own; after, the render goes back in the queue.
    worker_instance = models.CharField(_("worker instance"), max_length=255, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = GeneratedDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("generated document")
        verbose_name_plural = _("generated documents")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "content_type", "object_id"],
                name="one_document_per_kind_and_source",
            )
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["status"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("documents:detail", args=[self.pk])

    @property
    def download_url(self):
        return reverse("documents:download", args=[self.pk])

    @property
    def fragment_url(self):
        return f"{self.get_absolute_url()}?fragment=1"

    @property
    def registered_kind(self):
        """The kind's registration, or None if no app registers it any more."""
        return kinds.get(self.kind) if self.kind in kinds else None

    @property
    def kind_label(self):
        """The registered label of the kind; the raw kind if no app registers it any more."""
        return self.registered_kind.label if self.registered_kind else self.kind

    @property
    def is_public(self):
        """Whether anyone may download it: the kind's registration decides, given the source."""
        source = self.source
        kind = self.registered_kind
        return kind is not None and source is not None and kind.public_for(source)

    @property
    def view_permission(self):
        """The permission that lets a user see it while it is not public: its kind's."""
        return self.registered_kind.permission if self.registered_kind else VIEW_PERMISSION

    @property
    def is_stalled(self):
        return self.status in self.IN_PROGRESS and self.updated_at < stalled_before()

    @property
    def is_pending(self):
        """Queued or rendering and still expected to finish: its status page keeps asking."""
        return self.status in self.IN_PROGRESS and not self.is_stalled

    @property
    def is_ready(self):
        return self.status == self.Status.READY and bool(self.file)

    @property
    def is_available(self):
        """Whether there is a file to download: the last good render stays at its address while a
        new one is queued or rendering, and after the new one failed, until a render replaces it."""
        return bool(self.file)

    @property
    def is_being_replaced(self):
        """A good file is served while a newer render is pending, stalled or failed."""
        return self.is_available and not self.is_ready

    @property
    def is_failed(self):
        return self.status == self.Status.FAILED

    @property
    def is_retryable(self):
        return self.is_failed or self.is_stalled

    @property
    def status_label(self):
        """The status as people read it: a stalled job says so instead of "queued" for ever."""
        return gettext("Stalled") if self.is_stalled else self.get_status_display()

    @property
    def is_pdf(self):
        return self.media_type == PDF

    @property
    def extension(self):
        """The stored file's extension, as the renderer named it: ``.pdf``, ``.xlsx``, ``.csv``."""
        return PurePosixPath(self.file.name).suffix.lower()

    @property
    def format_label(self):
        """The file's format as people name it (PDF, XLSX, CSV): the stored file's, or before
        the first one, the one its kind makes."""
        if self.file:
            return self.extension.lstrip(".").upper()
        return self.registered_kind.format if self.registered_kind else "PDF"

    @property
    def download_filename(self):
        """A file name for the browser, from the title and the stored file's extension: kept
        readable, including Cyrillic."""
        name = "".join(c if c.isalnum() or c in " -_.,()" else " " for c in self.title)
        return f"{' '.join(name.split())[:150] or 'document'}{self.extension}"
