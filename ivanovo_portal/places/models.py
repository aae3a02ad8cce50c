from django.db import models
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _


class BilingualName(models.Model):
    """A name kept in Bulgarian and English; the page's language picks which one shows."""

    name = models.CharField(_("name (Bulgarian)"), max_length=100, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return self.name_en if get_language() == "en" and self.name_en else self.name


class Settlement(BilingualName):
    class MayorKind(models.TextChoices):
        MUNICIPAL_MAYOR = "municipal_mayor", _("mayor of the municipality")
        MAYOR = "mayor", _("mayor (кмет)")
        DEPUTY_MAYOR = "deputy_mayor", _("deputy mayor (кметски наместник)")

    is_admin_centre = models.BooleanField(_("administrative centre"), default=False)
    mayor_kind = models.CharField(_("kind of mayor"), max_length=20, choices=MayorKind.choices)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )

    class Meta(BilingualName.Meta):
        verbose_name = _("settlement")
        verbose_name_plural = _("settlements")
        constraints = [
            models.UniqueConstraint(
                fields=["is_admin_centre"],
                condition=models.Q(is_admin_centre=True),
                name="one_administrative_centre",
            )
        ]


def place_name(settlement):
    """Where someone lives as pages show it: the settlement, or outside the municipality (None)."""
    if settlement is None:
        return gettext("outside the municipality")
    return settlement.display_name


class StakeholderGroup(BilingualName):
    class Meta(BilingualName.Meta):
        verbose_name = _("stakeholder group")
        verbose_name_plural = _("stakeholder groups")
