"""A consultation: a municipal document opened for comment (ЗНА чл. 26) with its motives and
impact assessment, in versions made of sections, with its annexes and its meetings in the
settlements."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.fields import done_at, done_by
from ivanovo_portal.meetings.models import Meeting

# ЗНА чл. 26, ал. 4: at least 30 days for comments; 14 only with reasons stated.
USUAL_DAYS = 30
SHORTEST_DAYS = 14


class ConsultationQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status=Consultation.Status.PUBLISHED)


class Consultation(models.Model):
    class Kind(models.TextChoices):
        PLAN = "plan", _("development plan")
        ORDINANCE = "ordinance", _("ordinance")
        PROGRAMME = "programme", _("programme")
        BUDGET = "budget", _("budget")
        OTHER = "other", _("other document")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    kind = models.CharField(_("kind of document"), max_length=10, choices=Kind.choices)
    summary = models.TextField(
        _("summary"), help_text=_("What the document changes, in plain words.")
    )
    motives = models.TextField(_("motives"), blank=True)
    impact_assessment = models.TextField(_("preliminary impact assessment"), blank=True)
    opens_on = models.DateField(_("comments open"))
    closes_on = models.DateField(_("comments close"))
    short_period_reason = models.TextField(
        _("why the period is shorter than 30 days"),
        blank=True,
        help_text=_("Shown to the public; required for a period under 30 days (never under 14)."),
    )
    allows_anonymous = models.BooleanField(
        _("anonymous comments allowed"),
        default=False,
        help_text=_("Then a commenter may appear as “anonymous citizen”."),
    )
    officials_decide = models.BooleanField(
        _("officials answer in the справка"),
        default=False,
        help_text=_("The municipality's officials may record the decision on each proposal."),
    )
    statement_due_on = models.DateField(
        _("справка due"), null=True, blank=True, help_text=_("When the справка must be public.")
    )
    statement_published_at = done_at(_("справка published at"))
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = done_at(_("published at"))
    meetings = models.ManyToManyField(
        Meeting,
        through="ConsultationMeeting",
        related_name="consultations",
        blank=True,
        verbose_name=_("meetings"),
    )
    created_by = done_by()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        permissions = [("moderate_comment", "Can moderate comments and record decisions")]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gt=models.F("opens_on")), name="consultation_period_in_order"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("consultations:detail", args=[self.slug])

    def is_public(self):
        return self.status == self.Status.PUBLISHED


class Version(models.Model):
    """The draft, its revisions and the text adopted; each made of sections."""

    class Kind(models.TextChoices):
        DRAFT = "draft", _("draft")
        REVISION = "revision", _("revision")
        ADOPTED = "adopted", _("adopted text")

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    changelog = models.TextField(_("what changed"), blank=True)
    created_by = done_by()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["consultation", "number"]
        verbose_name = _("version of the document")
        verbose_name_plural = _("versions of the document")
        constraints = [
            models.UniqueConstraint(fields=["consultation", "number"], name="version_once")
        ]

    def __str__(self):
        return f"{self.consultation}, {self.get_kind_display()} {self.number}"


class Section(models.Model):
    """A section or article of a version. ``key`` stays the same for the same section across
    versions, so that two versions can be compared section by section."""

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="sections")
    key = models.SlugField(_("key"), max_length=40)
    number = models.CharField(_("number"), max_length=30, blank=True, help_text=_("E.g. “Чл. 3”."))
    heading = models.CharField(_("heading"), max_length=250)
    text = models.TextField(_("text"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["version", "position", "pk"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="section_key_once_per_version")
        ]

    def __str__(self):
        return f"{self.number} {self.heading}".strip()


class Annex(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="annexes")
    title = models.CharField(_("title"), max_length=250)
    file = models.FileField(_("file"), upload_to="consultations/annexes/")
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("media type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    added_by = done_by(_("added by"))
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name = _("annex")
        verbose_name_plural = _("annexes")

    def __str__(self):
        return self.title


class ConsultationMeeting(models.Model):
    """A meeting of the consultation in a settlement, with its minutes once it is held."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="consultation_meetings"
    )
    meeting = models.OneToOneField(
        Meeting, on_delete=models.PROTECT, related_name="consultation_meeting"
    )
    agenda = models.TextField(_("agenda"), blank=True)
    discussion = models.TextField(_("the discussion"), blank=True)
    minutes_published_at = done_at(_("minutes published at"))

    class Meta:
        ordering = ["meeting__starts_at", "pk"]
        verbose_name = _("meeting of a consultation")
        verbose_name_plural = _("meetings of a consultation")

    def __str__(self):
        return str(self.meeting)


class MinutesPhoto(models.Model):
    consultation_meeting = models.ForeignKey(
        ConsultationMeeting, on_delete=models.CASCADE, related_name="photos"
    )
    file = models.ImageField(_("photo"), upload_to="consultations/photos/")
    alt = models.CharField(_("what the photo shows"), max_length=250)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    added_by = done_by(_("added by"))
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name = _("photo of a meeting")
        verbose_name_plural = _("photos of a meeting")

    def __str__(self):
        return self.alt


class ConsultationReport(models.Model):
    """A report on one meeting or on the whole consultation, with recommendations."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="reports")
    meeting = models.ForeignKey(
        ConsultationMeeting,
        on_delete=models.PROTECT,
        related_name="reports",
        null=True,
        blank=True,
        verbose_name=_("meeting"),
        help_text=_("Empty for a report on the whole consultation."),
    )
    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    summary = models.TextField(_("summary"), blank=True)
    conclusions = models.TextField(_("conclusions"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = done_at(_("published at"))
    created_by = done_by()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    recommendations = GenericRelation(
        "recommendations.Recommendation",
        content_type_field="source_type",
        object_id_field="source_id",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("consultation report")
        verbose_name_plural = _("consultation reports")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("consultations:report", args=[self.slug])

    def is_public(self):
        return self.status == self.Status.PUBLISHED
