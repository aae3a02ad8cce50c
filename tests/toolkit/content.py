"""A method's content in the toolkit's format (``toolkit.content``), for the staff tests: enums
and tuples as the content modules write them."""

from toolkit.code import Level, Step
from toolkit.models.methods import Audience, Cost, Facilitation, Fit, Literacy


def method_content(slug="village-meeting", **changes):
    return {
        "slug": slug,
        "name": "Събрание в селото",
        "summary": "Жителите на селото обсъждат с кмета едно решение.",
        "placements": [
            (Level.DIALOGUE, Step.DRAFTING),
            (Level.CONSULTATION, Step.AGENDA),
        ],
        "purpose": "Да чуем жителите.",
        "when_to_use": "Когато решението засяга селото.",
        "when_not": "Когато решението е взето.",
        "time_needed": "3 седмици",
        "weeks": 3,
        "cost": Cost.LOW,
        "cost_note": "Зала и покани.",
        "group_min": 10,
        "group_max": None,
        "facilitation": Facilitation.SOME,
        "offline": True,
        "paper": True,
        "online": False,
        "elderly": Fit.WELL,
        "literacy": Literacy.LOW,
        "audiences": [Audience.ELDERLY, Audience.VILLAGERS],
        "venue": "Зала без стъпала.",
        "legal_basis": "",
        "risks": "Малко хора.",
        "tips": "Поканете лично.",
        "sources": "- [Кодекс](https://rm.coe.int/)",
        "steps": [
            {"day": 0, "title": "Поканете жителите", "who": "Кметът", "detail": "Обява."},
            {"day": 14, "title": "Проведете събранието", "who": "Кметът", "detail": ""},
        ],
        "templates": [{"title": "Покана", "body": "# Покана\nЗаповядайте на [дата]."}],
        **changes,
    }


def save(content, *, user, method=None, note="Бележка"):
    """``save_method`` with ``content`` split as the service takes it."""
    from toolkit.services.methods import save_method

    parts = ("placements", "steps", "templates")
    return save_method(
        method,
        fields={name: value for name, value in content.items() if name not in parts},
        placements=content["placements"],
        steps=content["steps"],
        templates=content["templates"],
        user=user,
        note=note,
    )
