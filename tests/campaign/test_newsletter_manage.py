"""Staff's newsletter screens: who may open each, composing with the recipients counted before
saving, the preview as a subscriber sees it, sending from the issue's page, and the report of what
was sent, bounced or failed — its list read in a bounded number of queries."""

import pytest
from django.urls import reverse
from django.utils import timezone

from campaign.models import Delivery, NewsletterIssue
from campaign.newsletter import issues
from ivanovo_portal.places.models import Settlement

from .test_newsletter_sending import draft, subscriber

pytestmark = pytest.mark.django_db
PERSONAS = ["staff", "official", "resident", "anonymous"]


@pytest.fixture(autouse=True)
def quick_rate(settings):
    settings.NEWSLETTER_RATE = 1000


def _screens(issue):
    return {
        "list": ("get", reverse("campaign:manage_newsletter")),
        "add": ("get", reverse("campaign:manage_newsletter_add")),
        "issue": ("get", reverse("campaign:manage_newsletter_issue", args=[issue.pk])),
        "edit": ("get", reverse("campaign:manage_newsletter_edit", args=[issue.pk])),
        "preview": ("get", reverse("campaign:manage_newsletter_preview", args=[issue.pk])),
        "send": ("post", reverse("campaign:manage_newsletter_send", args=[issue.pk])),
    }


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("screen", ["list", "add", "issue", "edit", "preview", "send"])
def test_only_staff_open_the_newsletter_screens(client, request, persona, screen, staff):
    subscriber("ana@example.org")
    method, url = _screens(draft(staff))[screen]
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))

    response = getattr(client, method)(url)

    if persona == "staff":
        assert response.status_code in (200, 302)
    elif persona == "anonymous":
        assert response.status_code == 302
        assert reverse("accounts:login") in response.url
    else:
        assert response.status_code == 403
    sent = Delivery.objects.exists()
    assert sent == (persona == "staff" and screen == "send")


def form_data(**fields):
    return {
        "subject": "Бюлетин №1",
        "intro": "Новини от проекта.",
        "topics": ["surveys"],
        "settlements": [Settlement.objects.get(slug="pirgovo").pk],
        **fields,
    }


def test_staff_count_the_recipients_before_saving(client, staff):
    subscriber("ana@example.org")
    subscriber("boris@example.org", topics=("toolkit",))
    client.force_login(staff)

    response = client.post(reverse("campaign:manage_newsletter_add"), form_data(count="1"))

    assert response.context["recipients"] == 1
    assert not NewsletterIssue.objects.exists()
    assert "Бюлетин №1" in response.content.decode()


def test_staff_save_a_draft_and_change_it(client, staff):
    client.force_login(staff)

    response = client.post(reverse("campaign:manage_newsletter_add"), form_data(save="1"))

    issue = NewsletterIssue.objects.get()
    assert response.url == reverse("campaign:manage_newsletter_issue", args=[issue.pk])
    assert (issue.status, issue.topics, issue.created_by) == ("draft", ["surveys"], staff)
    client.post(
        reverse("campaign:manage_newsletter_edit", args=[issue.pk]),
        form_data(subject="Бюлетин №2", topics=[], settlements=[]),
    )
    issue.refresh_from_db()
    assert (issue.subject, issue.topics, issue.settlements.count()) == ("Бюлетин №2", [], 0)


def test_a_subject_left_empty_is_refused_by_its_field_with_the_rest_kept(client, staff, english):
    client.force_login(staff)

    response = client.post(reverse("campaign:manage_newsletter_add"), form_data(subject=""))

    assert "subject" in response.context["form"].errors
    assert "Новини от проекта." in response.content.decode()
    assert not NewsletterIssue.objects.exists()


def test_the_preview_shows_the_issue_as_a_subscriber_receives_it(client, staff):
    issue = draft(staff, subject="Новини <b>важни</b>")
    client.force_login(staff)

    page = client.get(reverse("campaign:manage_newsletter_issue", args=[issue.pk])).content
    html = client.get(reverse("campaign:manage_newsletter_preview", args=[issue.pk]))

    assert "Новини &lt;b&gt;важни&lt;/b&gt;" in page.decode()
    assert "Център Динамика" in page.decode()
    assert "<title>Новини &lt;b&gt;важни&lt;/b&gt;</title>" in html.content.decode()
    assert "'unsafe-inline'" in html["Content-Security-Policy"]
    assert "script-src" not in html["Content-Security-Policy"]


def test_staff_send_from_the_issues_page_and_read_the_report(
    client, staff, django_capture_on_commit_callbacks, mailoutbox, english
):
    subscriber("ana@example.org")
    subscriber("boris@example.org")
    issue = draft(staff)
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("campaign:manage_newsletter_send", args=[issue.pk]))
    Delivery.objects.filter(subscriber__email="boris@example.org").update(
        status=Delivery.Status.BOUNCED, error="550 5.1.1 No such user"
    )
    response = client.get(reverse("campaign:manage_newsletter_issue", args=[issue.pk]))

    assert len(mailoutbox) == 2
    counts = response.context["counts"]
    assert (counts["sent"], counts["bounced"], counts["failed"], counts["pending"]) == (1, 1, 0, 0)
    assert "550 5.1.1 No such user" in response.content.decode()
    assert "Newsletter issue sent" in response.content.decode()


def test_the_list_of_issues_reads_few_queries_however_many(
    client, staff, django_assert_max_num_queries
):
    subscriber("ana@example.org")
    client.force_login(staff)
    url = reverse("campaign:manage_newsletter")

    def issues_sent(count):
        for _ in range(count):
            issue = issues.send_issue(draft(staff), user=staff)
            NewsletterIssue.objects.filter(pk=issue.pk).update(finished_at=timezone.now())

    issues_sent(1)
    client.get(url)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    issues_sent(15)
    with django_assert_max_num_queries(len(few)):
        response = client.get(url)
    assert len(response.context["issues"]) == 16
