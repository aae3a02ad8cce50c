"""A recommendation's public page links the analysis report it comes from, once that is public."""

import pytest

from ivanovo_portal.recommendations import services as register
from surveys.models import AnalysisReport

pytestmark = pytest.mark.django_db


def recommendation_from(report, staff):
    recommendation = register.create_recommendation(
        user=staff,
        title="Обявления в кметствата",
        text="Обявленията да се поставят и в кметствата.",
        rationale="Възрастните жители не ползват интернет.",
        source=report,
    )
    return register.approve(recommendation, user=staff)


def test_the_source_report_is_linked_once_published(client, staff):
    report = AnalysisReport.objects.create(title="Мненията на гражданите", slug="mneniya")
    recommendation = recommendation_from(report, staff)
    AnalysisReport.objects.filter(pk=report.pk).update(status=AnalysisReport.Status.PUBLISHED)

    html = client.get(recommendation.get_absolute_url()).content.decode()

    assert f'<a href="{report.get_absolute_url()}">Мненията на гражданите</a>' in html


def test_a_draft_report_is_named_but_not_linked(client, staff):
    report = AnalysisReport.objects.create(title="Чернова на анализ", slug="chernova")

    html = client.get(recommendation_from(report, staff).get_absolute_url()).content.decode()

    assert "Чернова на анализ" in html
    assert report.get_absolute_url() not in html
