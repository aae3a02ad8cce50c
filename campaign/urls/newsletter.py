from django.urls import path

from ..views import newsletter

urlpatterns = [
    path("newsletter/", newsletter.newsletter, name="newsletter"),
    path("newsletter/sent/", newsletter.newsletter_sent, name="newsletter_sent"),
    path(
        "newsletter/confirm/<str:token>/",
        newsletter.newsletter_confirm,
        name="newsletter_confirm",
    ),
    path(
        "newsletter/preferences/<str:key>/",
        newsletter.newsletter_preferences,
        name="newsletter_preferences",
    ),
    path(
        "newsletter/unsubscribe/<str:key>/",
        newsletter.newsletter_unsubscribe,
        name="newsletter_unsubscribe",
    ),
    path(
        "newsletter/unsubscribe/<str:key>/one-click/",
        newsletter.newsletter_one_click,
        name="newsletter_one_click",
    ),
    path(
        "newsletter/resubscribe/<str:key>/",
        newsletter.newsletter_resubscribe,
        name="newsletter_resubscribe",
    ),
    path("campaign/manage/newsletter/", newsletter.manage_newsletter, name="manage_newsletter"),
    path(
        "campaign/manage/newsletter/new/",
        newsletter.manage_newsletter_add,
        name="manage_newsletter_add",
    ),
    path(
        "campaign/manage/newsletter/<int:pk>/",
        newsletter.manage_newsletter_issue,
        name="manage_newsletter_issue",
    ),
    path(
        "campaign/manage/newsletter/<int:pk>/edit/",
        newsletter.manage_newsletter_edit,
        name="manage_newsletter_edit",
    ),
    path(
        "campaign/manage/newsletter/<int:pk>/preview/",
        newsletter.manage_newsletter_preview,
        name="manage_newsletter_preview",
    ),
    path(
        "campaign/manage/newsletter/<int:pk>/send/",
        newsletter.manage_newsletter_send,
        name="manage_newsletter_send",
    ),
]
