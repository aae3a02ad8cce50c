"""Ivanovo municipality as the migrations load it: its 13 settlements and the stakeholder groups."""

import pytest
from django.utils import translation

from ivanovo_portal.places.models import Settlement, StakeholderGroup

pytestmark = pytest.mark.django_db
MayorKind = Settlement.MayorKind

# The names are DESIGN §6's. The mayor of the municipality sits in the centre; the six villages
# that are mayoralties (кметства) elect a mayor, the others have a deputy mayor appointed by the
# mayor of the municipality (кметски наместник).
SETTLEMENTS = {
    "Иваново": ("Ivanovo", MayorKind.MUNICIPAL_MAYOR),
    "Божичен": ("Bozhichen", MayorKind.DEPUTY_MAYOR),
    "Кошов": ("Koshov", MayorKind.DEPUTY_MAYOR),
    "Красен": ("Krasen", MayorKind.MAYOR),
    "Мечка": ("Mechka", MayorKind.MAYOR),
    "Нисово": ("Nisovo", MayorKind.DEPUTY_MAYOR),
    "Пиргово": ("Pirgovo", MayorKind.MAYOR),
    "Сваленик": ("Svalenik", MayorKind.MAYOR),
    "Табачка": ("Tabachka", MayorKind.DEPUTY_MAYOR),
    "Тръстеник": ("Trastenik", MayorKind.MAYOR),
    "Церовец": ("Tserovets", MayorKind.DEPUTY_MAYOR),
    "Червен": ("Cherven", MayorKind.DEPUTY_MAYOR),
    "Щръклево": ("Shtraklevo", MayorKind.MAYOR),
}

STAKEHOLDER_GROUPS = {
    "Граждани": "Citizens",
    "Неправителствени организации": "Non-governmental organisations",
    "Бизнес": "Businesses",
    "Медии": "Media",
    "Служители на общинската администрация": "Municipal staff",
    "Кметове и кметски наместници": "Mayors and deputy mayors",
}


def test_the_municipality_has_exactly_its_13_settlements_in_both_languages():
    names = {
        settlement.name: (settlement.name_en, settlement.mayor_kind)
        for settlement in Settlement.objects.all()
    }

    assert names == SETTLEMENTS


def test_ivanovo_is_the_only_administrative_centre_and_comes_first():
    assert list(Settlement.objects.filter(is_admin_centre=True).values_list("name", flat=True)) == [
        "Иваново"
    ]
    assert Settlement.objects.first().name == "Иваново"


def test_every_village_has_a_mayor_or_a_deputy_mayor():
    villages = Settlement.objects.filter(is_admin_centre=False)

    assert villages.count() == 12
    assert set(villages.values_list("mayor_kind", flat=True)) == {
        MayorKind.MAYOR,
        MayorKind.DEPUTY_MAYOR,
    }


def test_the_stakeholder_groups_are_loaded_in_both_languages():
    groups = dict(StakeholderGroup.objects.values_list("name", "name_en"))

    assert groups == STAKEHOLDER_GROUPS


def test_names_follow_the_language_of_the_page():
    krasen = Settlement.objects.get(slug="krasen")
    with translation.override("en"):
        assert str(krasen) == "Krasen"
    with translation.override("bg"):
        assert str(krasen) == "Красен"
