"""The newsletter's pages: subscribing (the same answer for every address), confirming by the
e-mailed link (a page that asks first: a GET never confirms), preferences, unsubscribing in one
step from the link in every issue (and RFC 8058's one-click POST from mail programs), and staff
composing, previewing, sending an issue and reading its report."""

import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csp import csp_override
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ivanovo_portal import floods
from ivanovo_portal.accounts.permissions import permission_required
from ivanovo_portal.activities import section
from ivanovo_portal.audit.selectors import history_of
from ivanovo_portal.project import Activity
from ivanovo_portal.refusals import Refused, apply_form

from .. import privacy
from ..forms.newsletter import IssueForm, PreferencesForm, SubscribeForm
from ..models import NewsletterIssue, Subscriber
from ..newsletter import emails, issues, links, selectors, subscriptions

# The flood count of the subscribe form.
SUBSCRIBE = "campaign.newsletter"
READ = "campaign.view_newsletterissue"
WRITE = "campaign.change_newsletterissue"
SEND = "campaign.change_newsletterissue"


def newsletter(request):
    """The subscribe form; every address sent gets the same answer, the mailbox the rest."""
    form = SubscribeForm(request.POST or None)
    sent = request.method == "POST" and form.is_valid()
    if sent and floods.sender_passes(request, form, SUBSCRIBE):
        subscribed = apply_form(form, subscriptions.subscribe, language=get_language())
        if subscribed is not None:
            return redirect("campaign:newsletter_sent")
    challenge = floods.challenge_for(request, SUBSCRIBE)
    return render(
        request,
        "campaign/newsletter.html",
        section(Activity.CAMPAIGN)
        | {"form": form, "proof_of_work": json.dumps(challenge) if challenge else None},
    )


def newsletter_sent(request):
    return render(request, "campaign/newsletter_sent.html", {"confirm_days": links.CONFIRM_DAYS})


@never_cache
def newsletter_confirm(request, token):
    """The confirmation link: a page with a button; the button confirms."""
    read = links.read_confirm_token(token)
    subscriber = read and Subscriber.objects.filter(key=read[0]).first()
    refusal = None
    if request.method == "POST":
        try:
            subscriber = subscriptions.confirm(token)
        except Refused as error:
            refusal = error.message
        else:
            messages.success(request, _("Thank you: you are subscribed."))
            return redirect("campaign:newsletter_preferences", subscriber.key)
    return render(
        request,
        "campaign/newsletter_confirm.html",
        {
            "subscriber": subscriber,
            "expired": bool(read and read[1]),
            "refusal": refusal,
            "confirm_days": links.CONFIRM_DAYS,
        },
        status=200 if subscriber else 404,
    )


def _subscriber_by_key(key, status=Subscriber.Status.CONFIRMED):
    return Subscriber.objects.filter(key=key, status=status).first()


def _link_gone(request):
    """What an old or mistyped link of an e-mail shows."""
    return render(request, "campaign/newsletter_gone.html", status=404)


@never_cache
def newsletter_preferences(request, key):
    """A subscriber's settlement and topics, from the link in every e-mail."""
    subscriber = _subscriber_by_key(key)
    if subscriber is None:
        return _link_gone(request)
    form = PreferencesForm(subscriber, request.POST or None)
    saved = request.method == "POST" and form.is_valid()
    if saved and apply_form(form, subscriptions.update_preferences, subscriber) is not None:
        messages.success(request, _("Your preferences are saved."))
        return redirect("campaign:newsletter_preferences", subscriber.key)
    return render(
        request, "campaign/newsletter_preferences.html", {"subscriber": subscriber, "form": form}
    )


@never_cache
def newsletter_unsubscribe(request, key):
    """The link in every issue: opening it unsubscribes, and the page offers to subscribe
    again."""
    subscriber = _subscriber_by_key(key)
    if subscriber is None:
        return _link_gone(request)
    subscriber = subscriptions.unsubscribe(subscriber)
    return render(
        request,
        "campaign/newsletter_unsubscribed.html",
        {"subscriber": subscriber, "kept_days": privacy.KEPT_DAYS},
    )


@csrf_exempt
@never_cache
def newsletter_one_click(request, key):
    """The ``List-Unsubscribe`` address (RFC 8058): a mail program's POST unsubscribes, without
    cookies or a form's token; opening it (a program looking at links does) only shows the
    button."""
    subscriber = _subscriber_by_key(key)
    if request.method == "POST":
        if subscriber is not None:
            subscriptions.unsubscribe(subscriber)
        # The same answer for a link used before: the address receives nothing either way.
        return HttpResponse(_("You are unsubscribed."), content_type="text/plain; charset=utf-8")
    if subscriber is None:
        return _link_gone(request)
    return render(request, "campaign/newsletter_one_click.html", {"subscriber": subscriber})


