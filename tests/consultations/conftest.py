"""A published consultation open for comment, its draft in three sections, shared by the
consultations tests."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consultations.models import Consultation, Section, Version


def build_consultation(*, slug="naredba-za-reda", days_open=30, opened_days_ago=5, **fields):
    today = timezone.localdate()
    opens = today - timedelta(days=opened_days_ago)
    consultation = Consultation.objects.create(
        **{
            "title": "Проект на Наредба за обществения ред в община Иваново",
            "slug": slug,
            "kind": Consultation.Kind.ORDINANCE,
            "summary": "Наредбата урежда реда на обществени места в населените места.",
            "motives": "Мотиви към проекта.",
            "impact_assessment": "Частична предварителна оценка на въздействието.",
            "opens_on": opens,
            "closes_on": opens + timedelta(days=days_open),
            "status": Consultation.Status.PUBLISHED,
            "published_at": timezone.now(),
            **fields,
        }
    )
    version = Version.objects.create(consultation=consultation, number=1, kind=Version.Kind.DRAFT)
    for position, (key, number, heading, text) in enumerate(
        [
            ("chl-1", "Чл. 1", "Предмет", "Наредбата урежда обществения ред."),
            ("chl-2", "Чл. 2", "Шум", "Забранява се шум между 22 и 6 часа."),
            ("chl-3", "Чл. 3", "Санкции", "Нарушенията се наказват с глоба."),
        ]
    ):
        Section.objects.create(
            version=version,
            key=key,
            number=number,
            heading=heading,
            text=text,
            position=position,
        )
    return consultation


@pytest.fixture
def consultation(db):
    return build_consultation()
