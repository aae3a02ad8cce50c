"""Access-to-information requests: members log them and record what the municipality did, every
bad date or criterion is refused with nothing saved, overdue requests stand out in words, and the
answer's document reaches the public only once published."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from ivanovo_portal.accounts.roles import Role
from ivanovo_portal.audit.models import Entry
from ivanovo_portal.places.models import Settlement
from ivanovo_portal.refusals import Refused
from monitoring.models import InformationRequest, Round
from monitoring.services import requests as services
from tests.conftest import make_user
from tests.monitoring.conftest import build_framework
from tests.recommendations.helpers import PDF, checked_pdf

Answer = InformationRequest.Answer
Extension = InformationRequest.Extension
pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def log(round_, user, **fields):
    values = {
        "settlement": Settlement.objects.get(is_admin_centre=True),
        "subject": "Договори за сметосъбиране",
        "text": "Моля да ми предоставите договорите за сметосъбиране за 2026 г.",
        "channel": InformationRequest.Channel.EMAIL,
        "submitted_on": date(2026, 10, 6),
        "registry_number": "94-00-12",
        **fields,
    }
    return services.create_request(round_, user=user, **values)


@pytest.fixture
def info_request(round_, monitor):
    return log(round_, monitor)


def log_today(round_, user, **fields):
    """A request made today, whatever today is: the round's period runs on past it."""
    Round.objects.filter(pk=round_.pk).update(period_end=TODAY() + timedelta(days=30))
    return log(round_, user, submitted_on=TODAY(), **fields)


def refused(service, *args, **kwargs):
    with pytest.raises(Refused) as refusal:
        service(*args, **kwargs)
    return refusal.value


# Logging and correcting a request


def test_a_monitor_logs_a_request_with_the_criteria_it_is_evidence_for(round_, monitor):
    criteria = list(round_.version.areas.get(code="T").criteria.all())
    request = log(round_, monitor, criteria=criteria)
    assert request.made_by == monitor
    assert request.round == round_
    assert set(request.criteria.all()) == set(criteria)


def test_a_request_dated_in_the_future_is_refused(round_, monitor):
    refusal = refused(log, round_, monitor, submitted_on=TODAY() + timedelta(days=1))
    assert refusal.field == "submitted_on"
    assert not InformationRequest.objects.exists()


def test_a_request_after_the_rounds_period_is_refused(round_, monitor):
    Round.objects.filter(pk=round_.pk).update(period_end=date(2026, 10, 31))
    refusal = refused(log, round_, monitor, submitted_on=date(2026, 11, 2))
    assert refusal.field == "submitted_on"
    assert not InformationRequest.objects.exists()


def test_a_request_before_the_period_is_accepted(round_, monitor):
    assert log(round_, monitor, submitted_on=date(2026, 8, 20)).pk


def test_a_criterion_of_another_framework_version_is_refused(round_, monitor):
    other = build_framework(slug="other-framework")
    foreign = other.areas.get(code="T").criteria.first()
    refusal = refused(log, round_, monitor, criteria=[foreign])
    assert refusal.field == "criteria"
    assert not InformationRequest.objects.exists()


def test_someone_outside_the_round_cannot_log_a_request(round_):
    stranger = make_user("stranger", Role.NGO_MONITOR)
    refused(log, round_, stranger)
    assert not InformationRequest.objects.exists()


def test_a_published_rounds_requests_stay_as_they_are(round_, monitor, info_request):
    Round.objects.filter(pk=round_.pk).update(status=Round.Status.PUBLISHED)
    refused(log, round_, monitor)
    refused(services.record_clarification, info_request, user=monitor, clarified_on=TODAY())
    assert InformationRequest.objects.get().clarified_on is None


def test_a_request_cannot_move_after_its_clarification(round_, monitor, info_request):
    services.record_clarification(info_request, user=monitor, clarified_on=date(2026, 10, 9))
    refusal = refused(
        services.update_request,
        info_request,
        user=monitor,
        settlement=info_request.settlement,
        subject="Друга тема",
        text=info_request.text,
        channel=info_request.channel,
        submitted_on=date(2026, 10, 12),
    )
    assert refusal.field == "submitted_on"
    assert InformationRequest.objects.get().subject == "Договори за сметосъбиране"


# Clarification, extension and answer


def test_a_clarification_before_the_request_is_refused(monitor, info_request):
    refusal = refused(
        services.record_clarification, info_request, user=monitor, clarified_on=date(2026, 10, 5)
    )
    assert refusal.field == "clarified_on"
    assert InformationRequest.objects.get().clarified_on is None