@require_POST
def newsletter_resubscribe(request, key):
    """ "Subscribe again" on the page that has just unsubscribed the person."""
    subscriber = _subscriber_by_key(key, Subscriber.Status.UNSUBSCRIBED)
    if subscriber is None:
        return _link_gone(request)
    try:
        subscriptions.resubscribe(subscriber)
    except Refused as refusal:
        messages.error(request, refusal.message)
        return redirect("campaign:newsletter")
    messages.success(request, _("You are subscribed again."))
    return redirect("campaign:newsletter_preferences", subscriber.key)


# Staff


def _get_issue_for_staff(pk):
    return get_object_or_404(NewsletterIssue, pk=pk)


@permission_required(READ)
def manage_newsletter(request):
    """The issues, the latest first, with what was sent, and the subscribers counted."""
    return render(
        request,
        "campaign/manage/newsletter.html",
        {"issues": selectors.issues(), "subscribers": selectors.subscriber_counts()},
    )


def _issue_form(request, issue=None):
    """The issue's form, with the recipients it would have counted when asked ("count") or
    shown again with errors; (form, recipients, saved issue or None)."""
    form = IssueForm(request.POST or None, issue=issue)
    if request.method != "POST" or not form.is_valid():
        return form, None, None
    if "count" in request.POST:
        data = form.cleaned_data
        return form, selectors.audience(data["topics"], data["settlements"]).count(), None
    if issue is None:
        saved = apply_form(form, issues.create_issue, user=request.user)
    else:
        saved = apply_form(form, issues.update_issue, issue, user=request.user)
    return form, None, saved


@permission_required(WRITE)
def manage_newsletter_add(request):
    form, recipients, saved = _issue_form(request)
    if saved is not None:
        messages.success(request, _("The issue is saved as a draft."))
        return redirect("campaign:manage_newsletter_issue", saved.pk)
    return render(
        request,
        "campaign/manage/newsletter_form.html",
        {"form": form, "recipients": recipients, "issue": None},
    )


@permission_required(WRITE)
def manage_newsletter_edit(request, pk):
    issue = _get_issue_for_staff(pk)
    if issue.status != NewsletterIssue.Status.DRAFT:
        return redirect("campaign:manage_newsletter_issue", issue.pk)
    form, recipients, saved = _issue_form(request, issue)
    if saved is not None:
        messages.success(request, _("The issue is saved."))
        return redirect("campaign:manage_newsletter_issue", saved.pk)
    return render(
        request,
        "campaign/manage/newsletter_form.html",
        {"form": form, "recipients": recipients, "issue": issue},
    )


def _preview(issue):
    """The issue's message to a stand-in subscriber (whose links lead nowhere)."""
    subscriber = Subscriber(email="subscriber@example.org", key="preview")
    return emails.issue_message(emails.issue_content(issue), subscriber)


@permission_required(READ)
def manage_newsletter_issue(request, pk):
    """An issue: its preview (the text version here, the HTML one a click away), whom it goes
    to, and once sent, the report of what was sent, bounced or failed, counted as it goes."""
    issue = _get_issue_for_staff(pk)
    draft = issue.status == NewsletterIssue.Status.DRAFT
    message = _preview(issue)
    return render(
        request,
        "campaign/manage/newsletter_issue.html",
        {
            "issue": issue,
            "draft": draft,
            "message": message,
            "audience": selectors.audience_of(issue).count() if draft else None,
            "counts": None if draft else selectors.delivery_counts(issue),
            "failures": [] if draft else selectors.failures(issue),
            "settlements": list(issue.settlements.all()),
            "topics": [Activity(topic).label for topic in issue.topics],
            "history": history_of(issue),
        },
    )


# The e-mail's own styles are in the message, as mail programs need them; nothing else loads.
PREVIEW_POLICY = {
    "default-src": ["'none'"],
    "style-src": ["'unsafe-inline'"],
    "form-action": ["'none'"],
}


@permission_required(READ)
@csp_override(PREVIEW_POLICY)
def manage_newsletter_preview(request, pk):
    """The HTML version of the issue, alone, as a mail program shows it."""
    issue = _get_issue_for_staff(pk)
    html, _media_type = _preview(issue).alternatives[0]
    return HttpResponse(html)


@require_POST
@permission_required(SEND)
def manage_newsletter_send(request, pk):
    issue = _get_issue_for_staff(pk)
    try:
        issue = issues.send_issue(issue, user=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        sending = ngettext(
            "The issue is being sent to %(count)s subscriber.",
            "The issue is being sent to %(count)s subscribers.",
            issue.recipients,
        )
        messages.success(request, sending % {"count": issue.recipients})
    return redirect("campaign:manage_newsletter_issue", issue.pk)
