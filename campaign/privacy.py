"""What the campaign keeps about people, for the personal-data register: the newsletter's
subscribers (an address, a settlement and the topics followed, given with consent), and the
staff who wrote the news, the issues and the reach log.

An address never confirmed is deleted ``KEPT_DAYS`` after it was given, one unsubscribed
``KEPT_DAYS`` after unsubscribing (time to take it back, and to answer a question about it). The
delivery rows stay without the address: how many received each issue is still true."""

from django.apps import apps
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.accounts import personal_data
from ivanovo_portal.accounts.personal_data import Declaration, LegalBasis

from .models import Subscriber

KEPT_DAYS = 30
Status = Subscriber.Status


def _expired(cutoff):
    never_confirmed = Q(status=Status.PENDING, created_at__lt=cutoff)
    unsubscribed = Q(status=Status.UNSUBSCRIBED, unsubscribed_at__lt=cutoff)
    return Subscriber.objects.filter(never_confirmed | unsubscribed)


def _subscriptions_of(person):
    if not person.email:
        return Subscriber.objects.none()
    return Subscriber.objects.filter(email__iexact=person.email)


def _staff_links(model):
    """The fields of ``model`` naming an account: who wrote, published or sent something."""
    return tuple(
        field.name
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model._meta.label == settings.AUTH_USER_MODEL
    )


def declare():
    register = personal_data.declarations.register
    register(
        "newsletter_subscribers",
        Declaration(
            model=Subscriber,
            fields=("email",),
            data=_(
                "Newsletter subscribers: e-mail address, settlement and the activities followed"
            ),
            purpose=_("To send the project's newsletter to those who asked for it and confirmed"),
            legal_basis=LegalBasis.CONSENT,
            retention=_(
                "Until the person unsubscribes, then %(days)s days; an address never confirmed "
                "is deleted %(days)s days after it was given. The number of issues sent stays, "
                "without addresses"
            ),
            retention_days=KEPT_DAYS,
            expired=_expired,
            of=_subscriptions_of,
            context=("settlement", "status", "consented_at", "confirmed_at", "unsubscribed_at"),
        ),
    )
    for model in apps.get_app_config("campaign").get_models():
        if names := _staff_links(model):
            register(
                f"campaign_{model._meta.model_name}_staff",
                personal_data.staff_declaration(model, *names),
            )
