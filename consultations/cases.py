"""Where the consultations used participation methods, for the toolkit's "used here" (registered
with ``ivanovo_portal.cases``): every public consultation is a case of the public discussion —
its meetings in the settlements and who came, as the coverage page gives them to the public —
and, once it takes comments online, a case of the online consultation too."""

from django.db.models import Count, Prefetch, Q, prefetch_related_objects
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext

from ivanovo_portal.cases import Case, Figure, Tally, count_figure, recommendation_tallies

from .coverage import ACCEPTED, coverage
from .models import Comment, ConsultationReport

DISCUSSION = "public-discussion"
ONLINE = "online-consultation"
# The online case's key is the consultation's slug after this: one provider, two cases each.
ONLINE_PREFIX = "online-"


def _outcome(consultation, reports, tally):
    parts = []
    if consultation.statement_published_at:
        parts.append(gettext("The справка on the proposals is published."))
    if reports:
        parts.append(
            ngettext(
                "%(reports)d consultation report published, with %(recommendations)d "
                "recommendation.",
                "%(reports)d consultation reports published, with %(recommendations)d "
                "recommendations.",
                len(reports),
            )
            % {"reports": len(reports), "recommendations": tally.made}
        )
    return " ".join(parts)


def _what_changed(consultation, accepted, tally):
    parts = []
    if accepted:
        parts.append(
            ngettext(
                "%(n)d proposal accepted wholly or in part.",
                "%(n)d proposals accepted wholly or in part.",
                accepted,
            )
            % {"n": accepted}
        )
    if consultation.adopted_on:
        parts.append(
            gettext("The document was adopted on %(date)s.")
            % {"date": formats.date_format(consultation.adopted_on, "d.m.Y")}
        )
    if tally.what_changed:
        parts.append(tally.what_changed)
    return " ".join(parts)


def _statement_url(consultation):
    if consultation.statement_published_at is None:
        return ""
    return reverse("consultations:statement", args=[consultation.slug])


def _discussion(item, groups, reports, tally):
    consultation, total = item.consultation, item.total
    held_in = tuple(row.settlement.display_name for row in item.rows if row.held)
    by_group = ()
    if total.by_group is not None:
        by_group = tuple(
            count_figure(group.display_name, count)
            for group, count in zip(groups, total.by_group, strict=True)
        )
    return Case(
        key=consultation.slug,
        method=DISCUSSION,
        title=consultation.title,
        issue=consultation.summary,
        places=held_in or (gettext("The whole municipality"),),
        starts_on=consultation.opens_on,
        ends_on=consultation.closes_on,
        participants=total.participants,
        by_group=by_group,
        results=(
            Figure(gettext("Meetings held"), str(total.held)),
            Figure(gettext("Proposals published"), str(total.proposals)),
        ),
        outcome=_outcome(consultation, reports, tally),
        what_changed=_what_changed(consultation, total.accepted, tally),
        url=consultation.get_absolute_url(),
        results_url=_statement_url(consultation),
        recommendations=tally.made,
    )


def _online(consultation, comments):
    made, accepted = comments.get(consultation.pk, (0, 0))
    return Case(
        key=f"{ONLINE_PREFIX}{consultation.slug}",
        method=ONLINE,
        title=consultation.title,
        issue=consultation.summary,
        places=(gettext("The whole municipality"),),
        starts_on=consultation.opens_on,
        ends_on=consultation.closes_on,
        # Comments, not people: one person may write several.
        participants=None,
        results=(
            Figure(gettext("Comments published online"), str(made)),
            Figure(gettext("Of them accepted wholly or in part"), str(accepted)),
        ),
        outcome=_outcome(consultation, [], Tally()),
        what_changed=_what_changed(consultation, accepted, Tally()),
        url=consultation.get_absolute_url(),
        results_url=_statement_url(consultation),
    )


def consultation_cases():
    """Every public consultation as a public discussion, and as an online consultation once
    its comment period has opened: a fixed number of queries however many."""
    found = coverage(exact=False)
    consultations = [item.consultation for item in found.consultations]
    published = ConsultationReport.objects.filter(status=ConsultationReport.Status.PUBLISHED)
    prefetch_related_objects(
        consultations, Prefetch("reports", queryset=published, to_attr="published_reports")
    )
    tallies = recommendation_tallies(
        ConsultationReport, [r.pk for c in consultations for r in c.published_reports]
    )
    comments = {
        consultation: (made, accepted)
        for consultation, made, accepted in Comment.objects.published()
        .filter(consultation__in=consultations, channel=Comment.Channel.ONLINE)
        .order_by()
        .values_list("consultation")
        .annotate(made=Count("pk"), accepted=Count("pk", filter=Q(decision__in=ACCEPTED)))
    }
    today = timezone.localdate()
    cases = []
    for item in found.consultations:
        consultation = item.consultation
        own = consultation.published_reports
        tally = sum((tallies.get(report.pk, Tally()) for report in own), Tally())
        cases.append(_discussion(item, found.groups, own, tally))
        if consultation.opens_on <= today:
            cases.append(_online(consultation, comments))
    return cases


def register():
    """Called from ``ConsultationsConfig.ready()``."""
    from ivanovo_portal.cases import Provider, cases

    cases.register("consultations", Provider((DISCUSSION, ONLINE), consultation_cases))
