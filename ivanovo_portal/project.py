"""The facts of the project the portal serves, as the funding contract states them."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Project:
    number: str
    title: str
    beneficiary: str
    partner: str
    programme: str
    procedure: str
    fund: str
    start: date
    end: date
    budget_total: Decimal
    budget_eu: Decimal
    budget_national: Decimal
    manager: str
    manager_title: str
    municipality: str
    mayor_title: str

    @property
    def eu_share(self):
        return round(self.budget_eu / self.budget_total * 100)

    @property
    def national_share(self):
        return 100 - self.eu_share


PROJECT = Project(
    number="BG05SFOP001-2.025-0007",
    title="За бъдещо развитие на община Иваново",
    beneficiary="Сдружение „Център Динамика“",
    partner="Община Иваново",
    # Translated, for the pages in English; PDFs print them in Bulgarian, as the contract has them.
    programme=_("Operational Programme “Good Governance”"),
    procedure="BG05SFOP001-2.025",
    fund=_("European Union, European Social Fund"),
    start=date(2022, 7, 26),
    end=date(2023, 7, 26),
    budget_total=Decimal("59875.20"),
    budget_eu=Decimal("50893.92"),
    budget_national=Decimal("8981.28"),
    manager="Деана Димова",
    manager_title="ръководител на проекта",
    municipality="Община Иваново",
    mayor_title="Кмета на Община Иваново",
)


class Activity(models.TextChoices):
    """The project's five activities; each has an app and a public area of the portal."""

    SURVEYS = "surveys", _("Surveys and analyses")
    MONITORING = "monitoring", _("Civic monitoring")
    TOOLKIT = "toolkit", _("Participation toolkit")
    CONSULTATIONS = "consultations", _("Public consultations")
    CAMPAIGN = "campaign", _("Information campaign")

    @property
    def number(self):
        return list(Activity).index(self) + 1
