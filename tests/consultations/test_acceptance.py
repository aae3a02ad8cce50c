"""Issue 11's acceptance for consultations, through the pages: a commenter comments on a section
on a phone and confirms by the e-mailed link; staff moderate; once the period has closed the
справка PDF lists the proposal with its decision; the report's recommendation is in the
register."""

import re
from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from consultations.models import Comment
from consultations.statement_pdf import STATEMENT_KIND
from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.places.models import Settlement, StakeholderGroup
from ivanovo_portal.recommendations.models import Recommendation

PHONE = {"HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 14; Pixel 7) Mobile"}
PROPOSAL = "Часовете за тишина да започват от 23 часа в петък и събота."
RECOMMENDATION = "Тишина от 23 часа в края на седмицата"


def test_from_a_comment_on_a_phone_to_the_spravka_and_the_register(
    client, django_capture_on_commit_callbacks, consultation, staff, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    assert client.get(consultation.get_absolute_url(), **PHONE).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            reverse("consultations:comment", args=[consultation.slug]) + "?section=chl-2",
            {
                "text": PROPOSAL,
                "author_name": "Мария Иванова",
                "settlement": Settlement.objects.get(slug="pirgovo").pk,
                "group": StakeholderGroup.objects.get(slug="citizens").pk,
                "email": "maria@example.org",
                "consent": "on",
            },
            **PHONE,
        )
    assert sent.status_code == 302
    comment = Comment.objects.get()
    assert comment.section.key == "chl-2" and comment.status == Comment.Status.UNCONFIRMED
    assert PROPOSAL not in client.get(consultation.get_absolute_url()).content.decode()

    link = re.search(r"https?://\S+/comments/confirm/\S+/", mail.outbox[-1].body).group(0)
    assert client.post("/" + link.split("://", 1)[1].split("/", 1)[1]).status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING

    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        moderated = client.post(
            reverse("consultations:moderate", args=[comment.pk]), {"action": "publish"}
        )
    assert moderated.status_code == 302
    client.logout()
    assert PROPOSAL in client.get(consultation.get_absolute_url()).content.decode()

    # The period closes; staff decide and publish the справка.
    today = timezone.localdate()
    consultation.opens_on, consultation.closes_on = today - timedelta(40), today - timedelta(5)
    consultation.save()
    client.force_login(staff)
    decided = client.post(
        reverse("consultations:decide", args=[comment.pk]),
        {"decision": Comment.Decision.PARTLY, "reason": "Приема се за събота."},
    )
    assert decided.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("consultations:statement_publish", args=[consultation.slug]))
    consultation.refresh_from_db()
    assert consultation.statement_published_at is not None
    document = GeneratedDocument.objects.get(kind=STATEMENT_KIND, object_id=consultation.pk)
    with document.file.open("rb") as pdf:
        text = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    assert "Часовете за тишина" in text and "Приема се за събота." in text

    # A report on the whole consultation, its recommendation in the register.
    client.post(
        reverse("consultations:manage_report_create", args=[consultation.slug]),
        {"title": "Доклад от обществената консултация", "conclusions": "Предложенията се приемат."},
    )
    report = consultation.reports.get()
    client.post(
        reverse("consultations:report_recommendation_list", args=[consultation.slug, report.slug]),
        {
            "title": RECOMMENDATION,
            "text": "Общината да промени чл. 2 на наредбата.",
            "rationale": "Предложение от консултацията.",
        },
    )
    recommendation = Recommendation.objects.get(title=RECOMMENDATION)
    assert recommendation.source == report
