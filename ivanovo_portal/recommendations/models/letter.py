"""The letters that carry recommendations to the municipal registry, and their files."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from ivanovo_portal import uploads
from ivanovo_portal.fields import done_at, done_by

from .recommendation import Recommendation


class RegistrySubmissionQuerySet(models.QuerySet):
    def prepared(self):
        return self.filter(status=RegistrySubmission.Status.PREPARED)

    def filed(self):
        return self.filter(status=RegistrySubmission.Status.FILED)

    def without_registry_entry(self):
        """Filed letters whose number in the municipal registry the project does not know yet."""
        return self.filed().filter(registry_number="")


class RegistrySubmission(models.Model):
    """The letter that carries approved recommendations to the municipal registry (деловодство):
    prepared by the project, then filed with the municipality, whose registry enters it under a
    number and date that the project may learn only later."""

    class Status(models.TextChoices):
        PREPARED = "prepared", _("Prepared, not filed yet")
        FILED = "filed", pgettext_lazy("letter", "Filed with the municipality")
        CANCELLED = "cancelled", _("Cancelled before filing")

    outgoing_number = models.CharField(_("outgoing number"), max_length=50, unique=True)
    outgoing_date = models.DateField(_("outgoing date"))
    recommendations = models.ManyToManyField(
        Recommendation, verbose_name=_("recommendations"), related_name="submissions"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PREPARED
    )
    created_by = done_by(_("created by"), blank=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    filed_by = done_by(_("filing recorded by"))
    filed_at = done_at(_("filing recorded at"))
    registry_number = models.CharField(_("registry entry number"), max_length=50, blank=True)
    registry_date = models.DateField(_("registry entry date"), null=True, blank=True)
    recorded_by = done_by(_("recorded by"))
    recorded_at = done_at(_("recorded at"))
    answer_due = models.DateField(_("answer due"), null=True, blank=True)
    cancelled_by = done_by(_("cancelled by"))
    cancelled_at = done_at(_("cancelled at"))
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    # What the e-mails to the municipality have done, so a task run twice sends nothing twice.
    filing_notice_sent_at = models.DateTimeField(
        _("filing notice sent at"), null=True, blank=True, editable=False
    )
    reminder_sent_for = models.DateField(
        _("reminder sent for the due date"), null=True, blank=True, editable=False
    )

    objects = RegistrySubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("registry submission")
        verbose_name_plural = _("registry submissions")
        ordering = ["-outgoing_date", "-pk"]
        constraints = [
            # The register never says "filed" without a filing, nor knows a registry entry of a
            # letter that was not filed.
            models.CheckConstraint(
                condition=(Q(status="filed") & Q(filed_on__isnull=False))
                | (~Q(status="filed") & Q(filed_on__isnull=True)),
                name="filed_exactly_when_filed_on",
            ),
            models.CheckConstraint(
                condition=Q(status="filed") | (Q(registry_number="") & Q(registry_date=None)),
                name="registry_entry_only_when_filed",
            ),
        ]

    def __str__(self):
        return gettext("Letter No. %(number)s of %(date)s") % {
            "number": self.outgoing_number,
            "date": self.outgoing_date.strftime("%d.%m.%Y"),
        }

    def get_absolute_url(self):
        return reverse("recommendations:submission", args=[self.pk])

    @property
    def is_prepared(self):
        return self.status == self.Status.PREPARED

    @property
    def is_filed(self):
        return self.status == self.Status.FILED

    @property
    def has_registry_entry(self):
        return bool(self.registry_number)

    @property
    def received_on(self):
        """The day the municipality received the letter, as far as the project knows: the
        registry's date once recorded, else the day it was filed."""
        return self.registry_date or self.filed_on

    @property
    def is_overdue(self):
        return self.answer_due is not None and self.answer_due < timezone.localdate()


def _attachment_path(attachment, filename):
    # What the uploader called the file is kept (original_name), but never used as a path.
    return uploads.private_name("recommendations", filename)


class Attachment(models.Model):
    """A file that belongs to a letter: the signed letter as scanned, or the municipality's reply.
    Files are stored outside any public address and served through a view that checks who may
    read them (``is_public``)."""

    class Kind(models.TextChoices):
        SIGNED_LETTER = "signed_letter", _("Signed letter (scan)")
        REPLY = "reply", _("The municipality's reply")

    submission = models.ForeignKey(
        RegistrySubmission,
        verbose_name=_("letter"),
        on_delete=models.PROTECT,
        related_name="attachments",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=_attachment_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    is_public = models.BooleanField(_("public"), default=False)
    uploaded_by = done_by(_("uploaded by"), blank=False)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]
        constraints = [
            # The municipality's reply is a public document; only a scan may be kept private.
            models.CheckConstraint(
                condition=~Q(kind="reply") | Q(is_public=True), name="reply_is_public"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.original_name}"

    def get_absolute_url(self):
        return reverse("recommendations:attachment", args=[self.pk])
