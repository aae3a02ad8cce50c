from datetime import date

import pytest
from django.urls import reverse

from ivanovo_portal.project import Activity
from ivanovo_portal.recommendations import selectors, services
from ivanovo_portal.recommendations.models import Recommendation

from .helpers import approved, at_status, filed, write

pytestmark = pytest.mark.django_db
Status = Recommendation.Status
LIST = reverse("recommendations:list")


def page(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_public_list_shows_approved_recommendations_and_hides_drafts(client, staff):
    approved(staff, title="Публикувана препоръка")
    write(staff, title="Скрита чернова")

    html = page(client, LIST)

    assert "Публикувана препоръка" in html
    assert "Скрита чернова" not in html


def test_the_public_list_filters_by_activity(client, staff):
    approved(staff, title="От проучванията", activity=Activity.SURVEYS)
    approved(staff, title="От консултациите", activity=Activity.CONSULTATIONS)

    html = page(client, LIST, activity=Activity.CONSULTATIONS)

    assert "От консултациите" in html
    assert "От проучванията" not in html


def test_the_public_list_filters_by_status(client, staff):
    at_status(Status.ACCEPTED, staff, title="Приета препоръка")
    approved(staff, title="Одобрена препоръка")

    html = page(client, LIST, status=Status.ACCEPTED)

    assert "Приета препоръка" in html
    assert "Одобрена препоръка" not in html


def test_the_public_status_filter_offers_no_drafts(client):
    html = page(client, LIST)

    assert 'value="draft"' not in html
    assert 'value="approved"' in html


def test_the_settlement_filter_includes_recommendations_for_the_whole_municipality(
    client, staff, settlement, other_settlement
):
    approved(staff, title="За Красен", settlements=[settlement])
    approved(staff, title="За Мечка", settlements=[other_settlement])
    approved(staff, title="За цялата община")

    html = page(client, LIST, settlement=settlement.pk)

    assert "За Красен" in html
    assert "За цялата община" in html
    assert "За Мечка" not in html


def test_the_filter_form_has_labels_and_works_by_get(client):
    html = page(client, LIST)

    assert 'method="get"' in html
    for field in ("activity", "status", "settlement"):
        assert f'for="id_{field}"' in html


def test_the_public_list_sums_up_the_statuses(client, staff):
    approved(staff)
    approved(staff)
    write(staff)

    response = client.get(LIST)

    assert [(status, total) for status, _label, total in response.context["status_counts"]] == [
        (Status.APPROVED, 2)
    ]


def test_the_public_list_pages_keep_the_filters(client, staff):
    for number in range(21):
        approved(staff, title=f"Препоръка {number}", activity=Activity.MONITORING)

    html = page(client, LIST, activity=Activity.MONITORING)

    assert "activity=monitoring&amp;page=2" in html


def test_the_public_list_runs_a_bounded_number_of_queries(
    client, staff, settlement, django_assert_max_num_queries
):
    for number in range(20):
        at_status(Status.ACCEPTED, staff, title=f"Препоръка {number}", settlements=[settlement])

    with django_assert_max_num_queries(8):
        response = client.get(LIST)
    assert response.status_code == 200
    assert "Препоръка 19" in response.content.decode()


def test_the_manage_list_runs_a_bounded_number_of_queries(
    client, staff, settlement, django_assert_max_num_queries
):
    for number in range(25):
        write(staff, title=f"Препоръка {number}", settlements=[settlement])
    client.force_login(staff)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("recommendations:manage_list"))
    assert response.status_code == 200
    assert "Препоръка 24" in response.text


def test_a_draft_has_no_public_page(client, staff):
    draft = write(staff)

    assert client.get(reverse("recommendations:detail", args=[draft.pk])).status_code == 404


def test_staff_may_preview_a_draft(client, staff):
    draft = write(staff)
    client.force_login(staff)

    response = client.get(reverse("recommendations:detail", args=[draft.pk]))
    assert response.status_code == 200
    assert draft.title in response.text


def test_the_public_page_shows_the_text_rationale_and_status_in_words(client, staff, settlement):
    recommendation = approved(
        staff, settlements=[settlement], source_label="Кръгла маса в Иваново, 15.05.2023"
    )

    html = page(client, recommendation.get_absolute_url())

    assert recommendation.text in html
    assert recommendation.rationale in html
    assert "Кръгла маса в Иваново, 15.05.2023" in html
    assert "Красен" in html
    assert str(Status.APPROVED.label) in html


def test_the_public_page_shows_a_dated_timeline(client, staff, official):
    recommendation = at_status(Status.ACCEPTED, staff)
    services.record_progress(
        recommendation, progress=60, note="Приемни в Красен.", date=date(2023, 9, 1), user=official
    )

    html = page(client, recommendation.get_absolute_url())

    timeline = html[html.index('id="timeline-heading"') :]
    assert timeline.count("<time ") == 5
    assert '<time datetime="2023-05-25"' in timeline
    assert '<time datetime="2023-09-01"' in timeline
    assert "Приемни в Красен." in timeline
    assert '<progress id="progress-' in html
    assert 'value="60"' in html
    assert "60%" in html


def test_the_public_page_offers_the_letter_once_filed(
    client, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submission = filed(staff)
    recommendation = submission.recommendations.get()

    html = page(client, recommendation.get_absolute_url())

    assert "94-00-312" in html
    assert reverse("documents:download", args=[selectors.letter_of(submission).pk]) in html


def test_latest_public_leaves_out_drafts(staff):
    write(staff)
    shown = approved(staff)

    assert selectors.latest_public(limit=5) == [shown]