def test_an_extension_needs_its_ground_and_the_day_it_was_notified(monitor, info_request):
    refusal = refused(
        services.record_extension,
        info_request,
        user=monitor,
        extension=Extension.VOLUME,
        extension_notified_on=None,
    )
    assert refusal.field == "extension_notified_on"
    refusal = refused(
        services.record_extension,
        info_request,
        user=monitor,
        extension="",
        extension_notified_on=date(2026, 10, 15),
    )
    assert refusal.field == "extension"
    assert InformationRequest.objects.get().extension_notified_on is None


def test_a_notified_extension_moves_the_deadline_on_the_page(
    client, monitor, round_, info_request, english
):
    services.record_extension(
        info_request,
        user=monitor,
        extension=Extension.THIRD_PARTY,
        extension_notified_on=date(2026, 10, 15),
    )
    client.force_login(monitor)
    page = client.get(reverse("monitoring:request_edit", args=[round_.slug, info_request.pk]))
    assert page.context["row"].deadline == date(2026, 11, 3)
    assert "03.11.2026" in page.text


def test_an_answer_dated_before_the_request_is_refused_and_keeps_no_file(monitor, info_request):
    refusal = refused(
        services.record_answer,
        info_request,
        user=monitor,
        answer=Answer.FULL,
        answered_on=date(2026, 10, 1),
        answer_file=checked_pdf(),
    )
    assert refusal.field == "answered_on"
    saved = InformationRequest.objects.get()
    assert (saved.answer, saved.answer_file.name, saved.answer_sha256) == ("", "", "")
    assert not Entry.objects.filter(action="monitoring.request_answer_recorded").exists()


def test_an_answer_needs_its_date(monitor, info_request):
    refusal = refused(services.record_answer, info_request, user=monitor, answer=Answer.FULL)
    assert refusal.field == "answered_on"


def test_no_answer_is_recorded_only_after_the_deadline(round_, monitor):
    pending = log_today(round_, monitor)
    refusal = refused(services.record_answer, pending, user=monitor, answer=Answer.NONE)
    assert refusal.field == "answer"
    assert InformationRequest.objects.get().answer == Answer.PENDING


def test_a_request_left_without_an_answer_has_no_answer_date(monitor, info_request):
    refusal = refused(
        services.record_answer,
        info_request,
        user=monitor,
        answer=Answer.NONE,
        answered_on=date(2026, 11, 2),
    )
    assert refusal.field == "answered_on"
    services.record_answer(info_request, user=monitor, answer=Answer.NONE)
    assert InformationRequest.objects.get().answer == Answer.NONE


def test_the_answer_is_kept_with_its_checksum_and_recorded_in_the_history(monitor, info_request):
    document = checked_pdf()
    services.record_answer(
        info_request,
        user=monitor,
        answer=Answer.PARTIAL,
        answered_on=date(2026, 10, 19),
        answer_summary="Предоставени са два от трите договора.",
        answer_file=document,
    )
    saved = InformationRequest.objects.get()
    assert saved.answer == Answer.PARTIAL
    assert saved.answer_sha256 == document.sha256
    assert saved.answer_file.read() == PDF
    assert "Договор" not in saved.answer_file.name  # a random name, never the sender's
    entry = Entry.objects.get(action="monitoring.request_answer_recorded")
    assert entry.actor == monitor
    assert entry.changes["answer_sha256"] == ["", document.sha256]
    assert entry.changes["answered_on"] == ["", "19.10.2026"]


def test_only_the_coordinator_makes_the_answer_public(monitor, staff, info_request):
    answer = {"answer": Answer.FULL, "answered_on": date(2026, 10, 19)}
    refusal = refused(
        services.record_answer, info_request, user=monitor, answer_is_public=True, **answer
    )
    assert refusal.field == "answer_is_public"
    assert not InformationRequest.objects.get().answer_is_public
    services.record_answer(info_request, user=staff, answer_is_public=True, **answer)
    assert InformationRequest.objects.get().answer_is_public


# The pages


def page(client, user, name, *args, **data):
    if user is not None:
        client.force_login(user)
    url = reverse(f"monitoring:{name}", args=args)
    return client.post(url, data) if data else client.get(url)


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("monitor", 200),
        ("monitor2", 200),
        ("staff", 200),
        ("stranger", 403),
        ("official", 403),
        ("resident", 403),
        ("outsider", 403),
    ],
)
def test_who_sees_the_requests_pages(
    client, request, round_, info_request, official, resident, outsider, persona, status
):
    if persona == "stranger":
        user = make_user("stranger", Role.NGO_MONITOR)
    else:
        user = request.getfixturevalue(persona)
    client.force_login(user)
    for name, args in [
        ("request_list", [round_.slug]),
        ("request_create", [round_.slug]),
        ("request_edit", [round_.slug, info_request.pk]),
    ]:
        assert client.get(reverse(f"monitoring:{name}", args=args)).status_code == status, name


