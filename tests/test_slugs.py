"""Addresses made from Bulgarian titles by the Transliteration Act."""

import pytest

from ivanovo_portal.places.models import Settlement
from ivanovo_portal.slugs import transliterate, unique_slug


@pytest.mark.parametrize(
    ("bulgarian", "latin"),
    [
        ("Щръклево", "Shtraklevo"),
        ("Церовец", "Tserovets"),
        ("Жители и бизнес", "Zhiteli i biznes"),
        ("Юли, Явор, Хасково, Йовково", "Yuli, Yavor, Haskovo, Yovkovo"),
        ("Съвет", "Savet"),
        ("София и Мизия", "Sofia i Mizia"),
        ("Биякс", "Biyaks"),
    ],
)
def test_bulgarian_is_written_in_latin_letters_as_the_transliteration_act_has_it(bulgarian, latin):
    assert transliterate(bulgarian) == latin


@pytest.mark.django_db
def test_an_address_taken_or_reserved_gets_the_next_number():
    Settlement.objects.create(name="Иваново 2", name_en="Ivanovo 2", slug="ivanovo-2")

    assert unique_slug("Иваново", Settlement.objects) == "ivanovo-3"
    assert unique_slug("Иваново", Settlement.objects.exclude(slug="ivanovo")) == "ivanovo"
    assert unique_slug("Нови", Settlement.objects, reserved={"novi"}) == "novi-2"
    assert unique_slug("!!!", Settlement.objects, fallback="place") == "place"
