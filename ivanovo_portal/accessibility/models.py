"""What people tell us about the portal's accessibility, and whether they had their answer."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The period within which the statement promises a reply (the practice of Directive 2016/2102).
REPLY_DAYS = 30


class FeedbackQuerySet(models.QuerySet):
    def unanswered(self):
        return self.filter(answered_at__isnull=True)


class Feedback(models.Model):
    """A report of an accessibility problem or a request for content in an accessible form."""

    name = models.CharField(_("name"), max_length=200, blank=True)
    contact = models.CharField(_("e-mail or phone for the reply"), max_length=200)
    page = models.CharField(_("page concerned"), max_length=500)
    problem = models.TextField(_("problem"), max_length=5000)
    language = models.CharField(_("language of the page"), max_length=10)
    consented_at = models.DateTimeField(_("consent given at"))
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    reply_due = models.DateField(_("reply due by"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["reply_due", "pk"]
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")

    def __str__(self):
        return _("Accessibility feedback No. %(number)s") % {"number": self.pk}

    def get_absolute_url(self):
        return reverse("accessibility:feedback", args=[self.pk])

    @property
    def is_answered(self):
        return self.answered_at is not None
