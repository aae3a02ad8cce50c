"""Participation methods: what each is for, how to run it and for whom it works, placed on the
Code's levels and steps, with the steps of running it (which date a plan), the templates to
download and every saved version."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.fields import done_by

from ..code import Level, Step


class Audience(models.TextChoices):
    """Who a method reaches well: what the finder asks as "who"."""

    ELDERLY = "elderly", _("elderly people")
    VILLAGERS = "villagers", _("residents of small villages")
    YOUNG = "young", _("young people")
    NGOS = "ngos", _("NGOs and community centres")
    BUSINESSES = "businesses", _("businesses")
    OFFICIALS = "officials", _("municipal staff and councillors")
    EXPERTS = "experts", _("experts")


class Cost(models.IntegerChoices):
    NONE = 0, _("no cost")
    LOW = 1, _("low")
    MEDIUM = 2, _("medium")
    HIGH = 3, _("high")


class Facilitation(models.IntegerChoices):
    NONE = 0, _("none: anyone can run it")
    SOME = 1, _("an experienced organiser")
    TRAINED = 2, _("a trained facilitator")


class Fit(models.IntegerChoices):
    """How well a method suits elderly people."""

    POOR = 0, _("poorly")
    WITH_CARE = 1, _("with care")
    WELL = 2, _("well")


class Literacy(models.IntegerChoices):
    """How much reading and writing taking part asks of people."""

    LOW = 0, _("low: spoken, no reading needed")
    MEDIUM = 1, _("some reading")
    HIGH = 2, _("reading and writing documents")


class MethodQuerySet(models.QuerySet):
    def with_placements(self):
        return self.prefetch_related("placements")


class Method(models.Model):
    # The stable key by which the portal's activities say where a method was used
    # (ivanovo_portal.cases): never changed once given.
    slug = models.SlugField(_("address"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=150)
    summary = models.CharField(
        _("in one sentence"), max_length=300, help_text=_("Shown in lists and the finder.")
    )
    purpose = models.TextField(_("purpose"), help_text=_("Markdown."))
    when_to_use = models.TextField(_("when to use it"), help_text=_("Markdown."))
    when_not = models.TextField(_("when not to use it"), help_text=_("Markdown."))
    time_needed = models.CharField(
        _("time needed"), max_length=200, help_text=_("As people say it: preparing and holding.")
    )
    weeks = models.PositiveSmallIntegerField(
        _("weeks from start to results"), help_text=_("The least, for the finder.")
    )
    cost = models.PositiveSmallIntegerField(_("cost"), choices=Cost.choices)
    cost_note = models.CharField(_("what the cost is for"), max_length=250, blank=True)
    group_min = models.PositiveIntegerField(_("fewest participants"))
    group_max = models.PositiveIntegerField(
        _("most participants"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    facilitation = models.PositiveSmallIntegerField(
        _("facilitation needed"), choices=Facilitation.choices
    )
    offline = models.BooleanField(_("works without internet"))
    paper = models.BooleanField(_("can be done on paper"))
    online = models.BooleanField(_("can be done online"))
    elderly = models.PositiveSmallIntegerField(_("suits elderly people"), choices=Fit.choices)
    literacy = models.PositiveSmallIntegerField(_("literacy needed"), choices=Literacy.choices)
    audiences = models.JSONField(
        _("reaches well"), default=list, blank=True, help_text=_("Audience values.")
    )
    venue = models.TextField(_("accessible venue"), blank=True, help_text=_("Markdown."))
    legal_basis = models.TextField(
        _("legal basis"),
        blank=True,
        help_text=_("Markdown: the Bulgarian law, where there is one."),
    )
    risks = models.TextField(_("risks"), help_text=_("Markdown."))
    tips = models.TextField(_("tips"), help_text=_("Markdown."))
    sources = models.TextField(_("sources"), help_text=_("Markdown: a list of links."))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    updated_by = done_by()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MethodQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("participation method")
        verbose_name_plural = _("participation methods")
        constraints = [
            models.CheckConstraint(
                condition=Q(group_max__isnull=True) | Q(group_max__gte=models.F("group_min")),
                name="method_group_range",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("toolkit:method", args=[self.slug])

    def audience_labels(self):
        return [Audience(value).label for value in self.audiences if value in Audience.values]


class Placement(models.Model):
    """A cell of the Code's matrix that a method serves."""

    method = models.ForeignKey(Method, on_delete=models.CASCADE, related_name="placements")
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    step = models.CharField(_("step"), max_length=14, choices=Step.choices)

    class Meta:
        verbose_name = _("place in the matrix")
        verbose_name_plural = _("places in the matrix")
        constraints = [
            models.UniqueConstraint(fields=["method", "level", "step"], name="placement_once")
        ]

    def __str__(self):
        return f"{self.get_level_display()} × {self.get_step_display()}"


class MethodStep(models.Model):
    """One step of running the method, dated in a plan by its day from the start."""

    method = models.ForeignKey(Method, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    day = models.PositiveSmallIntegerField(
        _("day"), help_text=_("Days from the start of the preparation (0: the first day).")
    )
    title = models.CharField(_("what to do"), max_length=200)
    who = models.CharField(_("who does it"), max_length=150)
    detail = models.TextField(_("how"), blank=True)

    class Meta:
        ordering = ["position", "day", "pk"]
        verbose_name = _("step of a method")
        verbose_name_plural = _("steps of a method")

    def __str__(self):
        return self.title


class MethodTemplate(models.Model):
    """A document to adapt and use (an invitation, a notice, a sign-in sheet, a minutes form),
    written as text and downloaded as an editable DOCX or a PDF."""

    method = models.ForeignKey(Method, on_delete=models.CASCADE, related_name="templates")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"),
        help_text=_(
            "One paragraph per line; a line starting with “# ” is a heading, “- ” a list item; "
            "[in brackets] what the user fills in."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("template")
        verbose_name_plural = _("templates")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.method.get_absolute_url()


class MethodVersion(models.Model):
    """The method as it was saved once: all its fields, places, steps and templates, as a
    snapshot that an edition of the book prints and staff compare or restore."""

    method = models.ForeignKey(Method, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    content = models.JSONField(_("content"))
    note = models.CharField(_("what changed"), max_length=250, blank=True)
    saved_by = done_by()
    saved_at = models.DateTimeField(_("saved at"), auto_now_add=True)

    class Meta:
        ordering = ["method", "-number"]
        verbose_name = _("version of a method")
        verbose_name_plural = _("versions of a method")
        constraints = [
            models.UniqueConstraint(fields=["method", "number"], name="method_version_once")
        ]

    def __str__(self):
        return f"{self.method} v{self.number}"
