"""What the surveys have waiting for staff: open questionnaires that close soon while some of
their settlements are still below the responses aimed for. Registered when the app is ready."""

from datetime import timedelta

from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.accounts.awaiting import Item, Section

from .models import Questionnaire, Quota, Response

# How near its closing date a questionnaire behind its quotas is brought to the staff's attention:
# two weeks leave time for another round of visits or paper forms.
CLOSING_SOON = timedelta(days=14)


def _behind(questionnaires):
    """{questionnaire id: [(settlement, counted, target)]} of the settlements below their quota."""
    counted = (
        Response.objects.counted()
        .filter(questionnaire=OuterRef("questionnaire"), settlement=OuterRef("settlement"))
        .order_by()
        .values("settlement")
        .annotate(n=Count("pk"))
        .values("n")
    )
    quotas = (
        Quota.objects.filter(questionnaire__in=questionnaires, target__gt=0)
        .annotate(counted=Coalesce(Subquery(counted), 0))
        .filter(counted__lt=F("target"))
        .select_related("settlement")
    )
    behind = {}
    for quota in quotas:
        behind.setdefault(quota.questionnaire_id, []).append(
            (quota.settlement, quota.counted, quota.target)
        )
    return behind


def quotas_behind(user):
    closing = list(
        Questionnaire.objects.open()
        .filter(closes_at__lte=timezone.now() + CLOSING_SOON)
        .order_by("closes_at", "pk")
    )
    behind = _behind(closing)
    return [
        Item(
            title=questionnaire.title,
            url=reverse("surveys:progress"),
            detail=gettext("Below the quota: %(settlements)s")
            % {
                "settlements": ", ".join(
                    gettext("%(settlement)s %(counted)d of %(target)d")
                    % {"settlement": settlement.display_name, "counted": n, "target": target}
                    for settlement, n, target in behind[questionnaire.pk]
                )
            },
            due=timezone.localdate(questionnaire.closes_at),
        )
        for questionnaire in closing
        if questionnaire.pk in behind
    ]


QUOTAS_BEHIND = Section(
    title=_("Questionnaires closing soon with settlements below their quotas"),
    permission="surveys.view_results",
    order=50,
    description=_("Open questionnaires that close within two weeks."),
    items=quotas_behind,
)