def test_visitors_are_sent_to_log_in(client, round_, info_request):
    for name, args in [
        ("request_list", [round_.slug]),
        ("request_create", [round_.slug]),
        ("request_edit", [round_.slug, info_request.pk]),
        ("request_answer_file", [round_.slug, info_request.pk]),
    ]:
        response = client.get(reverse(f"monitoring:{name}", args=args))
        assert response.status_code == 302 and "/accounts/login/" in response.url, name


def request_data(round_, **fields):
    return {
        "settlement": Settlement.objects.get(is_admin_centre=True).pk,
        "subject": "Бюджет на кметствата",
        "text": "Моля за бюджетите на кметствата за 2026 г.",
        "channel": InformationRequest.Channel.REGISTRY,
        "submitted_on": "2026-10-06",
        "registry_number": "94-00-15",
        "criteria": [round_.version.areas.get(code="T").criteria.first().pk],
        **fields,
    }


def test_a_monitor_logs_a_request_on_the_page(client, round_, monitor2):
    response = page(client, monitor2, "request_create", round_.slug, **request_data(round_))
    created = InformationRequest.objects.get()
    assert response.url == reverse("monitoring:request_edit", args=[round_.slug, created.pk])
    assert created.made_by == monitor2 and created.registry_number == "94-00-15"
    assert [c.code for c in created.criteria.all()] == ["T1"]


