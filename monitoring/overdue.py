"""What the access-to-information requests have waiting for coordinators: requests whose statutory
deadline has passed with no answer recorded. Registered when the app is ready."""

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.accounts.awaiting import Item, Section

from .deadlines import with_deadlines
from .models import InformationRequest


def overdue_requests(user):
    pending = InformationRequest.objects.filter(
        answer=InformationRequest.Answer.PENDING
    ).select_related("round", "settlement")
    overdue = sorted(
        (row for row in with_deadlines(pending) if row.overdue), key=lambda row: row.deadline
    )
    return [
        Item(
            title=row.request.subject,
            url=reverse("monitoring:request_edit", args=[row.request.round.slug, row.request.pk]),
            detail=gettext("%(round)s: to %(settlement)s, submitted on %(submitted)s")
            % {
                "round": row.request.round.title,
                "settlement": row.request.settlement.display_name,
                "submitted": f"{row.request.submitted_on:%d.%m.%Y}",
            },
            due=row.deadline,
            overdue=True,
        )
        for row in overdue
    ]


OVERDUE_REQUESTS = Section(
    title=_("Access-to-information requests past their deadline"),
    permission="monitoring.coordinate_round",
    order=60,
    description=_(
        "Requests to the municipality under ЗДОИ with no answer recorded after the statutory "
        "deadline: record the answer, or that none came."
    ),
    items=overdue_requests,
)
