"""Requests for access to public information (ЗДОИ) that monitors make to the municipality."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.fields import done_by
from ivanovo_portal.places.models import Settlement

from .frameworks import Criterion
from .rounds import Round


class InformationRequest(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", _("e-mail")
        REGISTRY = "registry", _("in person at the registry")
        POST = "post", _("by post")
        PLATFORM = "platform", _("the national access-to-information platform")
        ORAL = "oral", _("orally")

    class Extension(models.TextChoices):
        NONE = "", _("none")
        # ЗДОИ чл. 30, ал. 1: a large volume of information, up to 10 more days.
        VOLUME = "volume", _("large volume of information (art. 30(1) ЗДОИ, +10 days)")
        # ЗДОИ чл. 31, ал. 2: a third party's consent is needed, up to 14 more days.
        THIRD_PARTY = "third_party", _("a third party's consent (art. 31(2) ЗДОИ, +14 days)")

    class Answer(models.TextChoices):
        PENDING = "", _("awaiting an answer")
        FULL = "full", _("full access")
        PARTIAL = "partial", _("partial access")
        REFUSAL = "refusal", _("refusal")
        NONE = "none", _("no answer (tacit refusal)")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="requests")
    settlement = models.ForeignKey(
        Settlement, on_delete=models.PROTECT, related_name="+", verbose_name=_("addressed to")
    )
    subject = models.CharField(_("subject"), max_length=250)
    text = models.TextField(_("text of the request"))
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    submitted_on = models.DateField(_("submitted on"))
    registry_number = models.CharField(_("registry number"), max_length=60, blank=True)
    clarified_on = models.DateField(
        _("clarified on"),
        null=True,
        blank=True,
        help_text=_("If the municipality asked for a clarification (art. 29 ЗДОИ), when it came."),
    )
    extension = models.CharField(
        _("extension"), max_length=12, choices=Extension.choices, default="", blank=True
    )
    extension_notified_on = models.DateField(_("extension notified on"), null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(
        _("days of the extension"),
        null=True,
        blank=True,
        help_text=_("As the notice gives them; the law allows up to 10 or 14 by the ground."),
    )
    answer = models.CharField(
        _("answer"), max_length=8, choices=Answer.choices, default="", blank=True
    )
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answer_summary = models.TextField(_("summary of the answer"), blank=True)
    answer_file = models.FileField(_("the answer"), upload_to="monitoring/requests/", blank=True)
    answer_sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    answer_is_public = models.BooleanField(_("answer public"), default=False)
    criteria = models.ManyToManyField(
        Criterion, related_name="+", blank=True, verbose_name=_("criteria it is evidence for")
    )
    made_by = done_by(_("made by"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-submitted_on", "-pk"]
        verbose_name = _("access-to-information request")
        verbose_name_plural = _("access-to-information requests")

    def __str__(self):
        return self.subject
