"""The public face of civic monitoring: what it is with the published rounds, each round's
scorecard (and its open data) and each finding. Members of a round, and the municipality during
its right of reply, see a round's pages before publication, marked as a draft; everyone else gets
"not found" until it is published."""

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from ivanovo_portal.activities import overview
from ivanovo_portal.places.models import Settlement
from ivanovo_portal.project import Activity
from monitoring.access import is_member, may_see
from monitoring.models import Criterion, Evidence, Membership, Observation, Round
from monitoring.open_data import open_data
from monitoring.scorecard import chart, overall_figures, scorecard, settlement_label
from monitoring.services.replies import reply_state

IN_PROGRESS = [Round.Status.FIELDWORK, Round.Status.VERIFICATION, Round.Status.REPLY]


def _get_round_for_user(user, slug):
    """The round if ``user`` may see its scores: anyone once published, members before."""
    round_ = get_object_or_404(
        Round.objects.select_related("version__framework", "report"), slug=slug
    )
    if not may_see(user, round_):
        raise Http404
    return round_


def index(request):
    published = list(Round.objects.published().select_related("version__framework", "report"))
    figures = overall_figures(published)
    return render(
        request,
        "monitoring/index.html",
        overview(Activity.MONITORING)
        | {
            "published": [
                (round_, figures[round_.pk], round_.public_report()) for round_ in published
            ],
            "in_progress": list(Round.objects.filter(status__in=IN_PROGRESS)),
        },
    )


def scorecard_page(request, slug):
    round_ = _get_round_for_user(request.user, slug)
    card = scorecard(round_)
    return render(
        request,
        "monitoring/public/scorecard.html",
        {
            "round": round_,
            "card": card,
            "report": round_.public_report(),
            "area_chart": chart(card.areas, _("The index by area")),
            "settlement_chart": chart(card.settlements, _("The index by what was monitored")),
        },
    )


def scorecard_json(request, slug):
    round_ = _get_round_for_user(request.user, slug)
    return JsonResponse(
        open_data(scorecard(round_)), json_dumps_params={"ensure_ascii": False, "indent": 1}
    )


def finding(request, slug, settlement_slug, code):
    round_ = _get_round_for_user(request.user, slug)
    settlement = get_object_or_404(Settlement, slug=settlement_slug)
    criterion = get_object_or_404(
        Criterion.objects.select_related("area").prefetch_related("scale"),
        area__version=round_.version,
        code=code,
    )
    observation = get_object_or_404(
        Observation.objects.select_related("reply", "monitor"),
        round=round_,
        criterion=criterion,
        settlement=settlement,
    )
    observation.round = round_
    member = is_member(request.user, round_)
    evidence = Evidence.objects.filter(observation=observation)
    if not member:
        evidence = evidence.filter(is_public=True)
    evidence = list(evidence)
    name_public = Membership.objects.filter(
        round=round_, user=observation.monitor_id, name_public=True
    ).exists()
    return render(
        request,
        "monitoring/public/finding.html",
        {
            "round": round_,
            "criterion": criterion,
            "settlement": settlement,
            "settlement_label": settlement_label(settlement),
            "observation": observation,
            "verified": observation.status == Observation.Status.VERIFIED,
            "evidence": evidence,
            "member": member,
            "monitor": observation.monitor if name_public else None,
            "reply_state": reply_state(observation),
        },
    )
