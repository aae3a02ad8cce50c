"""The facts of the project the portal serves, as the funding contract states them, and the
organisation's and the municipality's particulars that its letters print.

The particulars a deployment for another municipality or organisation changes are read from the
environment (see the README's configuration); the contract's facts are not.
"""

import os
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import models
from django.utils.translation import get_language
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
    conference: date
    # The names above as English pages show them: the title translated, the names transliterated
    # by the Transliteration Act as the settlements' are, their legal form translated.
    title_en: str
    beneficiary_en: str
    partner_en: str
    # The particulars on the letters to the municipality: from where and how to reach the
    # beneficiary, who signs (the project's manager), and to whom, where, with which salutation.
    beneficiary_address: str
    beneficiary_phone: str
    beneficiary_email: str
    signatory: str
    signatory_title: str
    mayor_title: str
    municipality_address: str
    mayor_salutation: str

    @property
    def display_title(self):
        return self._in_page_language("title")

    @property
    def display_beneficiary(self):
        return self._in_page_language("beneficiary")

    @property
    def display_partner(self):
        return self._in_page_language("partner")

    def _in_page_language(self, name):
        """The name on the pages: English on English pages; PDFs and letters to Bulgarian
        institutions print the official Bulgarian one."""
        return getattr(self, f"{name}_en") if get_language() == "en" else getattr(self, name)

    @property
    def eu_share(self):
        return round(self.budget_eu / self.budget_total * 100)

    @property
    def national_share(self):
        return 100 - self.eu_share


def _env(name, default):
    return os.environ.get(name, "").strip() or default


PROJECT = Project(
    number="BG05SFOP001-2.025-0007",
    title="За бъдещо развитие на община Иваново",
    beneficiary=_env("ORGANISATION_NAME", "Сдружение „Център Динамика“"),
    partner=_env("MUNICIPALITY_NAME", "Община Иваново"),
    # Translated, for the pages in English; PDFs print them in Bulgarian, as the contract has them.
    programme=_("Operational Programme “Good Governance”"),
    procedure="BG05SFOP001-2.025",
    fund=_("European Union, European Social Fund"),
    start=date(2022, 7, 26),
    end=date(2023, 7, 26),
    budget_total=Decimal("59875.20"),
    budget_eu=Decimal("50893.92"),
    budget_national=Decimal("8981.28"),
    conference=date(2023, 6, 21),
    title_en="For the Future Development of Ivanovo Municipality",
    beneficiary_en=_env("ORGANISATION_NAME_EN", "Tsentar Dinamika Association"),
    partner_en=_env("MUNICIPALITY_NAME_EN", "Ivanovo Municipality"),
    beneficiary_address=_env("ORGANISATION_ADDRESS", "гр. Русе"),
    beneficiary_phone=_env("ORGANISATION_PHONE", ""),
    beneficiary_email=_env("ORGANISATION_EMAIL", ""),
    signatory=_env("LETTER_SIGNATORY", "Деана Димова"),
    signatory_title=_env("LETTER_SIGNATORY_TITLE", "ръководител на проекта"),
    # "ДО Кмета на …": the form the letter's address line takes.
    mayor_title=_env("MAYOR_TITLE", "Кмета на Община Иваново"),
    municipality_address=_env(
        "MUNICIPALITY_ADDRESS", "ул. „Олимпийска“ № 75, 7088 с. Иваново, обл. Русе"
    ),
    mayor_salutation=_env("MAYOR_SALUTATION", "Уважаеми господин Кмет,"),
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

    @property
    def url_name(self):
        """The name of the URL of the activity's public area."""
        return f"{self.value}:index"
