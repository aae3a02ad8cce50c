"""Editions of the toolkit as a book: each prints the versions of the methods current when it was
published, so an earlier edition stays as it was; the conference where one was presented."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.fields import done_by
from ivanovo_portal.meetings.models import Meeting

from .methods import MethodVersion


class Edition(models.Model):
    number = models.PositiveIntegerField(_("edition"), unique=True)
    versions = models.ManyToManyField(
        MethodVersion, related_name="editions", verbose_name=_("methods in it")
    )
    note = models.CharField(_("what is new"), max_length=250, blank=True)
    published_at = models.DateTimeField(_("published at"))
    published_by = done_by()
    presented_at = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("presented at"),
        limit_choices_to={"kind": Meeting.Kind.CONFERENCE},
    )
    documents = GenericRelation("documents.GeneratedDocument", related_query_name="toolkit_edition")

    class Meta:
        ordering = ["-number"]
        verbose_name = _("edition of the toolkit")
        verbose_name_plural = _("editions of the toolkit")

    def __str__(self):
        return gettext("Edition %(number)s") % {"number": self.number}

    def get_absolute_url(self):
        return reverse("toolkit:edition", args=[self.number])

    def is_public(self):
        return True