def test_a_refused_request_keeps_what_was_typed_and_saves_nothing(client, round_, monitor, english):
    future = (TODAY() + timedelta(days=2)).isoformat()
    data = request_data(round_, submitted_on=future)
    response = page(client, monitor, "request_create", round_.slug, **data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["submitted_on"] == ["The date cannot be in the future."]
    assert 'value="Бюджет на кметствата"' in response.text
    assert not InformationRequest.objects.exists()


def test_an_answer_of_the_wrong_type_is_refused_by_its_field(client, round_, monitor, info_request):
    url = reverse("monitoring:request_edit", args=[round_.slug, info_request.pk])
    client.force_login(monitor)
    response = client.post(
        url,
        {
            "form": "answer",
            "answer": Answer.FULL,
            "answered_on": "2026-10-19",
            "answer_file": SimpleUploadedFile("answer.pdf", b"MZ\x90\x00" + bytes(100)),
        },
    )
    assert response.status_code == 200
    assert "answer_file" in response.context["forms"]["answer"].errors
    assert InformationRequest.objects.get().answer == Answer.PENDING


def test_a_member_records_the_answer_with_its_document_on_the_page(
    client, round_, monitor, info_request
):
    url = reverse("monitoring:request_edit", args=[round_.slug, info_request.pk])
    client.force_login(monitor)
    response = client.post(
        url,
        {
            "form": "answer",
            "answer": Answer.REFUSAL,
            "answered_on": "2026-10-19",
            "answer_summary": "Отказ поради засягане на трето лице.",
            "answer_file": SimpleUploadedFile("answer.pdf", PDF),
        },
    )
    assert response.url == url
    saved = InformationRequest.objects.get()
    assert saved.answer == Answer.REFUSAL and saved.answer_sha256
    download = client.get(reverse("monitoring:request_answer_file", args=[round_.slug, saved.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF


def test_the_publish_box_is_only_on_the_coordinators_answer_form(
    client, round_, monitor, staff, info_request
):
    forms = page(client, monitor, "request_edit", round_.slug, info_request.pk).context["forms"]
    assert "answer_is_public" not in forms["answer"].fields
    forms = page(client, staff, "request_edit", round_.slug, info_request.pk).context["forms"]
    assert "answer_is_public" in forms["answer"].fields


def test_an_unknown_form_is_a_bad_request(client, round_, monitor, info_request):
    response = page(client, monitor, "request_edit", round_.slug, info_request.pk, form="other")
    assert response.status_code == 400


def answered(info_request, user, *, public):
    services.record_answer(
        info_request,
        user=user,
        answer=Answer.FULL,
        answered_on=date(2026, 10, 19),
        answer_file=checked_pdf(),
        answer_is_public=public,
    )


@pytest.mark.parametrize(("public", "status"), [(True, 200), (False, 403)])
def test_the_public_gets_the_answer_only_when_published_and_public(
    client, round_, staff, info_request, outsider, public, status
):
    answered(info_request, staff, public=public)
    url = reverse("monitoring:request_answer_file", args=[round_.slug, info_request.pk])
    client.force_login(outsider)
    assert client.get(url).status_code == 403  # not yet published
    Round.objects.filter(pk=round_.pk).update(status=Round.Status.PUBLISHED)
    assert client.get(url).status_code == status
    client.logout()
    assert client.get(url).status_code == (200 if public else 302)


def test_members_get_the_answer_before_publication(client, round_, staff, monitor2, info_request):
    answered(info_request, staff, public=False)
    url = reverse("monitoring:request_answer_file", args=[round_.slug, info_request.pk])
    client.force_login(monitor2)
    assert client.get(url).status_code == 200


def test_a_request_without_a_document_has_nothing_to_download(
    client, round_, monitor, info_request
):
    url = reverse("monitoring:request_answer_file", args=[round_.slug, info_request.pk])
    client.force_login(monitor)
    assert client.get(url).status_code == 404


# Overdue requests


def test_an_overdue_request_stands_out_in_words(client, round_, monitor, info_request, english):
    log_today(round_, monitor, subject="Навременна")
    client.force_login(monitor)
    response = client.get(reverse("monitoring:request_list", args=[round_.slug]))
    overdue, on_time = (
        response.text.split(f'id="request-{pk}"')[1].split("</article>")[0]
        for pk in (info_request.pk, InformationRequest.objects.get(subject="Навременна").pk)
    )
    assert "Overdue" in overdue and "with no answer recorded" in overdue
    assert "Overdue" not in on_time
    assert "days left" in on_time or "day left" in on_time or "deadline is" in on_time
    assert "1 request is past its deadline with no answer recorded." in response.text


def test_an_answered_request_is_not_overdue_on_the_list(
    client, round_, monitor, info_request, english
):
    services.record_answer(
        info_request, user=monitor, answer=Answer.FULL, answered_on=date(2026, 10, 19)
    )
    client.force_login(monitor)
    response = client.get(reverse("monitoring:request_list", args=[round_.slug]))
    assert "Overdue" not in response.text
    assert "full access, 19.10.2026" in response.text


def test_the_list_takes_as_many_queries_for_many_requests_as_for_one(
    client, round_, monitor, django_assert_max_num_queries
):
    criteria = list(round_.version.areas.get(code="T").criteria.all())
    log(round_, monitor, criteria=criteria)
    client.force_login(monitor)
    url = reverse("monitoring:request_list", args=[round_.slug])
    with django_assert_max_num_queries(12) as one:
        client.get(url)
    for number in range(8):
        log(round_, monitor, subject=f"Заявление {number}", criteria=criteria)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(url)


def overdue_items(client, user):
    client.force_login(user)
    with translation.override("en"):
        response = client.get(reverse("accounts:awaiting"))
    sections = {key: items for key, _section, items in response.context["sections"]}
    return sections.get("monitoring_requests_overdue")


def test_coordinators_find_the_overdue_requests_awaiting_them(
    client, round_, staff, monitor, info_request
):
    log_today(round_, monitor, subject="Навременна")
    [item] = overdue_items(client, staff)
    assert item.title == info_request.subject
    assert item.due == date(2026, 10, 20) and item.overdue
    with translation.override("en"):
        assert item.url == reverse("monitoring:request_edit", args=[round_.slug, info_request.pk])


def test_a_request_recorded_as_unanswered_no_longer_awaits(client, round_, staff, info_request):
    services.record_answer(info_request, user=staff, answer=Answer.NONE)
    assert overdue_items(client, staff) == []


def test_monitors_and_officials_have_no_overdue_section(client, monitor, official, info_request):
    assert overdue_items(client, monitor) is None
    assert overdue_items(client, official) is None


def test_an_extension_longer_than_the_law_allows_is_refused(round_, centre, monitor, english):
    request = InformationRequest.objects.create(
        round=round_,
        settlement=centre,
        subject="Договори",
        text="Моля, предоставете договорите.",
        channel=InformationRequest.Channel.EMAIL,
        submitted_on=round_.period_start,
    )
    with pytest.raises(Refused, match="1 to 10 days") as refused:
        services.record_extension(
            request,
            user=monitor,
            extension=InformationRequest.Extension.VOLUME,
            extension_notified_on=round_.period_start,
            extension_days=12,
        )

    assert refused.value.field == "extension_days"
    request.refresh_from_db()
    assert (request.extension, request.extension_days) == ("", None)
